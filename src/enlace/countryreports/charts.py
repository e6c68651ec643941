"""Server-rendered SVG charts of the statistics: horizontal bars (by country, by category) and a
line of the years (trend). Each is an ``<svg role="img">`` named by its ``<title>`` and described
by its ``<desc>``, which also reads out every value; the page puts the data table beside it."""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 420
VALUE_WIDTH = 90
ROW_HEIGHT = 40
BAR_HEIGHT = 14
LINE_HEIGHT = 200
COLOUR = "#0b4f7c"


@dataclass
class Bar:
    label: str
    value: int | None
    note: str = ""  # shown instead of a number when the value is withheld


@dataclass
class Chart:
    key: str
    title: str
    desc: str
    bars: list[Bar]
    kind: str = "bars"  # or "line"

    @property
    def svg(self) -> SafeString:
        return line_svg(self) if self.kind == "line" else bars_svg(self)


def _value(bar: Bar) -> str:
    if bar.value is None:
        return bar.note or _("no data")
    return number_format(bar.value, 0, force_grouping=True)


def _frame(chart: Chart, height: int, body: str) -> SafeString:
    values = "; ".join(f"{b.label}: {_value(b)}" for b in chart.bars) or _("No data")
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        'aria-labelledby="{key}-title {key}-desc" viewBox="0 0 {w} {h}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" font-family="system-ui, sans-serif" '
        'fill="#1b1f24"><title id="{key}-title">{title}</title>'
        '<desc id="{key}-desc">{desc} {values}</desc>{body}</svg>',
        key=chart.key,
        w=WIDTH,
        h=height,
        title=chart.title,
        desc=chart.desc,
        values=values,
        body=mark_safe(body),
    )


def bars_svg(chart: Chart) -> SafeString:
    track = WIDTH - VALUE_WIDTH
    top = max([b.value or 0 for b in chart.bars] + [1])
    parts = []
    for i, bar in enumerate(chart.bars):
        y = i * ROW_HEIGHT
        width = round(track * (bar.value or 0) / top, 1)
        parts.append(
            format_html(
                '<g><text x="0" y="{}" font-size="13">{}</text>'
                '<rect x="0" y="{}" width="{}" height="{}" fill="#e8edf2"></rect>'
                '<rect x="0" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="13" font-weight="600">{}</text></g>',
                y + 13,
                bar.label[:50],
                y + 19,
                track,
                BAR_HEIGHT,
                y + 19,
                width,
                BAR_HEIGHT,
                COLOUR,
                track + 6,
                y + 31,
                _value(bar),
            )
        )
    if not chart.bars:
        parts.append(format_html('<text x="0" y="20" font-size="14">{}</text>', _("No data")))
    return _frame(chart, max(ROW_HEIGHT * len(chart.bars), ROW_HEIGHT), "".join(parts))


def line_svg(chart: Chart) -> SafeString:
    """The years from left to right, a point for each (a gap where withheld)."""
    left, right, top_pad, bottom = 10, 20, 20, 40
    plot_w = WIDTH - left - right
    plot_h = LINE_HEIGHT - top_pad - bottom
    top = max([b.value or 0 for b in chart.bars] + [1])
    n = len(chart.bars)
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#6b7580"></line>',
            left,
            top_pad + plot_h,
            left + plot_w,
            top_pad + plot_h,
        )
    ]
    points = []
    for i, bar in enumerate(chart.bars):
        x = left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)
        if i == 0 or i == n - 1 or n <= 12 or i % max(1, n // 8) == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="12" text-anchor="middle">{}</text>',
                    round(x, 1),
                    LINE_HEIGHT - 18,
                    bar.label,
                )
            )
        if bar.value is None:
            continue
        y = top_pad + plot_h - plot_h * bar.value / top
        points.append(f"{x:.1f},{y:.1f}")
        parts.append(
            format_html(
                '<circle cx="{}" cy="{}" r="3" fill="{}"></circle>',
                round(x, 1),
                round(y, 1),
                COLOUR,
            )
        )
    if len(points) > 1:
        parts.insert(
            1,
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"></polyline>',
                " ".join(points),
                COLOUR,
            ),
        )
    parts.append(
        format_html(
            '<text x="{}" y="{}" font-size="12">{} {}</text>',
            left,
            12,
            _("highest:"),
            number_format(top, 0, force_grouping=True),
        )
    )
    if not chart.bars:
        parts = [format_html('<text x="0" y="20" font-size="14">{}</text>', _("No data"))]
    return _frame(chart, LINE_HEIGHT, "".join(parts))
