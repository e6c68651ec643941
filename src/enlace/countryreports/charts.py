"""The charts of the statistics: horizontal bars (by country, by category) and a line of the
years (trend), drawn by ``enlace.core.charts``; the page puts the data table beside each."""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from enlace.core import charts


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
        bars = [charts.Bar(bar.label, bar.value, _value(bar)) for bar in self.bars]
        draw = charts.line_chart if self.kind == "line" else charts.bar_chart
        return draw(key=self.key, title=self.title, desc=self.desc, bars=bars)


def _value(bar: Bar) -> str:
    if bar.value is None:
        return bar.note or _("no data")
    return number_format(bar.value, 0, force_grouping=True)
