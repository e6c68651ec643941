"""The follow-up services: who may update an activity, what a status needs, conflicts,
milestones and evidence, and that every write is in the activity's history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from enlace.audit.models import AuditEvent
from enlace.core.services import state_token
from enlace.followup import selectors as follow_selectors
from enlace.followup.services import (
    ActivityConflict,
    activity_update_progress,
    evidence_add,
    evidence_remove,
    milestone_add,
    opened_values,
)
from enlace.workplan.models import Activity, Evidence, Milestone

TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def _english():
    """Labels are compared in English (the catalogs are being translated in parallel)."""
    with translation.override("en"):
        yield


def activity(version, code: str) -> Activity:
    return Activity.objects.get(version=version, title_es__startswith=f"{code} ")


@pytest.fixture
def hnd_activity(adopted_version) -> Activity:
    """1.2.1: Honduras's, in progress at 40 %, late."""
    return activity(adopted_version, "1.2.1")


def events(act: Activity) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_type="workplan.activity", object_id=str(act.pk)).order_by(
            "pk"
        )
    )


# --- who may update ------------------------------------------------------------------------


def test_responsible_officer_records_progress_with_its_history(officer, hnd_activity):
    activity_update_progress(user=officer, activity=hnd_activity, status="in_progress", progress=65)
    hnd_activity.refresh_from_db()
    assert hnd_activity.progress == 65
    [event] = events(hnd_activity)
    assert event.actor == officer
    assert event.before["progress"] == 40
    assert event.after["progress"] == 65


def test_secretariat_updates_any_activity(secretariat, adopted_version):
    mexican = activity(adopted_version, "1.1.2")
    activity_update_progress(user=secretariat, activity=mexican, status="in_progress", progress=55)
    mexican.refresh_from_db()
    assert mexican.progress == 55


def test_officer_of_a_co_responsible_country_updates_the_shared_activity(
    other_officer, adopted_version
):
    shared = activity(adopted_version, "3.2.1")  # Honduras and Mexico
    activity_update_progress(user=other_officer, activity=shared, status="in_progress", progress=30)
    shared.refresh_from_db()
    assert shared.progress == 30


@pytest.mark.parametrize("who", ["other_officer", "observer", "outsider"])
def test_others_cannot_update_and_nothing_changes(request, who, hnd_activity):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        activity_update_progress(user=user, activity=hnd_activity, status="completed", progress=100)
    with pytest.raises(PermissionDenied):
        milestone_add(user=user, activity=hnd_activity, date=TODAY, note="Taller")
    with pytest.raises(PermissionDenied):
        evidence_add(user=user, activity=hnd_activity, title="Acta", url="https://example.org/a")
    hnd_activity.refresh_from_db()
    assert (hnd_activity.status, hnd_activity.progress) == ("in_progress", 40)
    assert events(hnd_activity) == []
    assert not hnd_activity.milestones.exists()
    assert not hnd_activity.evidence.exists()


def test_only_the_version_in_force_is_followed_up(officer, draft_version):
    draft = activity(draft_version, "1.2.1")
    with pytest.raises(ValidationError) as error:
        activity_update_progress(user=officer, activity=draft, status="in_progress", progress=90)
    assert error.value.code == "frozen"
    with pytest.raises(ValidationError):
        milestone_add(user=officer, activity=draft, date=TODAY, note="x")
    draft.refresh_from_db()
    assert draft.progress == 40


def test_an_archived_activity_is_not_updated(officer, adopted_version):
    archived = activity(adopted_version, "1.1.1")
    with pytest.raises(ValidationError) as error:
        activity_update_progress(user=officer, activity=archived, status="in_progress", progress=5)
    assert error.value.code == "archived"


# --- what a status needs -------------------------------------------------------------------


def test_completed_forces_100_and_needs_its_date(officer, hnd_activity):
    with pytest.raises(ValidationError) as error:
        activity_update_progress(
            user=officer, activity=hnd_activity, status="completed", progress=70
        )
    assert "completed_on" in error.value.message_dict
    activity_update_progress(
        user=officer,
        activity=hnd_activity,
        status="completed",
        progress=70,
        completed_on=TODAY - datetime.timedelta(days=2),
        results="Guía publicada",
    )
    hnd_activity.refresh_from_db()
    assert hnd_activity.progress == 100
    assert hnd_activity.completed_on == TODAY - datetime.timedelta(days=2)
    assert hnd_activity.results == "Guía publicada"


def test_completion_date_cannot_be_in_the_future(officer, hnd_activity):
    with pytest.raises(ValidationError) as error:
        activity_update_progress(
            user=officer,
            activity=hnd_activity,
            status="completed",
            progress=100,
            completed_on=TODAY + datetime.timedelta(days=1),
        )
    assert "completed_on" in error.value.message_dict


def test_cancelled_needs_a_reason_that_is_kept(officer, hnd_activity):
    with pytest.raises(ValidationError) as error:
        activity_update_progress(
            user=officer, activity=hnd_activity, status="cancelled", progress=40, cancel_reason=" "
        )
    assert "cancel_reason" in error.value.message_dict
    activity_update_progress(
        user=officer,
        activity=hnd_activity,
        status="cancelled",
        progress=40,
        cancel_reason="Sin financiamiento",
    )
    hnd_activity.refresh_from_db()
    assert hnd_activity.status == "cancelled"
    assert hnd_activity.cancel_reason == "Sin financiamiento"


def test_reopening_clears_completion_date_and_reason(officer, hnd_activity):
    activity_update_progress(
        user=officer, activity=hnd_activity, status="cancelled", progress=40, cancel_reason="x"
    )
    activity_update_progress(user=officer, activity=hnd_activity, status="in_progress", progress=45)
    hnd_activity.refresh_from_db()
    assert (hnd_activity.cancel_reason, hnd_activity.completed_on) == ("", None)


@pytest.mark.parametrize("progress", [-1, 101])
def test_progress_is_a_percentage(officer, hnd_activity, progress):
    with pytest.raises(ValidationError) as error:
        activity_update_progress(
            user=officer, activity=hnd_activity, status="in_progress", progress=progress
        )
    assert "progress" in error.value.message_dict


def test_saving_the_same_values_writes_nothing(officer, hnd_activity):
    activity_update_progress(user=officer, activity=hnd_activity, status="in_progress", progress=40)
    assert events(hnd_activity) == []


# --- no lost edits ---------------------------------------------------------------------------


def test_second_editor_is_refused_and_shown_the_first_ones_change(
    officer, secretariat, hnd_activity
):
    # Both open the form on the same saved state.
    opened_state = state_token(hnd_activity)
    opened = opened_values(hnd_activity)
    activity_update_progress(
        user=secretariat,
        activity=Activity.objects.get(pk=hnd_activity.pk),
        status="postponed",
        progress=50,
        expected_state=opened_state,
        opened=opened,
    )
    with pytest.raises(ActivityConflict) as conflict:
        activity_update_progress(
            user=officer,
            activity=hnd_activity,
            status="in_progress",
            progress=70,
            expected_state=opened_state,
            opened=opened,
        )
    changes = {c.field: (c.opened, c.saved) for c in conflict.value.changes}
    assert changes == {"status": ("In progress", "Postponed"), "progress": ("40 %", "50 %")}
    assert conflict.value.by == "st_staff"
    hnd_activity.refresh_from_db()
    assert (hnd_activity.status, hnd_activity.progress) == ("postponed", 50)


def test_a_conflict_without_opened_values_is_explained_from_the_history(
    officer, secretariat, hnd_activity
):
    """An API client sends only the fingerprint: the change is found in the audit events."""
    activity_update_progress(
        user=secretariat, activity=hnd_activity, status="in_progress", progress=45
    )
    hnd_activity.refresh_from_db()
    seen = state_token(hnd_activity)
    activity_update_progress(
        user=secretariat, activity=hnd_activity, status="in_progress", progress=55
    )
    with pytest.raises(ActivityConflict) as conflict:
        activity_update_progress(
            user=officer,
            activity=hnd_activity,
            status="in_progress",
            progress=90,
            expected_state=seen,
        )
    assert [(c.field, c.opened, c.saved) for c in conflict.value.changes] == [
        ("progress", "45 %", "55 %")
    ]


def test_the_current_fingerprint_saves(officer, hnd_activity):
    activity_update_progress(
        user=officer,
        activity=hnd_activity,
        status="in_progress",
        progress=41,
        expected_state=state_token(Activity.objects.get(pk=hnd_activity.pk)),
    )
    hnd_activity.refresh_from_db()
    assert hnd_activity.progress == 41


# --- milestones and evidence -----------------------------------------------------------------


def test_milestone_is_added_with_its_author_and_history(officer, hnd_activity):
    milestone = milestone_add(
        user=officer, activity=hnd_activity, date=TODAY, note="  Borrador circulado  "
    )
    assert milestone.author == officer
    assert list(Milestone.objects.filter(activity=hnd_activity).values_list("note", flat=True)) == [
        "Borrador circulado"
    ]
    [entry] = follow_selectors.activity_history(officer, hnd_activity)
    assert entry.changes[0].after == f"{TODAY.isoformat()}: Borrador circulado"
    assert entry.who == officer.person.full_name


def test_milestone_needs_a_note(officer, hnd_activity):
    with pytest.raises(ValidationError):
        milestone_add(user=officer, activity=hnd_activity, date=TODAY, note="   ")
    assert not Milestone.objects.exists()


def test_evidence_as_a_link(officer, hnd_activity):
    evidence = evidence_add(
        user=officer, activity=hnd_activity, title="Acta", url="https://example.org/acta"
    )
    assert (evidence.url, evidence.file.name) == ("https://example.org/acta", "")
    assert [e.action for e in events(hnd_activity)] == ["activity.evidence_add"]


def test_evidence_as_a_file_is_stored(officer, hnd_activity):
    upload = SimpleUploadedFile("informe.pdf", b"%PDF-1.4 informe", content_type="application/pdf")
    evidence = evidence_add(user=officer, activity=hnd_activity, title="Informe", upload=upload)
    with evidence.file.open("rb") as stored:
        assert stored.read() == b"%PDF-1.4 informe"


def test_evidence_needs_a_link_or_a_file(officer, hnd_activity):
    with pytest.raises(ValidationError) as error:
        evidence_add(user=officer, activity=hnd_activity, title="Nada")
    assert "url" in error.value.message_dict


def test_evidence_refuses_other_kinds_of_file(officer, hnd_activity):
    upload = SimpleUploadedFile("script.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError) as error:
        evidence_add(user=officer, activity=hnd_activity, title="x", upload=upload)
    assert "file" in error.value.message_dict
    assert not Evidence.objects.exists()


def test_evidence_refuses_a_file_too_large(officer, hnd_activity, settings, tmp_path):
    settings.ENLACE_MAX_DOCUMENT_BYTES = 10
    upload = SimpleUploadedFile("big.pdf", b"%PDF" + b"x" * 20, content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        evidence_add(user=officer, activity=hnd_activity, title="x", upload=upload)
    assert "file" in error.value.message_dict
    assert not Evidence.objects.exists()
    assert not list(tmp_path.rglob("big*.pdf"))


def test_evidence_removed_with_its_file_once_committed(
    officer, hnd_activity, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("acta.pdf", b"%PDF-1.4", content_type="application/pdf")
    evidence = evidence_add(user=officer, activity=hnd_activity, title="Acta", upload=upload)
    storage, name = evidence.file.storage, evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        evidence_remove(user=officer, evidence=evidence)
    assert not Evidence.objects.exists()
    assert not storage.exists(name)
    assert [e.action for e in events(hnd_activity)][-1] == "activity.evidence_remove"
    with pytest.raises(ValidationError):
        evidence_remove(user=officer, evidence=evidence)


def test_other_country_cannot_remove_evidence(officer, other_officer, hnd_activity):
    evidence = evidence_add(user=officer, activity=hnd_activity, title="Acta", url="https://e.org")
    with pytest.raises(PermissionDenied):
        evidence_remove(user=other_officer, evidence=evidence)
    assert Evidence.objects.filter(pk=evidence.pk).exists()


# --- history ----------------------------------------------------------------------------------


def test_history_says_who_when_before_after(officer, hnd_activity):
    activity_update_progress(user=officer, activity=hnd_activity, status="postponed", progress=40)
    [entry] = follow_selectors.activity_history(officer, hnd_activity)
    assert entry.who == officer.person.full_name
    assert [(c.before, c.after) for c in entry.changes] == [("In progress", "Postponed")]


def test_history_is_for_the_network_only(outsider, hnd_activity):
    with pytest.raises(PermissionDenied):
        follow_selectors.activity_history(outsider, hnd_activity)
