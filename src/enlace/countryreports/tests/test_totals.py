"""The published figures summed by country and year follow publication, corrections and bulk
loads."""

from django.core.management import call_command

from enlace.accounts.models import User
from enlace.countryreports import services
from enlace.countryreports.indicators import FigureKey
from enlace.countryreports.models import CountryReport, FigureTotal

from .conftest import VALID, make_round, put_figures


def _total(country_code: str, year: int, slug: str = "victims_identified") -> int | None:
    found = FigureTotal.objects.filter(
        country__code=country_code, year=year, indicator=slug, crime="", dimension=""
    ).first()
    return found.value if found else None


def test_totals_follow_publication_and_correction(
    secretariat: User, officer: User, hnd_report: CountryReport
) -> None:
    put_figures(hnd_report, VALID)
    hnd_report.status = "accepted"
    hnd_report.save()
    assert _total("HND", 2023) is None
    services.report_publish(user=secretariat, report=hnd_report)
    assert _total("HND", 2023) == 40
    # A second round in the same year adds up.
    second = make_round(2023, [hnd_report.country]).reports.get()
    put_figures(second, {FigureKey("victims_identified"): 5})
    second.status = "accepted"
    second.save()
    services.report_publish(user=secretariat, report=second)
    assert _total("HND", 2023) == 45
    corrected = {**VALID, FigureKey("campaigns"): 9}
    services.report_revise(user=officer, report=hnd_report, reason="x", figures=corrected)
    assert _total("HND", 2023, "campaigns") == 9


def test_the_command_rebuilds_them(hnd_report: CountryReport) -> None:
    put_figures(hnd_report, VALID)
    CountryReport.objects.filter(pk=hnd_report.pk).update(status="published")
    hnd_report.figures.update(published=True)
    assert _total("HND", 2023) is None
    call_command("countryreports_totals", verbosity=0)
    assert _total("HND", 2023) == 40
