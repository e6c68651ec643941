"""The demo's country reports: 11 countries over ten years, every state of the review, figures
that pass the checks, marked as demo data, loaded once however often the demo runs."""

from django.test import Client

from enlace.countryreports.models import CountryReport, Figure, LegislationEntry, ReportingRound
from enlace.countryreports.services import report_errors
from enlace.demo.countryreports import load_countryreports_demo


def test_the_demo_history(demo: None, client: Client) -> None:
    assert ReportingRound.objects.count() == 10
    assert set(ReportingRound.objects.values_list("is_demo", flat=True)) == {True}
    assert CountryReport.objects.values("country").distinct().count() == 11
    statuses = set(CountryReport.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "queried", "accepted", "published"}
    assert CountryReport.objects.filter(revision=2).exists()
    assert all(report_errors(r).ok for r in CountryReport.objects.all()[:30])
    assert LegislationEntry.objects.count() == 11 * len(LegislationEntry.Topic.values)
    page = client.get("/statistics/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Demo data." in page
    figures = Figure.objects.count()
    load_countryreports_demo()
    assert Figure.objects.count() == figures
    assert ReportingRound.objects.count() == 10
