"""Full-text search over the reports a user may see (rules: enlace.access via
enlace.reports.selectors.reports_visible_to).

A match is a passage: the report's heading (title, place, date, opening) or one point, holding
every word of the query in any of its Spanish or English stems. Results are reports, ranked by
their best passage (FTS5's bm25 on SQLite, ts_rank on PostgreSQL), each with its matching
passages. The queries of a page do not depend on the number of results: one for the ranked
passages (which gives the count and the page's report ids), one for the reports, one for their
passages.

Only the best-ranked ``MAX_PASSAGES`` matching passages that the user may see are grouped into
results, so a very common word costs about what a rarer one does, whatever the size of the
archive; the page then says that the results were cut and asks for more words.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from enlace import access
from enlace.meetings.models import Participation
from enlace.reports.models import Report, ReportPoint, number_points
from enlace.reports.selectors import reports_visible_to
from enlace.search.models import SearchEntry
from enlace.search.text import Query, parse_query, snippet

MATCHES_PER_REPORT = 3
MAX_PASSAGES = 1000

# The passages matching the query, as (id, report_id, score); a lower score ranks first.
_MATCHES = {
    "sqlite": (
        "SELECT search_searchentry.id, search_searchentry.report_id, m.rank AS score "
        "FROM (SELECT rowid AS id, rank FROM search_fts WHERE search_fts MATCH %s) AS m "
        "JOIN search_searchentry ON search_searchentry.id = m.id"
    ),
    "postgresql": (
        "SELECT search_searchentry.id, search_searchentry.report_id, "
        "-ts_rank(search_searchentry.search_vector, to_tsquery('simple', %s)) AS score "
        "FROM search_searchentry "
        "WHERE search_searchentry.search_vector @@ to_tsquery('simple', %s)"
    ),
}


@dataclass(frozen=True)
class Filters:
    body: str = ""
    country: str = ""
    year: int | None = None
    status: str = ""


@dataclass
class Passage:
    point: ReportPoint | None  # None: the report's heading
    label: str  # "3.", "b)" or "" for the heading
    snippet: SafeString
    text: str


@dataclass
class Hit:
    report: Report
    score: float
    passages: list[Passage] = field(default_factory=list)


def _visible(user: access.Who, filters: Filters) -> QuerySet[Report]:
    reports = reports_visible_to(user)
    if filters.body:
        reports = reports.filter(meeting__body__slug=filters.body)
    if filters.year:
        reports = reports.filter(meeting__start_date__year=filters.year)
    if filters.status:
        reports = reports.filter(status=filters.status)
    if filters.country:
        reports = reports.filter(
            Exists(
                Participation.objects.filter(
                    meeting_id=OuterRef("meeting_id"), country__code=filters.country.upper()
                )
            )
        )
    return reports


class SearchResults:
    """The hits of a query, sliceable and countable (for Paginator and ninja's pagination)."""

    def __init__(self, user: access.Who, query: Query, filters: Filters) -> None:
        self.query = query
        visible = _visible(user, filters)
        self.using = visible.db
        vendor = connections[self.using].vendor
        if vendor not in _MATCHES:
            # The platform supports SQLite (embedded) and PostgreSQL (production) only.
            raise ImproperlyConfigured(
                f"Full-text search needs SQLite or PostgreSQL, not {vendor}."
            )
        # The access rules and filters, as a correlated EXISTS on the matching passage's report:
        # its cost follows the matches, not the number of reports.
        scoped = visible.filter(pk=RawSQL("search_searchentry.report_id", ())).values("pk")
        scope_sql, scope_params = scoped.query.get_compiler(using=self.using).as_sql()
        term = query.fts5() if vendor == "sqlite" else query.tsquery()
        match_params: tuple[Any, ...] = (term,) if vendor == "sqlite" else (term, term)
        joiner = " WHERE " if vendor == "sqlite" else " AND "
        # Best first, so that the database can stop at the cap instead of scoping every match.
        self._matches_sql = (
            f"{_MATCHES[vendor]}{joiner}EXISTS ({scope_sql}) ORDER BY score LIMIT {MAX_PASSAGES}"
        )
        self._params = (*match_params, *scope_params)
        self._ranked_reports: list[tuple[int, float]] | None = None
        self._truncated = False

    def _ranked(self) -> list[tuple[int, float]]:
        """(report id, best score) of every report among the ranked passages, best first: one
        query, whose rows are at most MAX_PASSAGES, for both the count and the page."""
        if self._ranked_reports is None:
            with connections[self.using].cursor() as cursor:
                cursor.execute(self._matches_sql, self._params)
                rows = cursor.fetchall()
            best: dict[int, float] = {}
            for _id, report_id, score in rows:
                if report_id not in best or score < best[report_id]:
                    best[report_id] = float(score)
            self._ranked_reports = sorted(best.items(), key=lambda item: (item[1], -item[0]))
            self._truncated = len(rows) >= MAX_PASSAGES
        return self._ranked_reports

    def count(self) -> int:
        return len(self._ranked())

    @property
    def truncated(self) -> bool:
        """True when more passages matched than were ranked (MAX_PASSAGES)."""
        self._ranked()
        return self._truncated

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[Hit]:
        return self._hits(self._ranked()[item])

    def _hits(self, ranked: list[tuple[int, float]]) -> list[Hit]:
        if not ranked:
            return []
        ids = [pk for pk, _ in ranked]
        reports = Report.objects.using(self.using).select_related(
            "meeting__body", "meeting__country"
        )
        by_id = {r.pk: r for r in reports.filter(pk__in=ids)}
        hits = {pk: Hit(by_id[pk], score) for pk, score in ranked if pk in by_id}
        entries: dict[int, list[SearchEntry]] = {}
        for entry in (
            SearchEntry.objects.using(self.using)
            .filter(report_id__in=ids)
            .select_related("point")
            .order_by("report_id", F("point__position").asc(nulls_first=True))
        ):
            entries.setdefault(entry.report_id, []).append(entry)
        stems = self.query.stems
        for pk, hit in hits.items():
            report_entries = entries.get(pk, [])
            points = [e.point for e in report_entries if e.point is not None]
            labels = {p.pk: label for label, p in number_points(points)}
            for entry in report_entries:
                words = set(entry.normalised.split())
                if not all(term & words for term in self.query.terms):
                    continue
                hit.passages.append(
                    Passage(
                        point=entry.point,
                        label=labels.get(entry.point_id, "") if entry.point_id else "",
                        snippet=snippet(entry.text, entry.language, stems),
                        text=entry.text,
                    )
                )
                if len(hit.passages) == MATCHES_PER_REPORT:
                    break
        return list(hits.values())


def search(user: access.Who, raw: str, filters: Filters | None = None) -> SearchResults | None:
    """The results of a query for this user; None when the query has no word to look for."""
    query = parse_query(raw)
    if not query:
        return None
    return SearchResults(user, query, filters or Filters())
