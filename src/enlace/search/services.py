"""Writes of the search index. The index is derived data: it is never edited by hand.

``search_index_report`` rewrites the entries of one report from what is in the database;
the signals in enlace.search.signals call it after every transaction that wrote a report or
one of its points, and ``enlace search_reindex`` rebuilds the whole index.
"""

from collections.abc import Iterable, Iterator

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from enlace.core.pagecache import public_changed
from enlace.meetings.models import Participation
from enlace.reports.models import Report, ReportPoint
from enlace.search.models import SearchEntry
from enlace.search.text import normalise, tags

CHUNK = 500  # reports per batch (SQLite allows a limited number of query parameters)


def heading_text(report: Report) -> str:
    """What the entry without a point holds: the title, place and date lines, the opening."""
    return "\n".join(
        part for part in (report.title, report.place_line, report.date_line, report.opening) if part
    )


def report_tags(report: Report, countries: Iterable[str]) -> str:
    """The filter words of a report's entries (its meeting's body, year, visibility and
    countries; its status and publication)."""
    meeting = report.meeting
    return tags(
        body=meeting.body.slug,
        year=meeting.start_date.year,
        visibility=meeting.visibility,
        countries=countries,
        status=report.status,
        published=report.is_published,
    )


def _entries(
    report: Report, points: Iterable[ReportPoint], countries: Iterable[str]
) -> Iterator[SearchEntry]:
    language = report.language
    text = heading_text(report)
    filters = report_tags(report, countries)
    yield SearchEntry(
        report=report,
        point=None,
        language=language,
        text=text,
        normalised=normalise(text, language),
        tags=filters,
    )
    for point in points:
        yield SearchEntry(
            report=report,
            point=point,
            language=language,
            text=point.text,
            normalised=normalise(point.text, language),
            tags=filters,
        )


def _chunks(pks: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(pks), CHUNK):
        yield pks[i : i + CHUNK]


def search_index_reports(pks: Iterable[int]) -> int:
    """Rewrite the entries of these reports (a report that no longer exists loses them).
    Returns the number of entries written."""
    written = 0
    report_ids = set(pks)
    with transaction.atomic():
        public_changed()  # published search results change with the index
        settle(report_ids)
        for chunk in _chunks(sorted(report_ids)):
            SearchEntry.objects.filter(report_id__in=chunk).delete()
            reports = (
                Report.objects.filter(pk__in=chunk)
                .select_related("meeting__body")
                .only(
                    "pk",
                    "language",
                    "title",
                    "place_line",
                    "date_line",
                    "opening",
                    "status",
                    "is_published",
                    "meeting__start_date",
                    "meeting__visibility",
                    "meeting__body__slug",
                )
            )
            countries: dict[int, list[str]] = {}
            for meeting_id, code in Participation.objects.filter(
                meeting__reports__pk__in=chunk, country__isnull=False
            ).values_list("meeting_id", "country__code"):
                countries.setdefault(meeting_id, []).append(code)
            points: dict[int, list[ReportPoint]] = {}
            for point in (
                ReportPoint.objects.filter(report_id__in=chunk)
                .only("pk", "report_id", "text")
                .order_by("report_id", "position")
            ):
                points.setdefault(point.report_id, []).append(point)
            entries = [
                e
                for r in reports
                for e in _entries(r, points.get(r.pk, []), countries.get(r.meeting_id, []))
            ]
            SearchEntry.objects.bulk_create(entries, batch_size=CHUNK)
            written += len(entries)
    return written


def search_index_report(report: Report | int) -> int:
    """Rewrite the entries of one report from the database."""
    return search_index_reports([report if isinstance(report, int) else report.pk])


def search_reindex() -> tuple[int, int]:
    """Rebuild the whole index. Returns (reports, entries)."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        pks = list(Report.objects.order_by("pk").values_list("pk", flat=True))
        entries = search_index_reports(pks)
        if connection.vendor == "sqlite":  # the FTS5 table anew from its content table
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
    return len(pks), entries


# --- indexing once the transaction commits (the signals in enlace.search.signals ask) ----------


class _Reindex:
    """An on-commit callback that indexes one report (recognisable, so it is asked once)."""

    def __init__(self, report_id: int, using: str) -> None:
        self.report_id = report_id
        self.using = using
        self.settled = False  # ran, or the report was indexed since it was asked

    def __call__(self) -> None:
        self.settled = True
        search_index_report(self.report_id)


def _pending(report_ids: set[int], using: str) -> list[_Reindex]:
    connection = connections[using]
    if not connection.in_atomic_block:
        return []
    callbacks = [entry[1] for entry in connection.run_on_commit]  # (savepoints, callback, robust)
    return [
        callback
        for callback in callbacks
        if isinstance(callback, _Reindex)
        and callback.report_id in report_ids
        and not callback.settled
    ]


def schedule_reindex_meeting(meeting_id: int, using: str = DEFAULT_DB_ALIAS) -> None:
    """Index the meeting's reports again when the transaction commits (their filter words come
    from the meeting: body, date, visibility, delegations)."""
    for report_id in (
        Report.objects.using(using).filter(meeting_id=meeting_id).values_list("pk", flat=True)
    ):
        schedule_reindex(report_id, using)


def schedule_reindex_named(body_id: int | None, country_id: int | None, using: str) -> None:
    """Index again, at commit, the reports of the body's meetings or of the meetings the country
    took part in: their filter words hold the body's short name and the country's code."""
    reports = Report.objects.using(using)
    if body_id is not None:
        reports = reports.filter(meeting__body_id=body_id)
    if country_id is not None:
        reports = reports.filter(meeting__participations__country_id=country_id)
    for report_id in reports.values_list("pk", flat=True).distinct():
        schedule_reindex(report_id, using)


def schedule_reindex(report_id: int, using: str = DEFAULT_DB_ALIAS) -> None:
    """Index the report when the transaction commits (now, outside a transaction)."""
    if not _pending({report_id}, using):
        transaction.on_commit(_Reindex(report_id, using), using=using)


def settle(report_ids: set[int], using: str = DEFAULT_DB_ALIAS) -> None:
    """The reports were just indexed: a later write in this transaction asks again."""
    for callback in _pending(report_ids, using):
        callback.settled = True
