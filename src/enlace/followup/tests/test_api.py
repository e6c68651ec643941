"""The follow-up's activities in /api/v1/: who reads an activity and its evidence, and updates
with their 403 / 409 / 422 answers."""

import datetime
import json
from typing import Any

import pytest
from django.test import Client

from enlace.accounts.models import User
from enlace.accounts.services import api_token_create
from enlace.audit.models import AuditEvent
from enlace.workplan.models import Activity, Evidence, WorkPlanVersion
from enlace.workplan.tests.fixtures import activity_by_code, code_of

API = "/api/v1/workplan"


def _patch(client: Client, activity: Activity, **data: Any) -> Any:
    return client.patch(
        f"{API}/activities/{activity.pk}", json.dumps(data), content_type="application/json"
    )


# --- reading an activity ------------------------------------------------------------------------


def test_unpublished_archive_entry_is_for_the_network_only(
    client: Client, officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    unpublished = activity_by_code(adopted_version, "2.1.1")
    assert client.get(f"{API}/activities/{unpublished.pk}").status_code == 404
    member = officer_client.get(f"{API}/activities/{unpublished.pk}").json()
    assert member["results"] == "Directorio distribuido a las autoridades"
    public_tree = client.get(f"{API}/versions/{adopted_version.pk}").json()
    member_tree = officer_client.get(f"{API}/versions/{adopted_version.pk}").json()

    def codes(tree: dict[str, Any]) -> set[str]:
        return {code_of(a) for x in tree["axes"] for o in x["objectives"] for a in o["activities"]}

    assert codes(member_tree) - codes(public_tree) == {"2.1.1"}
    # It still counts in the plan's progress, the same for everyone.
    assert public_tree["progress"] == member_tree["progress"]
    listed = client.get(f"{API}/versions/{adopted_version.pk}/activities").json()
    assert listed["count"] == 15


def test_evidence_stays_in_the_network_until_published(
    client: Client, officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    open_activity = activity_by_code(adopted_version, "1.2.1")
    Evidence.objects.create(activity=open_activity, title="Borrador", url="https://example.org/b")
    published = activity_by_code(adopted_version, "1.1.1")
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
    honduran = activity_by_code(adopted_version, "1.2.1")
    assert officer_client.get(f"{API}/activities/{honduran.pk}").json()["can_update"] is True
    assert other_client.get(f"{API}/activities/{honduran.pk}").json()["can_update"] is False


# --- updating ----------------------------------------------------------------------------------


def test_responsible_officer_updates_progress(
    officer_client: Client, officer: User, adopted_version: WorkPlanVersion
) -> None:
    activity = activity_by_code(adopted_version, "1.2.1")
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
    activity = activity_by_code(adopted_version, "4.1.2")
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
    activity = activity_by_code(adopted_version, "1.2.1")
    state = client.get(f"{API}/activities/{activity.pk}").json()["state"]
    response = _patch(client, activity, status="in_progress", progress=45, expected_state=state)
    assert response.status_code == 200


def test_session_update_without_csrf_token_is_refused(
    officer: User, adopted_version: WorkPlanVersion
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    activity = activity_by_code(adopted_version, "1.2.1")
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
    activity = activity_by_code(adopted_version, "1.2.1")  # Honduras's
    state = client.get(f"{API}/activities/{activity.pk}").json()["state"]
    response = _patch(client, activity, status="completed", progress=100, expected_state=state)
    assert response.status_code == 403
    activity.refresh_from_db()
    assert (activity.status, activity.progress) == ("in_progress", 40)


def test_anonymous_may_not_update(client: Client, adopted_version: WorkPlanVersion) -> None:
    activity = activity_by_code(adopted_version, "1.2.1")
    state = client.get(f"{API}/activities/{activity.pk}").json()["state"]
    response = _patch(client, activity, status="in_progress", progress=90, expected_state=state)
    assert response.status_code == 401
    activity.refresh_from_db()
    assert activity.progress == 40


def test_draft_activity_is_404_for_the_public(
    client: Client, draft_version: WorkPlanVersion
) -> None:
    activity = activity_by_code(draft_version, "1.2.1")
    response = _patch(client, activity, status="in_progress", progress=90, expected_state="x")
    assert response.status_code == 404


def test_second_editor_gets_409_with_the_saved_values(
    officer_client: Client, secretariat_client: Client, adopted_version: WorkPlanVersion
) -> None:
    activity = activity_by_code(adopted_version, "3.1.1")
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
    activity = activity_by_code(adopted_version, "1.2.1")
    state = officer_client.get(f"{API}/activities/{activity.pk}").json()["state"]
    response = _patch(officer_client, activity, expected_state=state, **data)
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]
    activity.refresh_from_db()
    assert (activity.status, activity.progress) == ("in_progress", 40)


def test_update_without_expected_state_is_422(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    activity = activity_by_code(adopted_version, "1.2.1")
    response = _patch(officer_client, activity, status="in_progress", progress=50)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["expected_state"]
