"""The opening paragraph generated from a meeting, in Spanish and English."""

import datetime

import pytest
from django.test import Client

from enlace.conftest import Net
from enlace.meetings.models import Meeting
from enlace.meetings.tests.factories import add_delegations, make_meeting
from enlace.reports.models import Report
from enlace.reports.opening import country_list, format_date, opening_paragraph

D = datetime.date


def test_tela_opening_is_the_demo_report_opening(demo: None) -> None:
    report = Report.objects.get(meeting__city="Tela", language="es")

    generated = opening_paragraph(report.meeting, "es")

    assert generated == report.opening
    assert (
        "representantes de Canadá, Costa Rica, El Salvador, Estados Unidos de América, "
        "Guatemala, Honduras, México, Nicaragua, Panamá y República Dominicana, presenta"
    ) in generated


def test_tela_opening_in_english(demo: None) -> None:
    meeting = Meeting.objects.get(city="Tela")

    assert opening_paragraph(meeting, "en") == (
        "The Network of Liaison Officers to Combat Trafficking in Persons and the Smuggling of "
        "Migrants of the member countries of the RCM, meeting on May 6, 2008 in Tela, Honduras, "
        "with the participation of representatives of Canada, Costa Rica, Dominican Republic, "
        "El Salvador, Guatemala, Honduras, Mexico, Nicaragua, Panama and United States of "
        "America, presents to the Regional Consultation Group on Migration its report in the "
        "following points:"
    )


def test_countries_sorted_without_regard_to_accents(net: Net) -> None:
    assert country_list([net.mexico, net.guatemala, net.honduras], "es") == (
        "Guatemala, Honduras y México"
    )
    assert country_list([net.mexico], "en") == "Mexico"
    assert country_list([net.mexico, net.honduras], "en") == "Honduras and Mexico"


@pytest.mark.parametrize(
    ("start", "end", "es", "en"),
    [
        (D(2008, 5, 6), D(2008, 5, 6), "6 de mayo de 2008", "May 6, 2008"),
        (D(2014, 6, 24), D(2014, 6, 25), "24 y 25 de junio de 2014", "June 24-25, 2014"),
        (D(1999, 10, 27), D(1999, 10, 29), "27 al 29 de octubre de 1999", "October 27-29, 1999"),
        (
            D(2014, 6, 30),
            D(2014, 7, 2),
            "30 de junio al 2 de julio de 2014",
            "June 30 - July 2, 2014",
        ),
        (
            D(2014, 12, 30),
            D(2015, 1, 2),
            "30 de diciembre de 2014 al 2 de enero de 2015",
            "December 30, 2014 - January 2, 2015",
        ),
    ],
)
def test_dates_and_ranges(start: D, end: D, es: str, en: str) -> None:
    assert format_date(start, end, "es") == es
    assert format_date(start, end, "en") == en


def test_a_range_reads_well_in_the_paragraph(net: Net) -> None:
    meeting = make_meeting(
        net, body=net.grcm, start_date=D(2014, 6, 30), end_date=D(2014, 7, 2), city="Panamá"
    )
    add_delegations(meeting, net.honduras)

    es = opening_paragraph(meeting, "es")
    en = opening_paragraph(meeting, "en")

    assert es.startswith(f"El {net.grcm.name_es} de los países miembros de la CRM, en reunión ")
    assert "celebrada del 30 de junio al 2 de julio de 2014 en Panamá, Honduras," in es
    assert "meeting from June 30 to July 2, 2014 in Panamá, Honduras," in en


def test_new_report_form_is_prefilled_from_the_meeting(
    secretariat_client: Client, net: Net
) -> None:
    meeting = make_meeting(net, city="Tela")
    add_delegations(meeting, net.mexico, net.honduras)

    response = secretariat_client.get(f"/manage/reports/new/?meeting={meeting.pk}&language=en")

    form = response.context["form"]
    assert form.initial["opening"] == opening_paragraph(meeting, "en")
    assert "Honduras and Mexico" in form.initial["opening"]
    assert form.initial["place_line"] == "Tela, Honduras"
    assert form.initial["date_line"] == "May 6, 2024"
    assert 'name="opening"' in response.content.decode()  # editable
