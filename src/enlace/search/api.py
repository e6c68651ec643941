"""The search part of /api/v1/ (mounted by enlace.api.api): the search page's results as JSON."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from enlace.core.api import BoundedPagination, Year
from enlace.search import selectors
from enlace.search.text import MAX_QUERY
from enlace.search.views import filters_from

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=MAX_QUERY)
    body: str = ""
    country: str = ""
    year: Year | None = None
    status: str = ""


class PassageOut(Schema):
    point_id: int | None
    label: str
    snippet: str = Field(description="HTML: the passage, escaped, with the matches in <mark>")
    text: str


class SearchHitOut(Schema):
    report_id: int
    meeting_id: int
    title: str
    language: str
    status: str
    is_published: bool
    body: str
    start_date: Any
    passages: list[PassageOut]


def _hit(hit: selectors.Hit) -> dict[str, Any]:
    report = hit.report
    return {
        "report_id": report.pk,
        "meeting_id": report.meeting_id,
        "title": report.title,
        "language": report.language,
        "status": report.status,
        "is_published": report.is_published,
        "body": report.meeting.body.slug,
        "start_date": report.meeting.start_date,
        "passages": [
            {
                "point_id": p.point.pk if p.point else None,
                "label": p.label,
                "snippet": str(p.snippet),
                "text": p.text,
            }
            for p in hit.passages
        ],
    }


class _Hits:
    """The results mapped to JSON rows, sliceable and countable for the pagination."""

    def __init__(self, results: selectors.SearchResults | None) -> None:
        self.results = results

    def count(self) -> int:
        return self.results.count() if self.results is not None else 0

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [_hit(h) for h in self.results[item]] if self.results is not None else []


@router.get("/search", response=list[SearchHitOut])
@paginate(BoundedPagination)
def search(request: HttpRequest, params: Query[SearchParams]) -> Any:
    """Reports and points matching every word of ``q`` (Spanish or English; accents and
    plurals do not matter), among the reports the caller may see; best matches first."""
    filters = filters_from(
        {
            "body": params.body,
            "country": params.country,
            "year": str(params.year or ""),
            "status": params.status,
        }
    )
    return _Hits(selectors.search(request.user, params.q, filters))
