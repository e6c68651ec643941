"""The meetings page does as many queries with 200 meetings as with 10."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from enlace.conftest import Net
from enlace.meetings.tests.factories import bulk_meetings


def count_queries(client: Client, path: str) -> int:
    client.get(path)  # warm up: sessions, caches of the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["client", "observer_client", "officer_client"])
def test_meeting_list_queries_do_not_grow_with_the_data(
    request: pytest.FixtureRequest, net: Net, who: str
) -> None:
    client = request.getfixturevalue(who)
    bulk_meetings(net, 10)
    with_ten = count_queries(client, "/meetings/")

    bulk_meetings(net, 190, first=10)
    with_two_hundred = count_queries(client, "/meetings/")

    assert with_two_hundred == with_ten
    assert with_ten <= 10  # the design's budget for a page


def test_filtered_meeting_list_queries_do_not_grow_with_the_data(client: Client, net: Net) -> None:
    path = "/meetings/?body=grcm&year=2000&page=2"
    bulk_meetings(net, 10)
    with_ten = count_queries(client, path)  # a page past the end shows the last page

    bulk_meetings(net, 190, first=10)
    with_two_hundred = count_queries(client, path)

    assert with_two_hundred == with_ten
