"""The regional statistics: the network's dashboard and the public, protected page.

Both aggregate in the database with grouped queries (``GROUP BY country, year`` for the chosen
indicator and breakdown) over ``FigureTotal``, the published figures already summed by country
and year (``enlace.countryreports.totals``), so a page costs the same handful of queries, and
about the same time, with a hundred thousand figures or a million: its cost follows the cells
it shows. Only figures of **published** reports count.

- ``dashboard``: the indicator by country and year with region totals, the trend over the
  years, the comparison between countries and the split by each breakdown (sex, age, form,
  citizenship); for people of the network (``access.can_view_statistics_dashboard``).
- ``public_table``: the same indicator by country and year for everyone, protected with
  ``enlace.countryreports.suppression`` (no count from 1 to 10 shown, complementary cells
  suppressed so no hidden value can be worked out from the totals). The public table is
  always the whole table of one indicator — every country and every year with published
  figures — never a filtered part: two different filtered tables with their own totals could
  be subtracted from each other to undo the protection.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min, Sum
from django.utils import translation
from django.utils.translation import gettext as _

from enlace import access
from enlace.countryreports import suppression
from enlace.countryreports.charts import Bar, Chart
from enlace.countryreports.indicators import (
    AGE_GROUPS,
    CATEGORIES,
    CRIMES,
    DIMENSIONS,
    INDICATORS,
    UNITS,
    UNODC_CATEGORY,
    UNODC_UNIT,
    Indicator,
    m49_region,
    parse_series,
)
from enlace.countryreports.models import FigureTotal, ReportingRound
from enlace.network.models import Country

DEFAULT_SERIES = "victims_identified"
PUBLIC_UNITS = ("persons", "cases", "count")


@dataclass
class Filters:
    series: str = DEFAULT_SERIES
    countries: list[str] = field(default_factory=list)  # ISO3 codes; empty = all
    year_from: int | None = None
    year_to: int | None = None
    sex: str = ""
    age: str = ""
    form: str = ""

    @property
    def breakdown(self) -> tuple[str, str]:
        """The one breakdown chosen (dimension, category), or ("", "") for the totals."""
        for dimension, category in (("sex", self.sex), ("age", self.age), ("form", self.form)):
            if category:
                return dimension, category
        return "", ""


def series_label(indicator: Indicator, crime: str) -> str:
    return str(indicator.label) + (f" ({CRIMES[crime]})" if crime else "")


@dataclass
class MatrixRow:
    country: Country
    values: list[int | None]
    total: int


@dataclass
class Dashboard:
    filters: Filters
    indicator: Indicator
    crime: str
    label: str
    unit: str
    years: list[int]
    countries: list[Country]
    rows: list[MatrixRow]
    year_totals: list[int | None]
    total: int
    by_country: Chart
    trend: Chart
    breakdowns: list[tuple[str, Chart]]
    is_demo: bool
    available_years: tuple[int | None, int | None]

    @property
    def charts(self) -> list[Chart]:
        return [self.trend, self.by_country] + [chart for _d, chart in self.breakdowns]


def _published(indicator: Indicator, crime: str) -> Any:
    """The totals by country and year of the published figures of one indicator."""
    return FigureTotal.objects.filter(indicator=indicator.code, crime=crime)


def has_demo_data() -> bool:
    return ReportingRound.objects.filter(is_demo=True).exists()


def dashboard(user: access.Who, filters: Filters) -> Dashboard:
    if not access.can_view_statistics_dashboard(access.actor_for(user)):
        raise PermissionDenied
    parsed = parse_series(filters.series) or parse_series(DEFAULT_SERIES)
    assert parsed is not None
    indicator, crime = parsed
    filters.series = f"{indicator.code}.{crime}" if crime else indicator.code
    dimension, category = filters.breakdown
    if dimension and (
        dimension not in indicator.dimensions or category not in CATEGORIES[dimension]
    ):
        dimension = category = ""
        filters.sex = filters.age = filters.form = ""

    members = list(Country.objects.filter(status=Country.Status.MEMBER).order_by("name_es"))
    members.sort(key=lambda c: c.name)
    chosen = [c for c in members if c.code in filters.countries] or members
    filters.countries = [c.code for c in chosen] if len(chosen) < len(members) else []

    base = _published(indicator, crime)
    span = base.aggregate(low=Min("year"), high=Max("year"))
    low, high = span["low"], span["high"]
    year_from = filters.year_from or low
    year_to = filters.year_to or high
    selection = base.filter(country__in=[c.pk for c in chosen])
    if year_from is not None:
        selection = selection.filter(year__gte=year_from)
    if year_to is not None:
        selection = selection.filter(year__lte=year_to)

    cells: dict[tuple[int, int], int] = {}
    for row in (
        selection.filter(dimension=dimension, category=category)
        .order_by()
        .values("country_id", "year")
        .annotate(v=Sum("value"))
    ):
        cells[(row["country_id"], row["year"])] = row["v"]
    years = list(range(year_from, year_to + 1)) if year_from and year_to else []
    rows = []
    for country in chosen:
        values = [cells.get((country.pk, y)) for y in years]
        if any(v is not None for v in values):
            rows.append(MatrixRow(country, values, sum(v or 0 for v in values)))
    year_totals: list[int | None] = []
    for i, _y in enumerate(years):
        present = [r.values[i] for r in rows if r.values[i] is not None]
        year_totals.append(sum(v for v in present if v is not None) if present else None)
    total = sum(r.total for r in rows)

    split: dict[str, dict[str, int]] = {}
    if indicator.dimensions:
        for row in (
            selection.exclude(dimension="")
            .order_by()
            .values("dimension", "category")
            .annotate(v=Sum("value"))
        ):
            split.setdefault(row["dimension"], {})[row["category"]] = row["v"]
    label = series_label(indicator, crime)
    if dimension:
        label += f", {DIMENSIONS[dimension]}: {CATEGORIES[dimension][category]}"
    period = f"{year_from}–{year_to}" if years else ""
    breakdowns = []
    for dim in indicator.dimensions:
        categories = CATEGORIES[dim]
        if dim == "age":
            categories = {k: v for k, v in categories.items() if k in AGE_GROUPS} | {
                k: v for k, v in categories.items() if k not in AGE_GROUPS
            }
        found = split.get(dim, {})
        breakdowns.append(
            (
                dim,
                Chart(
                    key=f"split-{dim}",
                    title=f"{series_label(indicator, crime)}, {DIMENSIONS[dim]}",
                    desc=_("Sum over the countries and years chosen (%(period)s).")
                    % {"period": period},
                    bars=[
                        Bar(str(name), found.get(code))
                        for code, name in categories.items()
                        if code in found
                    ],
                ),
            )
        )
    return Dashboard(
        filters=filters,
        indicator=indicator,
        crime=crime,
        label=label,
        unit=str(UNITS[indicator.unit]),
        years=years,
        countries=members,
        rows=rows,
        year_totals=year_totals,
        total=total,
        by_country=Chart(
            key="by-country",
            title=_("%(indicator)s by country, %(period)s")
            % {"indicator": label, "period": period},
            desc=_("Sum of the published figures of each country over the period."),
            bars=[Bar(r.country.name, r.total) for r in rows],
        ),
        trend=Chart(
            key="trend",
            title=_("%(indicator)s in the region, by year") % {"indicator": label},
            desc=_("Sum of the published figures of the countries chosen, year by year."),
            bars=[Bar(str(y), t) for y, t in zip(years, year_totals, strict=True)],
            kind="line",
        ),
        breakdowns=breakdowns,
        is_demo=has_demo_data(),
        available_years=(low, high),
    )


def matrix_table(board: Dashboard) -> list[list[Any]]:
    """The view's table as rows for CSV and XLSX: a header, one row per country, the totals."""
    header = [_("Country code"), _("Country")] + [str(y) for y in board.years] + [_("Total")]
    out: list[list[Any]] = [header]
    for row in board.rows:
        out.append([row.country.code, row.country.name, *row.values, row.total])
    out.append(["", _("Region total"), *board.year_totals, board.total])
    return out


# --- the UNODC-shaped long export -------------------------------------------------------------

# UNODC's long data format, its columns in its order.
UNODC_HEADER = [
    "Iso3_code",
    "Country",
    "Region",
    "Subregion",
    "Indicator",
    "Dimension",
    "Category",
    "Sex",
    "Age",
    "Year",
    "Unit of measurement",
    "VALUE",
    "Source",
]


def unodc_rows(
    user: access.Who, filters: Filters, all_indicators: bool = True
) -> Iterator[list[Any]]:
    """Every published figure of the selection, summed by country and year in the database, in
    the columns of UNODC's global report data. One query, streamed."""

    if not access.can_view_statistics_dashboard(access.actor_for(user)):
        raise PermissionDenied
    queryset = FigureTotal.objects.all()
    parsed = parse_series(filters.series)
    if parsed is not None and not all_indicators:
        queryset = queryset.filter(indicator=parsed[0].code, crime=parsed[1])
    if filters.countries:
        queryset = queryset.filter(country__code__in=filters.countries)
    if filters.year_from:
        queryset = queryset.filter(year__gte=filters.year_from)
    if filters.year_to:
        queryset = queryset.filter(year__lte=filters.year_to)
    grouped = (
        queryset.order_by()
        .values(
            "country__code",
            "country__name_en",
            "indicator",
            "crime",
            "dimension",
            "category",
            "year",
        )
        .annotate(v=Sum("value"))
        .order_by("country__code", "indicator", "crime", "year", "dimension", "category")
    )
    yield UNODC_HEADER
    crime_names = {"tip": "Trafficking in persons", "som": "Smuggling of migrants"}
    # The whole file in English, as UNODC publishes it: an indicator without a UNODC name
    # takes its English label, whatever the language of the page that asked for the file.
    with translation.override("en"):
        names = {code: i.unodc or str(i.label) for code, i in INDICATORS.items()}
    for row in grouped.iterator(chunk_size=5000):
        indicator = INDICATORS.get(row["indicator"])
        if indicator is None:
            continue
        name = names[indicator.code]
        if row["crime"]:
            name += f" - {crime_names[row['crime']]}"
        dimension, category, sex, age = "Total", "Total", "Total", "Total"
        if row["dimension"] == "sex":
            sex = UNODC_CATEGORY[row["category"]]
        elif row["dimension"] == "age":
            age = UNODC_CATEGORY[row["category"]]
        elif row["dimension"] == "form":
            dimension, category = "by form of exploitation", UNODC_CATEGORY[row["category"]]
        elif row["dimension"] == "citizenship":
            dimension, category = "by citizenship", UNODC_CATEGORY[row["category"]]
        region, subregion = m49_region(row["country__code"])
        yield [
            row["country__code"],
            row["country__name_en"],
            region,
            subregion,
            name,
            dimension,
            category,
            sex,
            age,
            row["year"],
            UNODC_UNIT[indicator.unit],
            row["v"],
            "CRM Liaison Officer Network country reports",
        ]


# --- the public, protected table ------------------------------------------------------------


def public_series() -> list[tuple[str, str]]:
    """The indicators the public page offers: counts (not the amounts in dollars)."""
    return [
        (f"{i.code}.{crime}" if crime else i.code, series_label(i, crime))
        for i in INDICATORS.values()
        if i.unit in PUBLIC_UNITS
        for crime in i.crimes
    ]


@dataclass
class PublicTable:
    series: str
    label: str
    unit: str
    years: list[int]
    countries: list[Country]
    table: suppression.ProtectedTable
    trend: Chart
    by_country: Chart
    is_demo: bool
    k: int = suppression.K

    @property
    def rows(self) -> list[tuple[Country, list[suppression.Cell], suppression.Cell]]:
        return [
            (country, self.table.cells[i], self.table.row_totals[i])
            for i, country in enumerate(self.countries)
        ]


def public_table(series: str) -> PublicTable:
    """The published totals of one indicator by country and year, protected. Open to
    everyone: nothing here can be traced back to fewer than k people."""
    parsed = parse_series(series)
    if parsed is None or parsed[0].unit not in PUBLIC_UNITS:
        parsed = parse_series(DEFAULT_SERIES)
    assert parsed is not None
    indicator, crime = parsed
    code = f"{indicator.code}.{crime}" if crime else indicator.code
    cells: dict[tuple[int, int], int] = {}
    for row in (
        _published(indicator, crime)
        .filter(dimension="", category="")
        .order_by()
        .values("country_id", "year")
        .annotate(v=Sum("value"))
    ):
        cells[(row["country_id"], row["year"])] = row["v"]
    present = {country_id for country_id, _y in cells}
    countries = sorted(Country.objects.filter(pk__in=present), key=lambda c: (c.name, c.code))
    years = sorted({y for _c, y in cells})
    if years:
        years = list(range(years[0], years[-1] + 1))
    grid = [[cells.get((c.pk, y)) for y in years] for c in countries]
    protected = suppression.protect(grid)
    note = _("suppressed (fewer than %(k)s, or would reveal such a count)") % {"k": suppression.K}
    label = series_label(indicator, crime)
    return PublicTable(
        series=code,
        label=label,
        unit=str(UNITS[indicator.unit]),
        years=years,
        countries=countries,
        table=protected,
        trend=Chart(
            key="public-trend",
            title=_("%(indicator)s in the region, by year") % {"indicator": label},
            desc=_("Published figures of all member countries; suppressed totals are not drawn."),
            bars=[
                Bar(str(y), cell.shown, note if cell.suppressed else "")
                for y, cell in zip(years, protected.column_totals, strict=True)
            ],
            kind="line",
        ),
        by_country=Chart(
            key="public-by-country",
            title=_("%(indicator)s by country, all years") % {"indicator": label},
            desc=_(
                "Sum of the published figures of each country; suppressed totals are not drawn."
            ),
            bars=[
                Bar(country.name, cell.shown, note if cell.suppressed else "")
                for country, cell in zip(countries, protected.row_totals, strict=True)
            ],
        ),
        is_demo=has_demo_data(),
    )


def public_csv_rows(table: PublicTable) -> Iterator[list[Any]]:
    """The protected table as CSV rows: a suppressed count is the letter ``S``."""
    yield [_("Country code"), _("Country")] + [str(y) for y in table.years] + [_("Total")]

    def shown(cell: suppression.Cell) -> Any:
        if not cell.reported:
            return ""
        return "S" if cell.suppressed else cell.value

    for country, cells, total in table.rows:
        yield [country.code, country.name, *[shown(c) for c in cells], shown(total)]
    totals = [shown(c) for c in table.table.column_totals]
    yield ["", _("Region total"), *totals, shown(table.table.total)]


def cooperation_charts(counts: dict[str, Any]) -> list[Chart]:
    """The anonymous counts of cooperation requests (enlace.cooperation.selectors
    .cooperation_counts) as the dashboard's charts: by type of request and by state."""
    return [
        Chart(
            key="cooperation-by-type",
            title=_("Cooperation requests by type"),
            desc=_("Requests between member countries since the first, by what they ask."),
            bars=[Bar(row["label"], row["count"]) for row in counts["by_type"]],
        ),
        Chart(
            key="cooperation-by-state",
            title=_("Cooperation requests by state"),
            desc=_("Where the requests stand today."),
            bars=[Bar(row["label"], row["count"]) for row in counts["by_state"]],
        ),
    ]
