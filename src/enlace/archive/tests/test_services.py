"""Moving activities to the Work Plan Archive, and publishing them: who may, what it needs, and
the audit trail."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from enlace.accounts.models import User
from enlace.archive import selectors as archive_selectors
from enlace.archive.services import (
    activity_archive,
    archive_publish,
    archive_unpublish,
)
from enlace.audit.models import AuditEvent
from enlace.conftest import Net
from enlace.core.services import EditConflict, state_token
from enlace.meetings.tests.factories import make_meeting
from enlace.workplan.models import Activity, WorkPlanVersion


def activity(version: WorkPlanVersion, code: str) -> Activity:
    return Activity.objects.get(version=version, title_es__startswith=code + " ")


def test_secretariat_archives_a_completed_activity(
    net: Net, secretariat: User, adopted_version: WorkPlanVersion
) -> None:
    meeting = make_meeting(net, title="XX Reunión de la Red")
    done = activity(adopted_version, "3.1.2")  # completed, not yet archived
    activity_archive(
        secretariat,
        done,
        completed_on=datetime.date(2024, 2, 1),
        results="Se intercambiaron 12 prácticas",
        noted_by_meeting=meeting,
        published=True,
    )
    done.refresh_from_db()
    assert done.archived_on is not None
    assert done.completed_on == datetime.date(2024, 2, 1)
    assert done.noted_by_meeting == meeting
    assert done.archive_published
    event = AuditEvent.objects.get(action="activity.archive", object_id=str(done.pk))
    assert event.actor == secretariat
    assert event.before["archived_on"] is None
    assert event.after["results"] == "Se intercambiaron 12 prácticas"


def test_a_completed_activity_needs_its_results_and_date(
    secretariat: User, adopted_version: WorkPlanVersion
) -> None:
    done = activity(adopted_version, "3.1.2")
    with pytest.raises(ValidationError) as error:
        activity_archive(secretariat, done, completed_on=None, results="")
    assert set(error.value.error_dict) == {"completed_on", "results"}
    done.refresh_from_db()
    assert done.archived_on is None
    assert not AuditEvent.objects.filter(action="activity.archive").exists()


def test_a_cancelled_activity_goes_with_its_reason(
    secretariat: User, adopted_version: WorkPlanVersion
) -> None:
    cancelled = activity(adopted_version, "2.2.2")
    Activity.objects.filter(pk=cancelled.pk).update(status=Activity.Status.CANCELLED)
    with pytest.raises(ValidationError) as error:
        activity_archive(secretariat, cancelled, completed_on=datetime.date(2024, 1, 1))
    assert set(error.value.error_dict) == {"cancel_reason"}
    activity_archive(
        secretariat,
        cancelled,
        completed_on=datetime.date(2024, 1, 1),
        cancel_reason="Sin financiamiento",
    )
    cancelled.refresh_from_db()
    assert cancelled.archived_on is not None
    assert cancelled.cancel_reason == "Sin financiamiento"


def test_an_open_activity_does_not_go_to_the_archive(
    secretariat: User, adopted_version: WorkPlanVersion
) -> None:
    running = activity(adopted_version, "1.1.2")  # in progress
    with pytest.raises(ValidationError):
        activity_archive(
            secretariat, running, completed_on=datetime.date(2024, 1, 1), results="Algo"
        )
    running.refresh_from_db()
    assert running.archived_on is None


def test_only_activities_of_the_version_in_force(
    secretariat: User, draft_version: WorkPlanVersion
) -> None:
    draft_activity = activity(draft_version, "3.1.2")
    with pytest.raises(ValidationError):
        activity_archive(
            secretariat, draft_activity, completed_on=datetime.date(2024, 1, 1), results="x"
        )


@pytest.mark.parametrize("who", ["officer", "other_officer", "observer", "outsider"])
def test_only_the_secretariat_archives(
    request: pytest.FixtureRequest, who: str, adopted_version: WorkPlanVersion
) -> None:
    user = request.getfixturevalue(who)
    done = activity(adopted_version, "3.1.2")
    with pytest.raises(PermissionDenied):
        activity_archive(user, done, completed_on=datetime.date(2024, 1, 1), results="x")
    with pytest.raises(PermissionDenied):
        archive_unpublish(user, activity(adopted_version, "1.1.1"))
    done.refresh_from_db()
    assert done.archived_on is None


def test_stale_archive_form_is_refused(secretariat: User, adopted_version: WorkPlanVersion) -> None:
    done = activity(adopted_version, "3.1.2")
    opened = state_token(done)
    Activity.objects.filter(pk=done.pk).update(results="Otro texto")
    with pytest.raises(EditConflict):
        activity_archive(
            secretariat,
            done,
            completed_on=datetime.date(2024, 1, 1),
            results="Mío",
            expected_state=opened,
        )
    done.refresh_from_db()
    assert done.results == "Otro texto"
    assert done.archived_on is None


def test_publish_and_unpublish_are_audited(
    secretariat: User, adopted_version: WorkPlanVersion
) -> None:
    hidden = activity(adopted_version, "2.1.1")  # archived, not published
    archive_publish(secretariat, hidden)
    hidden.refresh_from_db()
    assert hidden.archive_published
    archive_unpublish(secretariat, hidden)
    hidden.refresh_from_db()
    assert not hidden.archive_published
    actions = list(
        AuditEvent.objects.filter(object_id=str(hidden.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["activity.archive_publish", "activity.archive_unpublish"]


def test_an_activity_outside_the_archive_cannot_be_published(
    secretariat: User, adopted_version: WorkPlanVersion
) -> None:
    with pytest.raises(ValidationError):
        archive_publish(secretariat, activity(adopted_version, "1.1.2"))


def test_an_objective_is_archived_when_all_its_activities_are(
    secretariat: User, adopted_version: WorkPlanVersion
) -> None:
    # Objective 3.1: 3.1.1 (in progress) and 3.1.2 (completed).
    def archived_objectives() -> set[str]:
        return {o.title_es for o in archive_selectors.archived_objectives(secretariat)}

    assert "Promover alternativas a la detención" not in archived_objectives()
    activity_archive(
        secretariat,
        activity(adopted_version, "3.1.2"),
        completed_on=datetime.date(2024, 1, 1),
        results="Hecho",
    )
    assert "Promover alternativas a la detención" not in archived_objectives()
    last = activity(adopted_version, "3.1.1")
    Activity.objects.filter(pk=last.pk).update(status=Activity.Status.COMPLETED)
    activity_archive(
        secretariat, last, completed_on=datetime.date(2024, 3, 1), results="Catálogo publicado"
    )
    assert "Promover alternativas a la detención" in archived_objectives()
