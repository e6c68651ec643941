"""Server-rendered SVG charts: horizontal bars (counts, or progress out of 100) and a line of
points (a trend over the years). Each is an ``<svg role="img">`` named by its ``<title>`` and
described by its ``<desc>``, which also reads out every value; the page puts the data table
beside it.

The SVG is written as plain text with every value escaped once (``escape``) and marked safe once
at the end: a dashboard draws hundreds of elements, and building each through ``format_html``
costs far more than the drawing itself."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

COLOUR = "#0b4f7c"
LATE_COLOUR = "#a1111a"
TRACK_COLOUR = "#e8edf2"
AXIS_COLOUR = "#6b7580"


@dataclass(frozen=True)
class Bar:
    """One bar (or one point of a line): its label, its value (``None`` for no bar, a gap in a
    line) and the value as written beside it and read out in the description."""

    label: str
    value: float | None
    text: str
    colour: str = COLOUR


@dataclass(frozen=True)
class Layout:
    """The sizes of a bar chart, in SVG units. A row holds the label, then the bar on its grey
    track, then the value after the track; the offsets are from the top of the row."""

    width: int = 420
    value_width: int = 90
    row_height: int = 40
    bar_height: int = 14
    font_size: int = 13
    label_baseline: int = 13
    bar_top: int = 19
    value_baseline: int = 31
    label_chars: int = 50


LINE_HEIGHT = 200


def shorten(label: str, length: int) -> str:
    """``label`` cut to ``length`` characters, the last one an ellipsis when it was longer."""
    return label if len(label) <= length else label[: length - 1] + "…"


def scaled(value: float | None, top: float, length: float) -> float:
    """The length (one decimal) that ``value`` takes of ``length`` when ``top`` fills it all:
    3 of 4 over 400 is 300.0. No value, or a scale of nothing, is no length."""
    if not value or value < 0 or top <= 0:
        return 0.0
    return round(length * min(value, top) / top, 1)


def _frame(key: str, title: str, desc: str, bars: Sequence[Bar], size: str, body: str) -> str:
    # The text alternative reads each value out, punctuated as the reader's language does
    # (French puts a no-break space before the colon and the semicolon).
    values = _("; ").join(
        _("%(label)s: %(value)s") % {"label": bar.label, "value": bar.text} for bar in bars
    ) or _("No data")
    key = escape(key)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'aria-labelledby="{key}-title {key}-desc" viewBox="0 0 {size}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" font-family="system-ui, sans-serif" '
        f'fill="#1b1f24"><title id="{key}-title">{escape(title)}</title>'
        f'<desc id="{key}-desc">{escape(desc)} {escape(values)}</desc>{body}</svg>'
    )


def _no_data() -> str:
    return f'<text x="0" y="20" font-size="14">{escape(_("No data"))}</text>'


def bar_chart(
    *,
    key: str,
    title: str,
    desc: str,
    bars: Sequence[Bar],
    top: float | None = None,
    layout: Layout = Layout(),
) -> SafeString:
    """Horizontal bars, one a row, each as long as its share of ``top`` (the largest value when
    not given; 100 for progress in per cent), with its label above and its value after it."""
    if top is None:
        top = max([bar.value or 0 for bar in bars] + [1])
    track = layout.width - layout.value_width
    font = layout.font_size
    parts = []
    for i, bar in enumerate(bars):
        y = i * layout.row_height
        bar_y = y + layout.bar_top
        parts.append(
            f'<g><text x="0" y="{y + layout.label_baseline}" font-size="{font}">'
            f"{escape(shorten(bar.label, layout.label_chars))}</text>"
            f'<rect x="0" y="{bar_y}" width="{track}" height="{layout.bar_height}" '
            f'fill="{TRACK_COLOUR}"></rect>'
            f'<rect x="0" y="{bar_y}" width="{scaled(bar.value, top, track)}" '
            f'height="{layout.bar_height}" fill="{escape(bar.colour)}"></rect>'
            f'<text x="{track + 6}" y="{y + layout.value_baseline}" font-size="{font}" '
            f'font-weight="600">{escape(bar.text)}</text></g>'
        )
    if not bars:
        parts.append(_no_data())
    height = layout.row_height * max(len(bars), 1)
    return mark_safe(  # every value above is escaped
        _frame(key, title, desc, bars, f"{layout.width} {height}", "".join(parts))
    )


def line_chart(
    *, key: str, title: str, desc: str, bars: Sequence[Bar], width: int = Layout.width
) -> SafeString:
    """The points from left to right (years, say), joined by a line, a gap where a value is
    missing; some labels below, and the highest value written at the top left."""
    left, right, top_pad, bottom = 10, 20, 20, 40
    plot_w = width - left - right
    plot_h = LINE_HEIGHT - top_pad - bottom
    top = max([bar.value or 0 for bar in bars] + [1])
    n = len(bars)
    if not bars:
        return mark_safe(_frame(key, title, desc, bars, f"{width} {LINE_HEIGHT}", _no_data()))
    base = top_pad + plot_h
    parts = [
        f'<line x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}" '
        f'stroke="{AXIS_COLOUR}"></line>'
    ]
    points = []
    for i, bar in enumerate(bars):
        x = left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)
        if i == 0 or i == n - 1 or n <= 12 or i % max(1, n // 8) == 0:
            parts.append(
                f'<text x="{round(x, 1)}" y="{LINE_HEIGHT - 18}" font-size="12" '
                f'text-anchor="middle">{escape(bar.label)}</text>'
            )
        if bar.value is None:
            continue
        y = base - plot_h * bar.value / top
        points.append(f"{x:.1f},{y:.1f}")
        parts.append(
            f'<circle cx="{round(x, 1)}" cy="{round(y, 1)}" r="3" fill="{COLOUR}"></circle>'
        )
    if len(points) > 1:  # the line under the points, just above the axis
        parts.insert(
            1,
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{COLOUR}" '
            'stroke-width="2"></polyline>',
        )
    highest = _("highest:")
    parts.append(
        f'<text x="{left}" y="12" font-size="12">{escape(highest)} '
        f"{escape(number_format(top, 0, force_grouping=True))}</text>"
    )
    return mark_safe(  # every value above is escaped
        _frame(key, title, desc, bars, f"{width} {LINE_HEIGHT}", "".join(parts))
    )
