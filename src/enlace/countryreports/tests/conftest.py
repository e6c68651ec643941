"""Country report fixtures, on the shared ``net`` (Honduras, Mexico, Guatemala members).

- ``round_2023``: a round for 2023 with a draft report for each member country of ``net``;
- ``hnd_report`` / ``mex_report``: the Honduran and Mexican reports of that round (drafts);
- ``VALID``: a consistent set of figures (every breakdown adds up to its total);
- ``put_figures`` / ``set_status``: fixture helpers writing with the ORM (not the services
  under test).
"""

import datetime

import pytest

from enlace.conftest import Net
from enlace.countryreports.indicators import FigureKey
from enlace.countryreports.models import CountryReport, Figure, ReportingRound
from enlace.countryreports.totals import refresh_totals

K = FigureKey
VALID: dict[FigureKey, int] = {
    K("victims_identified"): 40,
    K("victims_identified", "", "sex", "female"): 25,
    K("victims_identified", "", "sex", "male"): 15,
    K("victims_identified", "", "age", "child"): 12,
    K("victims_identified", "", "age", "adult"): 28,
    K("victims_identified", "", "form", "sexual"): 30,
    K("victims_identified", "", "form", "forced_labour"): 10,
    K("convictions", "tip"): 7,
    K("convictions", "som"): 12,
    K("campaigns"): 3,
}


def put_figures(report: CountryReport, figures: dict[FigureKey, int]) -> None:
    report.figures.all().delete()
    Figure.objects.bulk_create(
        Figure(
            report=report,
            country_id=report.country_id,
            year=report.round.year,
            published=report.status == "published",
            indicator=k.indicator,
            crime=k.crime,
            dimension=k.dimension,
            category=k.category,
            value=v,
        )
        for k, v in figures.items()
    )


def set_status(report: CountryReport, status: str) -> CountryReport:
    report.status = status
    report.save()
    report.figures.update(published=status == "published")
    refresh_totals([(report.country_id, report.round.year)])
    return report


def make_round(year: int, countries: list[object]) -> ReportingRound:
    found = ReportingRound.objects.create(
        title=f"Round {year}",
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        deadline=datetime.date(year + 1, 3, 31),
    )
    for country in countries:
        CountryReport.objects.create(round=found, country=country)
    return found


@pytest.fixture
def round_2023(net: Net) -> ReportingRound:
    return make_round(2023, [net.honduras, net.mexico, net.guatemala])


@pytest.fixture
def hnd_report(round_2023: ReportingRound, net: Net) -> CountryReport:
    return round_2023.reports.get(country=net.honduras)


@pytest.fixture
def mex_report(round_2023: ReportingRound, net: Net) -> CountryReport:
    return round_2023.reports.get(country=net.mexico)
