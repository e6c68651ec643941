"""Full-text search over the reports a user may see (rules: enlace.access via
enlace.reports.selectors.reports_visible_to).

A match is a passage: the report's heading (title, place, date, opening) or one point, holding
every word of the query in any of its Spanish or English stems. Results are reports, ranked by
their best passage (BM25's term-frequency score, computed here, the same on SQLite and
PostgreSQL), each with its matching passages. The queries of a page do not depend on the number
of results: one for the candidate passages (which gives the count and the page's report ids),
one for the reports, one for their passages.

The candidates are a bounded set: the newest ``MAX_PASSAGES`` matching passages the user may see
(and that pass the filters), in the index's own order (FTS5's rowid, the entry's id on
PostgreSQL), so the database stops as soon as it has them instead of finding and scoring every
match; only they are ranked. The cost of a query then follows ``MAX_PASSAGES``, not the size of
the archive. When the cap is reached the count is a lower bound, and the page says so and asks
for more words or filters.
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
from enlace.search.text import Query, parse_query, snippet, tag

MATCHES_PER_REPORT = 3
MAX_PASSAGES = 1000

# The passages matching the query, newest entry first, as (id, report_id, normalised): an order
# the full-text index returns directly, so that with LIMIT the database stops after the first
# MAX_PASSAGES matches the user may see instead of finding (and scoring) every one.
_MATCHES = {
    "sqlite": (
        "SELECT search_searchentry.id, search_searchentry.report_id, "
        "search_searchentry.normalised "
        "FROM search_fts JOIN search_searchentry ON search_searchentry.id = search_fts.rowid "
        "WHERE search_fts MATCH %s"
    ),
    "postgresql": (
        "SELECT search_searchentry.id, search_searchentry.report_id, "
        "search_searchentry.normalised "
        "FROM search_searchentry "
        "WHERE search_searchentry.search_vector @@ to_tsquery('simple', %s)"
    ),
}
# The filters, looked up by the same index (the entries' ``tags``, see enlace.search.models).
_TAGS_PG = " AND search_searchentry.search_tags @@ to_tsquery('simple', %s)"
_NEWEST = {"sqlite": "search_fts.rowid DESC", "postgresql": "search_searchentry.id DESC"}

# BM25's constants, for the score of a candidate passage (see _score).
_K1 = 1.2
_B = 0.75


def _score(words: list[str], terms: tuple[frozenset[str], ...], average: float) -> float:
    """BM25's term-frequency part for one passage (lower ranks first, as before): the more
    often the query's words occur in a short passage, the better. Every candidate holds every
    term, so the terms' rarity (BM25's IDF) would weigh all candidates alike; it is left out."""
    length = len(words) or 1
    norm = _K1 * (1 - _B + _B * length / (average or 1))
    total = 0.0
    for term in terms:
        tf = sum(1 for w in words if w in term)
        total += tf * (_K1 + 1) / (tf + norm)
    return -total


@dataclass(frozen=True)
class Filters:
    body: str = ""
    country: str = ""
    year: int | None = None
    status: str = ""

    def tags(self) -> list[str]:
        """The index words of the filters set (every one must be in a matching entry)."""
        words = []
        if self.body:
            words.append(tag("b", self.body))
        if self.country:
            words.append(tag("c", self.country))
        if self.year:
            words.append(tag("y", self.year))
        if self.status:
            words.append(tag("s", self.status))
        return words


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
        # The filters go to the full-text index as words of the entries' tags, so that a
        # selective filter narrows the index's lookup rather than being checked on every match;
        # the EXISTS below checks them (and the access rules) exactly all the same.
        filter_tags = filters.tags()
        matches = _MATCHES[vendor]
        match_params: tuple[Any, ...]
        if vendor == "sqlite":
            term = f"normalised : ({query.fts5()})"
            if filter_tags:
                term += " AND tags : (" + " AND ".join(f'"{t}"' for t in filter_tags) + ")"
            match_params = (term,)
        else:
            match_params = (query.tsquery(),)
            if filter_tags:
                matches += _TAGS_PG
                match_params += (" & ".join(filter_tags),)
        self._matches_sql = (
            f"{matches} AND EXISTS ({scope_sql}) ORDER BY {_NEWEST[vendor]} LIMIT {MAX_PASSAGES}"
        )
        self._params = (*match_params, *scope_params)
        self._ranked_reports: list[tuple[int, float]] | None = None
        self._truncated = False

    def _ranked(self) -> list[tuple[int, float]]:
        """(report id, best score) of every report among the candidate passages, best first:
        one query, whose rows are at most MAX_PASSAGES, for both the count and the page."""
        if self._ranked_reports is None:
            with connections[self.using].cursor() as cursor:
                cursor.execute(self._matches_sql, self._params)
                rows = cursor.fetchall()
            passages = [(report_id, normalised.split()) for _id, report_id, normalised in rows]
            average = sum(len(w) for _, w in passages) / len(passages) if passages else 1.0
            terms = self.query.terms
            best: dict[int, float] = {}
            for report_id, words in passages:
                score = _score(words, terms, average)
                if report_id not in best or score < best[report_id]:
                    best[report_id] = score
            self._ranked_reports = sorted(best.items(), key=lambda item: (item[1], -item[0]))
            self._truncated = len(rows) >= MAX_PASSAGES
        return self._ranked_reports

    def count(self) -> int:
        return len(self._ranked())

    @property
    def truncated(self) -> bool:
        """True when there may be more matching passages than were ranked (MAX_PASSAGES): the
        count is then a lower bound."""
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
