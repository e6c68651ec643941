"""A user's calendar as iCalendar: the meetings they may see and the deadlines of the open
commitments they may see, all-day events."""

import datetime
from collections.abc import Callable, Iterable

import icalendar

from enlace.commitments.models import Commitment
from enlace.core.identifiers import tag_uri
from enlace.meetings.models import Meeting

PRODID = "-//Enlace//Liaison Officer Network//ES"
SUMMARY_LENGTH = 120


def _truncate(text: str, length: int = SUMMARY_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def build_calendar(
    *,
    name: str,
    meetings: Iterable[Meeting],
    commitments: Iterable[Commitment],
    url_for: Callable[[str, int], str],
    stamp: datetime.datetime,
) -> bytes:
    """The feed; ``url_for("meeting"|"commitment", pk)`` gives each event's absolute address."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        event = icalendar.Event()
        event.add("uid", tag_uri(f"meeting/{meeting.pk}"))
        event.add("dtstamp", stamp)
        event.add("summary", _truncate(meeting.title))
        event.add("dtstart", meeting.start_date)
        event.add("dtend", meeting.end_date + datetime.timedelta(days=1))
        if meeting.place:
            event.add("location", meeting.place)
        event.add("url", url_for("meeting", meeting.pk))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    for commitment in commitments:
        if commitment.due_date is None:
            continue
        event = icalendar.Event()
        event.add("uid", tag_uri(f"commitment/{commitment.pk}"))
        event.add("dtstamp", stamp)
        event.add("summary", _truncate(f"{commitment.actor_label}: {commitment.text}"))
        event.add("dtstart", commitment.due_date)
        event.add("dtend", commitment.due_date + datetime.timedelta(days=1))
        event.add("description", commitment.point.report.title)
        event.add("url", url_for("commitment", commitment.pk))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
