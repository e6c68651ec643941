"""The work plan in /api/v1/: who reads what, pagination and filters, progress, and updates
with their 403 / 409 / 422 answers."""

import datetime
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from enlace.accounts.models import User
from enlace.accounts.services import api_token_create
from enlace.audit.models import AuditEvent
from enlace.conftest import Net
from enlace.workplan.models import Activity, Axis, Evidence, WorkPlanVersion

API = "/api/v1/workplan"


def _code(activity: dict[str, Any]) -> str:
    """The fixture's activity code ("1.2.1"), the start of its title."""
    return str(activity["title_es"].split(" ", 1)[0])


def _by_code(version: WorkPlanVersion, code: str) -> Activity:
    return version.activities.get(title_es__startswith=code + " ")


def _patch(client: Client, activity: Activity, **data: Any) -> Any:
    return client.patch(
        f"{API}/activities/{activity.pk}", json.dumps(data), content_type="application/json"
    )


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
    assert [_code(a) for a in first["activities"]] == ["1.1.1", "1.1.2"]
    assert first["progress"] == 83.3
    # 2.2.1 is cancelled and does not count; 2.2.2 is planned: 0 %.
    judicial = tree["axes"][1]["objectives"][1]
    assert judicial["progress"] == 0.0
    # Axis 1: objective 1.1 (weight 2, 83.3 %) and 1.2 (weight 1, 1.2.1 40 % and 1.2.2 0 %).
    assert tree["axes"][0]["progress"] == round((2 * 83.3 + 20.0) / 3, 1)
    assert tree["progress"] is not None
    late = {_code(a) for ax in tree["axes"] for o in ax["objectives"] for a in o["activities"]
            if a["is_late"]}  # fmt: skip
    assert late == {"1.2.1", "2.2.2", "4.1.2"}


# --- activities: pagination and filters --------------------------------------------------------


def test_activities_are_paginated_in_plan_order(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    url = f"{API}/versions/{adopted_version.pk}/activities"
    first = officer_client.get(url, {"limit": 5}).json()
    second = officer_client.get(url, {"limit": 5, "offset": 5}).json()
    assert first["count"] == 16
    assert [_code(a) for a in first["items"]] == ["1.1.1", "1.1.2", "1.2.1", "1.2.2", "2.1.1"]
    assert [_code(a) for a in second["items"]] == ["2.1.2", "2.2.1", "2.2.2", "3.1.1", "3.1.2"]


def test_activities_filter_by_status_country_and_axis(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    url = f"{API}/versions/{adopted_version.pk}/activities"
    completed = officer_client.get(url, {"status": "completed"}).json()
    assert {_code(a) for a in completed["items"]} == {"1.1.1", "2.1.1", "3.1.2", "4.2.1"}
    mexico = officer_client.get(url, {"country": "mex"}).json()
    assert all("MEX" in a["responsible_countries"] for a in mexico["items"])
    assert mexico["count"] == 9  # eight of Mexico's own and 3.2.1, shared with Honduras
    axis = Axis.objects.get(version=adopted_version, position=3)
    detention = officer_client.get(url, {"axis": axis.pk}).json()
    assert {_code(a) for a in detention["items"]} == {"3.1.1", "3.1.2", "3.2.1", "3.2.2"}


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


def test_unpublished_archive_entry_is_for_the_network_only(
    client: Client, officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    unpublished = _by_code(adopted_version, "2.1.1")
    assert client.get(f"{API}/activities/{unpublished.pk}").status_code == 404
    member = officer_client.get(f"{API}/activities/{unpublished.pk}").json()
    assert member["results"] == "Directorio distribuido a las autoridades"
    public_tree = client.get(f"{API}/versions/{adopted_version.pk}").json()
    member_tree = officer_client.get(f"{API}/versions/{adopted_version.pk}").json()

    def codes(tree: dict[str, Any]) -> set[str]:
        return {_code(a) for x in tree["axes"] for o in x["objectives"] for a in o["activities"]}

    assert codes(member_tree) - codes(public_tree) == {"2.1.1"}
    # It still counts in the plan's progress, the same for everyone.
    assert public_tree["progress"] == member_tree["progress"]
    listed = client.get(f"{API}/versions/{adopted_version.pk}/activities").json()
    assert listed["count"] == 15


def test_evidence_stays_in_the_network_until_published(
    client: Client, officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    open_activity = _by_code(adopted_version, "1.2.1")
    Evidence.objects.create(activity=open_activity, title="Borrador", url="https://example.org/b")
    published = _by_code(adopted_version, "1.1.1")
    Evidence.objects.create(activity=published, title="Informe", url="https://example.org/i")
    assert client.get(f"{API}/activities/{open_activity.pk}").json()["evidence"] is None
    member = officer_client.get(f"{API}/activities/{open_activity.pk}").json()
    assert [e["title"] for e in member["evidence"]] == ["Borrador"]
    public = client.get(f"{API}/activities/{published.pk}").json()
    assert [e["title"] for e in public["evidence"]] == ["Informe"]
    assert public["results"] == "Informe de rutas compartido con la red"


def test_activity_detail_says_who_can_update(
    officer_client: Client, other_client: Client, adopted_version: WorkPlanVersion
) -> None:
    honduran = _by_code(adopted_version, "1.2.1")
    assert officer_client.get(f"{API}/activities/{honduran.pk}").json()["can_update"] is True
    assert other_client.get(f"{API}/activities/{honduran.pk}").json()["can_update"] is False


# --- updating ----------------------------------------------------------------------------------


def test_responsible_officer_updates_progress(
    officer_client: Client, officer: User, adopted_version: WorkPlanVersion
) -> None:
    activity = _by_code(adopted_version, "1.2.1")
    state = officer_client.get(f"{API}/activities/{activity.pk}").json()["state"]
    response = _patch(
        officer_client, activity, status="in_progress", progress=65, expected_state=state
    )
    assert response.status_code == 200
    assert response.json()["progress"] == 65
    assert response.json()["state"] != state
    activity.refresh_from_db()
    assert activity.progress == 65
    event = AuditEvent.objects.filter(object_id=str(activity.pk)).latest("pk")
    assert event.actor == officer
    assert (event.before["progress"], event.after["progress"]) == (40, 65)


def test_secretariat_updates_any_activity(
    secretariat_client: Client, adopted_version: WorkPlanVersion
) -> None:
    activity = _by_code(adopted_version, "4.1.2")
    state = secretariat_client.get(f"{API}/activities/{activity.pk}").json()["state"]
    response = _patch(
        secretariat_client,
        activity,
        status="completed",
        progress=80,
        completed_on=str(datetime.date.today()),
        expected_state=state,
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["progress"]) == ("completed", 100)


def test_api_token_updates_without_csrf(officer: User, adopted_version: WorkPlanVersion) -> None:
    _token, raw = api_token_create(user=officer, name="script")
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {raw}")
    activity = _by_code(adopted_version, "1.2.1")
    state = client.get(f"{API}/activities/{activity.pk}").json()["state"]
    response = _patch(client, activity, status="in_progress", progress=45, expected_state=state)
    assert response.status_code == 200


def test_session_update_without_csrf_token_is_refused(
    officer: User, adopted_version: WorkPlanVersion
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    activity = _by_code(adopted_version, "1.2.1")
    state = client.get(f"{API}/activities/{activity.pk}").json()["state"]
    response = _patch(client, activity, status="in_progress", progress=45, expected_state=state)
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.progress == 40


@pytest.mark.parametrize("who", ["other_client", "observer_client", "outsider_client"])
def test_others_may_not_update(
    request: pytest.FixtureRequest, who: str, adopted_version: WorkPlanVersion
) -> None:
    client = request.getfixturevalue(who)
    activity = _by_code(adopted_version, "1.2.1")  # Honduras's
    state = client.get(f"{API}/activities/{activity.pk}").json()["state"]
    response = _patch(client, activity, status="completed", progress=100, expected_state=state)
    assert response.status_code == 403
    activity.refresh_from_db()
    assert (activity.status, activity.progress) == ("in_progress", 40)


def test_anonymous_may_not_update(client: Client, adopted_version: WorkPlanVersion) -> None:
    activity = _by_code(adopted_version, "1.2.1")
    state = client.get(f"{API}/activities/{activity.pk}").json()["state"]
    response = _patch(client, activity, status="in_progress", progress=90, expected_state=state)
    assert response.status_code == 401
    activity.refresh_from_db()
    assert activity.progress == 40


def test_draft_activity_is_404_for_the_public(
    client: Client, draft_version: WorkPlanVersion
) -> None:
    activity = _by_code(draft_version, "1.2.1")
    response = _patch(client, activity, status="in_progress", progress=90, expected_state="x")
    assert response.status_code == 404


def test_second_editor_gets_409_with_the_saved_values(
    officer_client: Client, secretariat_client: Client, adopted_version: WorkPlanVersion
) -> None:
    activity = _by_code(adopted_version, "3.1.1")
    opened = officer_client.get(f"{API}/activities/{activity.pk}").json()["state"]
    first = _patch(
        secretariat_client, activity, status="in_progress", progress=90, expected_state=opened
    )
    assert first.status_code == 200
    second = _patch(
        officer_client, activity, status="postponed", progress=75, expected_state=opened
    )
    assert second.status_code == 409
    body = second.json()
    assert body["current"]["progress"] == 90
    assert body["current"]["status"] == "in_progress"
    assert body["current"]["state"] == first.json()["state"]
    assert [(c["field"], c["opened"], c["saved"]) for c in body["changes"]] == [
        ("progress", "75 %", "90 %")
    ]
    assert body["by"] == "st_staff"
    activity.refresh_from_db()
    assert (activity.status, activity.progress) == ("in_progress", 90)
    # With the state of what is saved now, the officer's change goes through.
    again = _patch(
        officer_client,
        activity,
        status="postponed",
        progress=75,
        expected_state=body["current"]["state"],
    )
    assert again.status_code == 200


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "in_progress", "progress": 150}, "progress"),
        ({"status": "in_progress", "progress": "lots"}, "progress"),
        ({"status": "in_progress"}, "progress"),
        ({"status": "finished", "progress": 10}, "status"),
        ({"status": "completed", "progress": 100}, "completed_on"),
        ({"status": "cancelled", "progress": 10}, "cancel_reason"),
    ],
)
def test_invalid_update_is_422_and_changes_nothing(
    officer_client: Client, adopted_version: WorkPlanVersion, data: dict[str, Any], field: str
) -> None:
    activity = _by_code(adopted_version, "1.2.1")
    state = officer_client.get(f"{API}/activities/{activity.pk}").json()["state"]
    response = _patch(officer_client, activity, expected_state=state, **data)
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]
    activity.refresh_from_db()
    assert (activity.status, activity.progress) == ("in_progress", 40)


def test_update_without_expected_state_is_422(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    activity = _by_code(adopted_version, "1.2.1")
    response = _patch(officer_client, activity, status="in_progress", progress=50)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["expected_state"]


# --- the archive -------------------------------------------------------------------------------


def test_public_archive_is_the_published_part(
    client: Client, adopted_version: WorkPlanVersion
) -> None:
    entries = client.get(f"{API}/archive").json()
    assert {_code(a) for a in entries["items"]} == {"1.1.1", "2.2.1", "4.2.1"}
    assert all(a["published"] for a in entries["items"])


@pytest.mark.parametrize("who", ["officer_client", "other_client", "observer_client"])
def test_network_sees_the_whole_archive(
    request: pytest.FixtureRequest, who: str, adopted_version: WorkPlanVersion
) -> None:
    entries = request.getfixturevalue(who).get(f"{API}/archive").json()
    assert {_code(a) for a in entries["items"]} == {"1.1.1", "2.1.1", "2.2.1", "4.2.1"}


def test_outsider_sees_the_public_archive(
    outsider_client: Client, adopted_version: WorkPlanVersion
) -> None:
    entries = outsider_client.get(f"{API}/archive").json()
    assert {_code(a) for a in entries["items"]} == {"1.1.1", "2.2.1", "4.2.1"}


def test_archive_filters(officer_client: Client, adopted_version: WorkPlanVersion) -> None:
    def codes(**params: Any) -> set[str]:
        response = officer_client.get(f"{API}/archive", params)
        assert response.status_code == 200
        return {_code(a) for a in response.json()["items"]}

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
    pages = [_code(a) for a in first["items"] + rest["items"]]
    assert sorted(pages) == ["1.1.1", "2.2.1", "4.2.1"]
    assert pages.index("4.2.1") < pages.index("1.1.1")  # newest completion first


@pytest.mark.parametrize(
    ("params", "field"), [({"year": "last"}, "year"), ({"axis": "not-a-key"}, "axis")]
)
def test_archive_refuses_bad_filters(
    client: Client, adopted_version: WorkPlanVersion, params: dict[str, str], field: str
) -> None:
    response = client.get(f"{API}/archive", params)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
