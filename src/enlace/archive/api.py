"""The Work Plan Archive in /api/v1/ (mounted by enlace.api.api, under the work plan's
"workplan" tag; an explicit operation id keeps the API's published one, enlace_workplan_api_…).

Same rules as the pages (enlace.access): people of the network read the whole archive, the
public its published part. Reads go through the pages' selectors (enlace.archive.selectors).
"""

import datetime
import uuid
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from enlace.archive import selectors as archive_selectors
from enlace.core.api import BoundedPagination, MappedQuerySet
from enlace.core.paging import CountedSlices
from enlace.workplan.api import organisation_label
from enlace.workplan.models import Activity

router = Router(tags=["workplan"])


class ArchiveEntryOut(Schema):
    id: int
    key: uuid.UUID
    title: str
    title_es: str
    title_en: str
    status: str
    completed_on: datetime.date | None
    archived_on: datetime.date | None
    results: str
    cancel_reason: str
    published: bool
    work_plan: str
    version_id: int
    version_number: int
    axis_key: uuid.UUID
    axis: str
    objective: str
    responsible_countries: list[str]
    responsible_organisations: list[str]
    noted_by_meeting_id: int | None


class ArchiveFilter(Schema):
    year: int | None = Field(None, ge=1900, le=2999)
    axis: uuid.UUID | None = None
    country: str = ""
    q: str = ""


# --- the archive -------------------------------------------------------------------------------


def _archive_entry(activity: Activity) -> dict[str, Any]:
    axis = activity.objective.axis
    return {
        "id": activity.pk,
        "key": activity.key,
        "title": activity.title,
        "title_es": activity.title_es,
        "title_en": activity.title_en,
        "status": activity.status,
        "completed_on": activity.completed_on,
        "archived_on": activity.archived_on,
        "results": activity.results,
        "cancel_reason": activity.cancel_reason,
        "published": activity.archive_published,
        "work_plan": activity.version.work_plan.slug,
        "version_id": activity.version_id,
        "version_number": activity.version.number,
        "axis_key": axis.key,
        "axis": axis.title,
        "objective": activity.objective.title,
        "responsible_countries": [c.code for c in activity.responsible_countries.all()],
        "responsible_organisations": [
            organisation_label(o) for o in activity.responsible_organisations.all()
        ],
        "noted_by_meeting_id": activity.noted_by_meeting_id,
    }


@router.get(
    "/workplan/archive",
    response=list[ArchiveEntryOut],
    operation_id="enlace_workplan_api_archive",
)
@paginate(BoundedPagination)
def archive(request: HttpRequest, filters: Query[ArchiveFilter]) -> Any:
    """The Work Plan Archive, newest completion first: all of it for people of the network,
    its published part for the public. Filters: ``year`` of completion, ``axis`` (an axis key,
    the same in every version), ``country`` (ISO3 code of a responsible country), ``q`` (words,
    all of which must appear; case and accents ignored). The chain back to the agreement is
    in ``/workplan/activities/{id}``."""
    found = archive_selectors.archive_search(
        request.user,
        archive_selectors.ArchiveFilters(
            year=filters.year,
            axis=filters.axis,
            country=filters.country.strip().upper()[:3],
            q=filters.q.strip()[:200],
        ),
    )
    # The page's ids and the number of matches in one query; its rows by their ids.
    return MappedQuerySet(CountedSlices(found, read=archive_selectors.rows_by_ids), _archive_entry)
