"""The calendar feed: a secret address per user, revocable, parsed by ``icalendar``."""

import datetime
import re

import icalendar
import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from enlace.accounts.models import User
from enlace.commitments import services
from enlace.commitments.models import CalendarFeed
from enlace.commitments.tests.conftest import CommitmentFactory, make_report
from enlace.conftest import Net
from enlace.meetings.models import Visibility
from enlace.reports.models import Report

pytestmark = pytest.mark.django_db

SETTINGS = "/commitments/calendar/"


def feed_url(user: User) -> str:
    _feed, raw = services.calendar_feed_create(user=user)
    return reverse("commitments:feed", args=[raw])


def parse(client: Client, url: str) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    """The events by what their UID names: "meeting-3" for ``tag:…:meeting/3``."""
    return {str(e["uid"]).rsplit(":", 1)[1].replace("/", "-"): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def world(net: Net, report: Report, make_commitment: CommitmentFactory) -> dict[str, object]:
    members_only = make_report(
        net, title="Reservado", visibility=Visibility.MEMBERS, start=datetime.date(2015, 3, 2)
    )
    return {
        "report": report,
        "members_only": members_only,
        "open": make_commitment(
            actor_kind="country",
            country=net.honduras,
            text="Enviar la lista de puntos focales " + "muy larga " * 30,
            due_date=datetime.date(2014, 7, 21),
        ),
        "done": make_commitment(status="done", text="Ya hecho", due_date=datetime.date(2014, 7, 1)),
        "proposed": make_commitment(
            status="proposed", text="Sin revisar", due_date=datetime.date(2014, 7, 2)
        ),
        "hidden": make_commitment(
            point=members_only.points.first(),
            text="Tarea reservada",
            due_date=datetime.date(2015, 4, 1),
        ),
    }


def test_an_officers_feed(client: Client, officer: User, world: dict) -> None:
    calendar = parse(client, feed_url(officer))  # no login: the address is the key
    found = events(calendar)
    report = world["report"]
    meeting = found[f"meeting-{report.meeting.pk}"]
    assert meeting["dtstart"].dt == datetime.date(2014, 6, 24)
    assert meeting["dtend"].dt == datetime.date(2014, 6, 26)  # exclusive end of a 2-day meeting
    assert str(meeting["location"]) == "San José"
    assert f"meeting-{world['members_only'].meeting.pk}" in found
    deadline = found[f"commitment-{world['open'].pk}"]
    assert deadline["dtstart"].dt == datetime.date(2014, 7, 21)
    summary = str(deadline["summary"])
    assert summary.startswith("Honduras: Enviar la lista de puntos focales")
    assert len(summary) <= 120
    assert f"commitment-{world['hidden'].pk}" in found
    # Only open commitments: not done, not unreviewed.
    assert f"commitment-{world['done'].pk}" not in found
    assert f"commitment-{world['proposed'].pk}" not in found


def test_an_observers_feed_holds_only_what_they_may_see(
    client: Client, observer: User, world: dict
) -> None:
    found = events(parse(client, feed_url(observer)))
    assert f"meeting-{world['report'].meeting.pk}" in found
    assert f"meeting-{world['members_only'].meeting.pk}" not in found
    assert f"commitment-{world['hidden'].pk}" not in found
    assert "Tarea reservada" not in str(parse(client, feed_url(observer)).to_ical(), "utf-8")


def test_an_account_without_a_role_gets_the_public_calendar(
    client: Client, outsider: User, world: dict
) -> None:
    found = events(parse(client, feed_url(outsider)))
    assert f"meeting-{world['members_only'].meeting.pk}" not in found
    assert f"commitment-{world['open'].pk}" in found  # of a published report


def test_unknown_and_revoked_addresses_are_404(client: Client, officer: User, world: dict) -> None:
    assert client.get(reverse("commitments:feed", args=["x" * 43])).status_code == 404
    url = feed_url(officer)
    assert client.get(url).status_code == 200
    feed = CalendarFeed.objects.get(user=officer, revoked_at__isnull=True)
    services.calendar_feed_revoke(user=officer, feed=feed)
    assert client.get(url).status_code == 404


def test_a_new_address_replaces_the_old(client: Client, officer: User) -> None:
    old = feed_url(officer)
    new = feed_url(officer)
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert CalendarFeed.objects.filter(user=officer, revoked_at__isnull=True).count() == 1


def test_an_inactive_account_has_no_feed(client: Client, officer: User) -> None:
    url = feed_url(officer)
    officer.is_active = False
    officer.save()
    assert client.get(url).status_code == 404


def test_only_the_hash_is_stored(officer: User) -> None:
    feed, raw = services.calendar_feed_create(user=officer)
    assert raw not in feed.token_hash
    assert len(raw) >= 43
    assert CalendarFeed.objects.filter(token_hash=CalendarFeed.hash(raw)).exists()


def test_the_settings_page_creates_shows_once_and_revokes(
    officer_client: Client, client: Client
) -> None:
    page = officer_client.get(SETTINGS)
    assert page.status_code == 200
    response = officer_client.post(SETTINGS, {"action": "create"})
    assert response.status_code == 200
    match = re.search(r'value="(http://[^"]+\.ics)"', response.content.decode())
    assert match is not None
    url = match.group(1).replace("http://testserver", "")
    assert client.get(url).status_code == 200
    assert ".ics" not in officer_client.get(SETTINGS).content.decode()  # shown only once
    ask = officer_client.get(f"{SETTINGS}?action=revoke", HTTP_ACCEPT_LANGUAGE="en")
    assert ask.status_code == 200
    assert "This cannot be undone" in ask.content.decode()
    assert client.get(url).status_code == 200
    officer_client.post(SETTINGS, {"action": "revoke"})
    assert client.get(url).status_code == 404


def test_the_settings_page_needs_a_login(client: Client, outsider_client: Client) -> None:
    response = client.get(SETTINGS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.post(SETTINGS, {"action": "create"}).status_code == 403
    assert not CalendarFeed.objects.exists()
    assert outsider_client.get(SETTINGS).status_code == 200


def test_one_cannot_revoke_anothers_feed(officer: User, other_officer: User) -> None:
    feed, _raw = services.calendar_feed_create(user=officer)
    with pytest.raises(PermissionDenied):
        services.calendar_feed_revoke(user=other_officer, feed=feed)
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_other_officers_settings_page_does_not_show_mine(
    officer: User, other_client: Client
) -> None:
    services.calendar_feed_create(user=officer)
    page = other_client.get(SETTINGS, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You have no calendar address" in page


def test_uids_do_not_depend_on_the_host_used_to_subscribe(
    client: Client, officer: User, world: dict
) -> None:
    url = feed_url(officer)
    by_name = icalendar.Calendar.from_ical(client.get(url, HTTP_HOST="localhost").content)
    by_address = icalendar.Calendar.from_ical(client.get(url, HTTP_HOST="127.0.0.1").content)
    uids = sorted(str(e["uid"]) for e in by_name.walk("VEVENT"))
    assert uids
    assert uids == sorted(str(e["uid"]) for e in by_address.walk("VEVENT"))
    assert all(re.match(r"^tag:[a-z0-9.-]+,\d{4}(?:-\d{2}){0,2}:[a-z]+/\d+$", uid) for uid in uids)
