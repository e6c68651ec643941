"""The demo is alive on the day it is loaded: meetings behind and ahead, a presidency this year,
open deadlines in the calendar, every state of every object, and its invented data marked in
the reader's language."""

import datetime
import re

import icalendar
import pytest
from django.db import models
from django.test import Client
from django.urls import reverse

from enlace import access
from enlace.accounts.models import User
from enlace.commitments import services as commitment_services
from enlace.commitments.models import Commitment
from enlace.contributions import services as contribution_services
from enlace.contributions.models import Answer, Contribution, Mechanism
from enlace.cooperation.models import (
    CaseStatus,
    ChildStep,
    CooperationRequest,
    ProtectedCase,
    RequestState,
)
from enlace.countryreports.models import CountryReport, LegislationEntry, ReviewEvent
from enlace.meetings.models import Meeting
from enlace.network.models import Organisation, Person, Presidency
from enlace.network.selectors import presidency_on
from enlace.reports.models import Report
from enlace.workplan.models import Activity, Amendment, WorkPlanVersion

pytestmark = pytest.mark.django_db

# (model, its state field, the choices every one of which the demo holds)
STATES: list[tuple[type[models.Model], str, type[models.TextChoices]]] = [
    (Report, "status", Report.Status),
    (Commitment, "status", Commitment.Status),
    (CooperationRequest, "state", RequestState),
    (ProtectedCase, "status", CaseStatus),
    (ChildStep, "state", ChildStep.State),
    (Contribution, "status", Contribution.Status),
    (Answer, "position", Answer.Position),
    (Mechanism, "status", Mechanism.Status),
    (CountryReport, "status", CountryReport.Status),
    (ReviewEvent, "action", ReviewEvent.Action),
    (LegislationEntry, "status", LegislationEntry.State),
    (WorkPlanVersion, "status", WorkPlanVersion.Status),
    (Activity, "status", Activity.Status),
    (Amendment, "status", Amendment.Status),
]


@pytest.mark.parametrize(
    ("model", "field", "choices"), STATES, ids=[m.__name__ for m, _f, _c in STATES]
)
def test_the_demo_holds_every_state(
    demo: None, model: type[models.Model], field: str, choices: type[models.TextChoices]
) -> None:
    held = set(model._default_manager.values_list(field, flat=True))
    assert held == set(choices.values)


def test_several_requests_in_every_state(demo: None) -> None:
    for state in RequestState.values:
        assert CooperationRequest.objects.filter(state=state).count() >= 2, state


def test_honduras_presides_this_year_after_a_presidency_every_year_since_2018(
    demo: None,
) -> None:
    today = datetime.date.today()
    presidency = presidency_on(today)
    assert presidency is not None
    assert presidency.country.code == "HND"
    assert presidency.is_demo  # invented: after the record
    years = set(Presidency.objects.values_list("year", flat=True))
    assert set(range(2018, today.year + 1)) <= years
    assert not Presidency.objects.filter(year__lte=2024, is_demo=True).exists()
    honduras = access.actor_for(User.objects.get(username="honduras"))
    assert honduras.is_ppt
    assert not access.actor_for(User.objects.get(username="mexico")).is_ppt


def test_meetings_behind_and_ahead_of_today(demo: None) -> None:
    today = datetime.date.today()
    assert Meeting.objects.filter(city="Tela", start_date=datetime.date(2008, 5, 6)).exists()
    past = Meeting.objects.filter(is_demo=True, end_date__lt=today)
    coming = Meeting.objects.filter(is_demo=True, start_date__gt=today).order_by("start_date")
    assert {r.status for m in past for r in m.reports.all()} == set(Report.Status.values)
    assert Report.objects.filter(presented_on__lte=today, status="presented").exists()
    assert len(coming) == 2
    soon = coming[0]
    assert soon.start_date <= today + datetime.timedelta(days=42)
    assert soon.agenda_items.count() >= 3
    assert coming[1].start_date > soon.start_date + datetime.timedelta(days=60)


def test_the_observer_can_contribute_to_the_coming_meeting(demo: None) -> None:
    soon = Meeting.objects.filter(start_date__gt=datetime.date.today()).order_by("start_date")[0]
    observer = User.objects.get(username="observer")
    contribution = contribution_services.contribution_submit(
        user=observer,
        meeting=soon,
        organisation=Organisation.objects.get(acronym="RROCM"),
        data={"kind": "position_paper", "title": "Nota de prueba", "visibility": "network"},
    )
    assert contribution.status == Contribution.Status.SUBMITTED


def test_officers_see_the_agenda_of_the_coming_meeting(demo: None) -> None:
    soon = Meeting.objects.filter(start_date__gt=datetime.date.today()).order_by("start_date")[0]
    client = Client()
    client.force_login(User.objects.get(username="mexico"))
    page = client.get(reverse("meetings:detail", args=[soon.pk])).content.decode()
    for item in soon.agenda_items.all():
        assert item.title in page


def test_the_calendar_feed_holds_an_open_deadline_to_come(demo: None) -> None:
    today = datetime.date.today()
    honduras = User.objects.get(username="honduras")
    _feed, raw = commitment_services.calendar_feed_create(user=honduras)
    response = Client().get(reverse("commitments:feed", args=[raw]))
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    deadlines = [
        e
        for e in calendar.walk("VEVENT")
        if ":commitment/" in str(e["uid"]) and e.decoded("dtstart") > today
    ]
    assert deadlines, "no commitment with a deadline to come in the feed"
    summaries = " ".join(str(e["summary"]) for e in deadlines)
    assert "informes anuales" in summaries


# --- invented data, marked in the reader's language ------------------------------------------

SPANISH_MARKERS = ["demostración", "FICTICIO", "ficticia"]
ENGLISH_MARKERS = ["FICTITIOUS", "Demo data", "Demo request", ">demo<", "Demo "]
FRENCH_MARKERS = ["démonstration", "FICTIF"]
# An element (not the page itself) whose text is marked as written in Spanish.
_SPANISH_TEXT = re.compile(r"<(?!html\b)(\w+)[^>]*\blang=\"es\"[^>]*>.*?</\1>", re.S)


def _demo_pages() -> list[str]:
    request = CooperationRequest.objects.filter(
        case__isnull=False, parties__country__code="HND"
    ).first()
    assert request is not None
    person = Person.objects.get(user__username="honduras")
    soon = Meeting.objects.filter(start_date__gt=datetime.date.today()).order_by("start_date")[0]
    return [
        "/network/",
        "/network/countries/HND/",
        f"/directory/people/{person.pk}/",
        "/meetings/",
        f"/meetings/{soon.pk}/",
        "/cooperation/",
        f"/cooperation/requests/{request.pk}/",
        f"/cooperation/cases/{request.case.code}/",  # type: ignore[union-attr]
        "/contributions/",
        "/country-reports/",
    ]


def _visible(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    # Texts written once in Spanish are marked lang="es": they may speak Spanish.
    return _SPANISH_TEXT.sub("", response.content.decode())


@pytest.mark.parametrize(
    ("language", "foreign"),
    [
        ("en", SPANISH_MARKERS + FRENCH_MARKERS),
        ("fr", SPANISH_MARKERS + ENGLISH_MARKERS),
        ("es", ENGLISH_MARKERS + FRENCH_MARKERS),
    ],
)
def test_the_demo_marks_its_invented_data_in_the_page_language(
    demo: None, language: str, foreign: list[str]
) -> None:
    client = Client()
    client.force_login(User.objects.get(username="honduras"))
    client.cookies["enlace_language"] = language
    own = {"en": "demo", "fr": "démonstration", "es": "demostración"}[language]
    for url in _demo_pages():
        page = _visible(client, url)
        for word in foreign:
            assert word not in page, f"{word!r} on the {language} page {url}"
    assert f">{own}<" in _visible(client, "/network/")


def test_country_names_come_out_in_the_page_language(demo: None) -> None:
    client = Client()
    client.cookies["enlace_language"] = "fr"
    page = client.get("/network/").content.decode()
    assert "Mexique" in page
    assert "États-Unis d&#x27;Amérique" in page or "États-Unis d'Amérique" in page
    assert "United States of America" not in page
