"""The work plan's plans and versions in /api/v1/: who reads which version, pagination and
filters, progress."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from enlace.conftest import Net
from enlace.workplan.models import Activity, Axis, WorkPlanVersion
from enlace.workplan.tests.fixtures import code_of

API = "/api/v1/workplan"


# --- reading: who sees which version ----------------------------------------------------------


def test_public_lists_only_adopted_versions(
    client: Client, adopted_version: WorkPlanVersion, draft_version: WorkPlanVersion
) -> None:
    plans = client.get(f"{API}/plans").json()
    assert [p["slug"] for p in plans] == ["smuggling-2019-2025"]
    assert [v["number"] for v in plans[0]["versions"]] == [1]
    assert plans[0]["in_force"] == adopted_version.pk


@pytest.mark.parametrize("who", ["officer_client", "other_client", "observer_client"])
def test_network_lists_drafts_too(
    request: pytest.FixtureRequest,
    who: str,
    adopted_version: WorkPlanVersion,
    draft_version: WorkPlanVersion,
) -> None:
    plans = request.getfixturevalue(who).get(f"{API}/plans").json()
    assert [(v["number"], v["status"]) for v in plans[0]["versions"]] == [
        (2, "draft"),
        (1, "adopted"),
    ]
    assert plans[0]["in_force"] == adopted_version.pk


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("client", 404),
        ("outsider_client", 404),
        ("observer_client", 200),
        ("officer_client", 200),
        ("other_client", 200),
        ("secretariat_client", 200),
    ],
)
def test_draft_version_is_for_the_network_only(
    request: pytest.FixtureRequest, who: str, status: int, draft_version: WorkPlanVersion
) -> None:
    client = request.getfixturevalue(who)
    assert client.get(f"{API}/versions/{draft_version.pk}").status_code == status
    assert client.get(f"{API}/versions/{draft_version.pk}/activities").status_code == status
    activity = draft_version.activities.first()
    assert activity is not None
    assert client.get(f"{API}/activities/{activity.pk}").status_code == status


@pytest.mark.parametrize("who", ["client", "outsider_client", "observer_client"])
def test_adopted_version_is_public(
    request: pytest.FixtureRequest, who: str, adopted_version: WorkPlanVersion
) -> None:
    response = request.getfixturevalue(who).get(f"{API}/versions/{adopted_version.pk}")
    assert response.status_code == 200
    assert response.json()["status"] == "adopted"


def test_unknown_version_is_404(client: Client, adopted_version: WorkPlanVersion) -> None:
    assert client.get(f"{API}/versions/999999").status_code == 404


def test_version_tree_carries_weighted_progress(
    client: Client, adopted_version: WorkPlanVersion
) -> None:
    client.cookies["enlace_language"] = "en"
    tree = client.get(f"{API}/versions/{adopted_version.pk}").json()
    assert [a["title"] for a in tree["axes"]] == [
        "Intelligence and investigation",
        "Cross-border judicial cooperation",
        "Administrative detention and alternatives",
        "Protection: prevention, information, assistance and migration solutions",
    ]
    first = tree["axes"][0]["objectives"][0]
    # 1.1.1 completed (weight 2) and 1.1.2 at 50 % (weight 1): (2×100 + 1×50) / 3.
    assert [code_of(a) for a in first["activities"]] == ["1.1.1", "1.1.2"]
    assert first["progress"] == 83.3
    # 2.2.1 is cancelled and does not count; 2.2.2 is planned: 0 %.
    judicial = tree["axes"][1]["objectives"][1]
    assert judicial["progress"] == 0.0
    # Axis 1: objective 1.1 (weight 2, 83.3 %) and 1.2 (weight 1, 1.2.1 40 % and 1.2.2 0 %).
    assert tree["axes"][0]["progress"] == round((2 * 83.3 + 20.0) / 3, 1)
    assert tree["progress"] is not None
    late = {code_of(a) for ax in tree["axes"] for o in ax["objectives"] for a in o["activities"]
            if a["is_late"]}  # fmt: skip
    assert late == {"1.2.1", "2.2.2", "4.1.2"}


def test_version_tree_gives_each_activity_its_countries_and_organisations(
    client: Client, adopted_version: WorkPlanVersion, net: Net
) -> None:
    shared = adopted_version.activities.get(title_es__startswith="3.2.1 ")
    shared.responsible_organisations.set([net.rrocm])

    tree = client.get(f"{API}/versions/{adopted_version.pk}").json()

    activities = {
        code_of(a): a for axis in tree["axes"] for o in axis["objectives"] for a in o["activities"]
    }
    assert activities["3.2.1"]["responsible_countries"] == ["HND", "MEX"]
    assert activities["3.2.1"]["responsible_organisations"] == [net.rrocm.acronym]
    assert activities["1.1.2"]["responsible_countries"] == ["MEX"]
    assert activities["1.1.2"]["responsible_organisations"] == []
    # The public: every activity but the archived one whose archive entry is unpublished.
    assert len(activities) == 15
    assert "2.1.1" not in activities


# --- activities: pagination and filters --------------------------------------------------------


def test_activities_are_paginated_in_plan_order(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    url = f"{API}/versions/{adopted_version.pk}/activities"
    first = officer_client.get(url, {"limit": 5}).json()
    second = officer_client.get(url, {"limit": 5, "offset": 5}).json()
    assert first["count"] == 16
    assert [code_of(a) for a in first["items"]] == ["1.1.1", "1.1.2", "1.2.1", "1.2.2", "2.1.1"]
    assert [code_of(a) for a in second["items"]] == ["2.1.2", "2.2.1", "2.2.2", "3.1.1", "3.1.2"]


def test_activities_filter_by_status_country_and_axis(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    url = f"{API}/versions/{adopted_version.pk}/activities"
    completed = officer_client.get(url, {"status": "completed"}).json()
    assert {code_of(a) for a in completed["items"]} == {"1.1.1", "2.1.1", "3.1.2", "4.2.1"}
    mexico = officer_client.get(url, {"country": "mex"}).json()
    assert all("MEX" in a["responsible_countries"] for a in mexico["items"])
    assert mexico["count"] == 9  # eight of Mexico's own and 3.2.1, shared with Honduras
    axis = Axis.objects.get(version=adopted_version, position=3)
    detention = officer_client.get(url, {"axis": axis.pk}).json()
    assert {code_of(a) for a in detention["items"]} == {"3.1.1", "3.1.2", "3.2.1", "3.2.2"}


def test_activity_list_query_count_does_not_grow(
    client: Client, adopted_version: WorkPlanVersion, net: Net
) -> None:
    def queries() -> int:
        url = f"{API}/versions/{adopted_version.pk}/activities?limit=500"
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def tree_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{API}/versions/{adopted_version.pk}").status_code == 200
        return len(captured)

    small, small_tree = queries(), tree_queries()
    objective = adopted_version.objectives.first()
    assert objective is not None
    added = Activity.objects.bulk_create(
        Activity(
            version=adopted_version,
            objective=objective,
            position=10 + i,
            title_es=f"9.9.{i} Extra",
            end_date=datetime.date(2030, 1, 1),
        )
        for i in range(190)
    )
    through = Activity.responsible_countries.through
    through.objects.bulk_create(
        through(activity_id=a.pk, country_id=net.honduras.pk) for a in added
    )
    assert queries() == small
    assert tree_queries() == small_tree
