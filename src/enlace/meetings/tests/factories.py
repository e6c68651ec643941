"""Small factories for meetings, reports and documents (written straight to the database)."""

import datetime
from typing import Any

from django.core.files.base import ContentFile

from enlace.conftest import Net
from enlace.meetings.models import AgendaItem, Meeting, MeetingDocument, Participation, Visibility
from enlace.reports.models import Report, ReportPoint


def make_meeting(net: Net, **fields: Any) -> Meeting:
    values: dict[str, Any] = {
        "body": net.network,
        "title": "Reunión de la Red",
        "start_date": datetime.date(2024, 5, 6),
        "end_date": datetime.date(2024, 5, 6),
        "city": "Tegucigalpa",
        "country": net.honduras,
        "visibility": Visibility.PUBLIC,
    }
    values.update(fields)
    return Meeting.objects.create(**values)


def make_report(
    meeting: Meeting,
    *,
    points: list[tuple[int, str]] | None = None,
    **fields: Any,
) -> Report:
    values: dict[str, Any] = {
        "language": "es",
        "title": "Informe de la reunión",
        "place_line": "Tegucigalpa, Honduras",
        "date_line": "6 de mayo, 2024",
        "opening": "La Red se reunió y presenta su informe.",
        "status": Report.Status.DRAFT,
    }
    values.update(fields)
    report = Report.objects.create(meeting=meeting, **values)
    ReportPoint.objects.bulk_create(
        ReportPoint(report=report, position=i, level=level, text=text)
        for i, (level, text) in enumerate(points or [(0, "Primer punto.")], 1)
    )
    return report


def make_document(
    meeting: Meeting,
    *,
    visibility: str = Visibility.NETWORK,
    title: str = "Documento de trabajo",
    name: str = "documento.txt",
    content: bytes = b"contenido del documento",
) -> MeetingDocument:
    document = MeetingDocument(meeting=meeting, title=title, visibility=visibility)
    document.file.save(name, ContentFile(content), save=True)
    return document


def add_delegations(meeting: Meeting, *countries: Any, organisations: Any = ()) -> None:
    Participation.objects.bulk_create(
        [Participation(meeting=meeting, country=c) for c in countries]
        + [Participation(meeting=meeting, organisation=o) for o in organisations]
    )


def bulk_meetings(net: Net, count: int, *, first: int = 0) -> None:
    """``count`` meetings of every visibility, each with delegations, an agenda and a report
    (drafts and published ones) with points: the data a list page must not multiply queries on.
    """
    visibilities = [Visibility.PUBLIC, Visibility.NETWORK, Visibility.MEMBERS]
    meetings = Meeting.objects.bulk_create(
        Meeting(
            body=net.network if i % 2 else net.grcm,
            title=f"Reunión {i}",
            start_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=i),
            end_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=i),
            city="Tela",
            country=net.honduras if i % 3 else None,
            visibility=visibilities[i % 3] if i % 4 else Visibility.PUBLIC,
        )
        for i in range(first, first + count)
    )
    Participation.objects.bulk_create(
        Participation(meeting=m, country=c) for m in meetings for c in (net.honduras, net.mexico)
    )
    Participation.objects.bulk_create(
        Participation(meeting=m, organisation=net.rrocm) for m in meetings
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=m, position=1, title="Avances") for m in meetings
    )
    reports = Report.objects.bulk_create(
        Report(
            meeting=m,
            language=language,
            title=f"Informe {m.title}",
            opening="La Red se reunió.",
            status=Report.Status.ADOPTED if published else Report.Status.DRAFT,
            is_published=published,
        )
        for n, m in enumerate(meetings)
        for language, published in (("es", n % 2 == 0), ("en", False))
    )
    ReportPoint.objects.bulk_create(
        ReportPoint(report=r, position=1, text="Punto.") for r in reports
    )
