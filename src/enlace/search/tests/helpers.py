"""Reports written straight to the database and indexed, for the search tests."""

import datetime
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from enlace.conftest import Net
from enlace.meetings.models import Visibility
from enlace.meetings.tests.factories import add_delegations, make_meeting, make_report
from enlace.reports.models import Report
from enlace.search.services import search_index_report


def indexed_report(
    net: Net,
    points: list[str],
    *,
    day: datetime.date = datetime.date(2024, 5, 6),
    published: bool = True,
    visibility: str = Visibility.PUBLIC,
    countries: tuple[Any, ...] = (),
    body: Any = None,
    **fields: Any,
) -> Report:
    meeting = make_meeting(
        net, start_date=day, end_date=day, visibility=visibility, body=body or net.network
    )
    add_delegations(meeting, *(countries or (net.honduras, net.mexico)))
    report = make_report(
        meeting,
        points=[(0, text) for text in points],
        status=Report.Status.ADOPTED if published else Report.Status.DRAFT,
        is_published=published,
        **fields,
    )
    search_index_report(report)
    return report


def found_ids(client: Client, query: str) -> list[int]:
    """The report ids the API returns for a query string, in rank order (first 100)."""
    response = client.get(f"/api/v1/search?{query}&limit=100")
    assert response.status_code == 200, response.content
    return [item["report_id"] for item in response.json()["items"]]


def count_queries(client: Client, path: str) -> int:
    client.get(path)  # warm up: sessions, caches of the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)
