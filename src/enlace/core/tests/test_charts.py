"""The kernel's SVG charts, as a reader sees them: bars in proportion, labels escaped, every
value read out in the description, and an accessible name."""

import re

from django.utils import translation

from enlace.core import charts


def _rects(svg: str) -> list[tuple[float, str]]:
    return [(float(w), fill) for w, fill in re.findall(r'width="([\d.]+)"[^>]*fill="(#\w+)"', svg)]


def test_a_bar_for_3_of_4_is_three_quarters_of_the_track():
    svg = charts.bar_chart(
        key="k",
        title="Requests",
        desc="By type.",
        bars=[charts.Bar("Four", 4, "4"), charts.Bar("Three", 3, "3")],
    )
    track = charts.Layout().width - charts.Layout().value_width
    rects = _rects(svg)
    tracks = [w for w, fill in rects if fill == charts.TRACK_COLOUR]
    bars = [w for w, fill in rects if fill == charts.COLOUR]
    assert tracks == [track, track]
    assert bars == [track, track * 3 / 4]


def test_progress_is_out_of_a_hundred_and_never_outside_the_track():
    svg = charts.bar_chart(
        key="p",
        title="Progress",
        desc="",
        bars=[
            charts.Bar("Half", 50, "50 %"),
            charts.Bar("Over", 130, "130 %"),
            charts.Bar("None", None, "no data"),
            charts.Bar("Less", -5, "-5 %"),
        ],
        top=100,
    )
    track = charts.Layout().width - charts.Layout().value_width
    bars = [w for w, fill in _rects(svg) if fill == charts.COLOUR]
    assert bars == [track / 2, track, 0, 0]


def test_labels_and_titles_are_escaped_and_values_read_out():
    svg = charts.bar_chart(
        key="k",
        title="A & B",
        desc="Counts.",
        bars=[charts.Bar("<script>alert(1)</script>", 2, "2"), charts.Bar("Mexico", 1, "1")],
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert '<title id="k-title">A &amp; B</title>' in svg
    assert (
        '<desc id="k-desc">Counts. &lt;script&gt;alert(1)&lt;/script&gt;: 2; Mexico: 1</desc>'
        in svg
    )
    assert 'role="img"' in svg
    assert 'aria-labelledby="k-title k-desc"' in svg


def test_long_labels_are_shortened_in_the_drawing_not_in_the_description():
    label = "x" * 80
    svg = charts.bar_chart(
        key="k", title="T", desc="D", bars=[charts.Bar(label, 1, "1")], layout=charts.Layout()
    )
    assert f">{'x' * 49}…</text>" in svg
    assert f"{label}: 1</desc>" in svg


def test_an_empty_chart_says_so():
    with translation.override("en"):
        for draw in (charts.bar_chart, charts.line_chart):
            svg = draw(key="e", title="T", desc="D", bars=[])
            assert "No data</text>" in svg
            assert '<desc id="e-desc">D No data</desc>' in svg


def test_a_line_joins_the_points_and_leaves_a_gap_where_a_value_is_missing():
    with translation.override("en"):
        svg = charts.line_chart(
            key="t",
            title="Trend",
            desc="Victims by year.",
            bars=[
                charts.Bar("2020", 10, "10"),
                charts.Bar("2021", None, "withheld"),
                charts.Bar("2022", 1000, "1,000"),
            ],
        )
    assert svg.count("<circle") == 2
    assert len(re.search(r'<polyline points="([^"]+)"', svg)[1].split()) == 2
    assert ">2021</text>" in svg
    assert "2021: withheld" in svg
    assert "highest: 1,000</text>" in svg
