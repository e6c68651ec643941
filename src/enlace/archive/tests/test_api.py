"""The Work Plan Archive in /api/v1/: the public's part and the network's, filters, search and
pagination."""

from typing import Any

import pytest
from django.test import Client

from enlace.workplan.models import Axis, WorkPlanVersion
from enlace.workplan.tests.fixtures import code_of

API = "/api/v1/workplan"


# --- the archive -------------------------------------------------------------------------------


def test_public_archive_is_the_published_part(
    client: Client, adopted_version: WorkPlanVersion
) -> None:
    entries = client.get(f"{API}/archive").json()
    assert {code_of(a) for a in entries["items"]} == {"1.1.1", "2.2.1", "4.2.1"}
    assert all(a["published"] for a in entries["items"])


@pytest.mark.parametrize("who", ["officer_client", "other_client", "observer_client"])
def test_network_sees_the_whole_archive(
    request: pytest.FixtureRequest, who: str, adopted_version: WorkPlanVersion
) -> None:
    entries = request.getfixturevalue(who).get(f"{API}/archive").json()
    assert {code_of(a) for a in entries["items"]} == {"1.1.1", "2.1.1", "2.2.1", "4.2.1"}


def test_outsider_sees_the_public_archive(
    outsider_client: Client, adopted_version: WorkPlanVersion
) -> None:
    entries = outsider_client.get(f"{API}/archive").json()
    assert {code_of(a) for a in entries["items"]} == {"1.1.1", "2.2.1", "4.2.1"}


def test_archive_filters(officer_client: Client, adopted_version: WorkPlanVersion) -> None:
    def codes(**params: Any) -> set[str]:
        response = officer_client.get(f"{API}/archive", params)
        assert response.status_code == 200
        return {code_of(a) for a in response.json()["items"]}

    assert codes(year=2021) == {"2.1.1"}
    assert codes(country="mex") == {"2.1.1"}
    protection = Axis.objects.get(version=adopted_version, position=4)
    assert codes(axis=str(protection.key)) == {"4.2.1"}
    assert codes(q="RUTAS") == {"1.1.1"}
    assert codes(q="victims pathway") == {"4.2.1"}
    assert codes(q="legislación") == {"2.2.1"}
    assert codes(q="nothing-like-this") == set()


def test_archive_search_of_the_public_skips_unpublished(
    client: Client, adopted_version: WorkPlanVersion
) -> None:
    response = client.get(f"{API}/archive", {"q": "directorio"})
    assert response.json()["count"] == 0


def test_archive_is_paginated(client: Client, adopted_version: WorkPlanVersion) -> None:
    first = client.get(f"{API}/archive", {"limit": 2}).json()
    rest = client.get(f"{API}/archive", {"limit": 2, "offset": 2}).json()
    assert first["count"] == 3
    assert len(first["items"]) == 2
    pages = [code_of(a) for a in first["items"] + rest["items"]]
    assert sorted(pages) == ["1.1.1", "2.2.1", "4.2.1"]
    assert pages.index("4.2.1") < pages.index("1.1.1")  # newest completion first


def test_archive_counts_past_its_last_entry(
    client: Client, adopted_version: WorkPlanVersion
) -> None:
    # The count comes with a page's entries; a page past the last has none and is counted apart.
    past = client.get(f"{API}/archive", {"limit": 2, "offset": 10}).json()
    assert (past["count"], past["items"]) == (3, [])
    last = client.get(f"{API}/archive", {"limit": 2, "offset": 2}).json()
    assert (last["count"], len(last["items"])) == (3, 1)
    words = client.get(f"{API}/archive", {"q": "estudio regional", "limit": 1}).json()
    assert (words["count"], [code_of(a) for a in words["items"]]) == (1, ["2.2.1"])


@pytest.mark.parametrize(
    ("params", "field"), [({"year": "last"}, "year"), ({"axis": "not-a-key"}, "axis")]
)
def test_archive_refuses_bad_filters(
    client: Client, adopted_version: WorkPlanVersion, params: dict[str, str], field: str
) -> None:
    response = client.get(f"{API}/archive", params)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
