"""Search pages do as many queries with 200 reports as with 10."""

import pytest

from enlace.conftest import Net
from enlace.meetings.tests.factories import bulk_meetings
from enlace.search.services import search_reindex
from enlace.search.tests.helpers import count_queries


@pytest.mark.parametrize("who", ["client", "observer_client", "officer_client"])
@pytest.mark.parametrize(
    "path",
    [
        "/search/?q=punto",
        "/search/?q=informe+reunion&country=HND&page=2",
        "/api/v1/search?q=punto",
        "/api/v1/search?q=informe&body=grcm&offset=1",
    ],
)
def test_search_queries_do_not_grow_with_the_data(
    request: pytest.FixtureRequest, net: Net, who: str, path: str
) -> None:
    client = request.getfixturevalue(who)
    bulk_meetings(net, 10)
    search_reindex()
    with_ten = count_queries(client, path)

    bulk_meetings(net, 190, first=10)
    search_reindex()
    with_two_hundred = count_queries(client, path)

    assert with_two_hundred == with_ten
    assert with_ten <= 10
