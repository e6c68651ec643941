"""The writes: who may make them, what they refuse (and that a refusal changes nothing), the
conflict checks, the audit events and the answers' history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from enlace.accounts.models import User
from enlace.audit.models import AuditEvent
from enlace.commitments.models import Commitment
from enlace.conftest import Net, make_member
from enlace.contributions import services
from enlace.contributions.models import (
    Answer,
    Contribution,
    ContributionDocument,
    FollowUp,
    Mechanism,
    Recommendation,
)
from enlace.contributions.tests.conftest import TODAY, Published
from enlace.core.services import EditConflict, state_token
from enlace.meetings.models import Meeting
from enlace.network.models import Organisation, Post
from enlace.reports.models import Report, ReportPoint
from enlace.workplan.models import WorkPlanVersion

DATA = {"kind": "presentation", "title": "Presentación", "summary": "", "visibility": "public"}


# --- submitting ---------------------------------------------------------------------------------


def test_an_observer_submits_for_its_own_organisation(
    net: Net, observer: User, meeting: Meeting
) -> None:
    contribution = services.contribution_submit(
        user=observer, meeting=meeting, organisation=net.rrocm, data=DATA
    )
    assert contribution.status == "submitted"
    assert contribution.submitted_by == observer
    assert AuditEvent.objects.filter(action="contribution.submit").count() == 1


def test_an_observer_cannot_submit_for_another_organisation(
    observer: User, meeting: Meeting, iom: Organisation
) -> None:
    with pytest.raises(PermissionDenied):
        services.contribution_submit(user=observer, meeting=meeting, organisation=iom, data=DATA)
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("who", ["officer", "outsider"])
def test_officers_and_outsiders_do_not_submit(
    request: pytest.FixtureRequest, who: str, net: Net, meeting: Meeting
) -> None:
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.contribution_submit(user=user, meeting=meeting, organisation=net.rrocm, data=DATA)


def test_an_observer_country_submits_for_itself(net: Net, meeting: Meeting) -> None:
    argentina = make_member(net, "arg_rep", role=Post.Role.OBSERVER, country=net.argentina)
    contribution = services.contribution_submit(
        user=argentina, meeting=meeting, country=net.argentina, data=DATA
    )
    assert contribution.author == net.argentina
    with pytest.raises(PermissionDenied):
        services.contribution_submit(
            user=argentina, meeting=meeting, organisation=net.rrocm, data=DATA
        )


def test_a_meeting_that_is_over_takes_no_contribution_from_observers(
    net: Net, observer: User, secretariat: User, meeting: Meeting
) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(
        start_date=TODAY - datetime.timedelta(days=9), end_date=TODAY - datetime.timedelta(days=8)
    )
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.contribution_submit(
            user=observer, meeting=meeting, organisation=net.rrocm, data=DATA
        )
    assert "meeting" in error.value.message_dict
    # The secretariat records one handed over at the meeting.
    services.contribution_submit(
        user=secretariat, meeting=meeting, organisation=net.rrocm, data=DATA
    )
    assert Contribution.objects.count() == 1


def test_a_bad_kind_is_refused_whole(net: Net, observer: User, meeting: Meeting) -> None:
    with pytest.raises(ValidationError) as error:
        services.contribution_submit(
            user=observer, meeting=meeting, organisation=net.rrocm, data={**DATA, "kind": "poem"}
        )
    assert "kind" in error.value.message_dict
    assert not Contribution.objects.exists()
    assert not AuditEvent.objects.filter(action="contribution.submit").exists()


# --- editing, deciding --------------------------------------------------------------------------


def test_the_author_edits_and_a_stale_form_is_refused(
    observer: User, submitted: Contribution
) -> None:
    opened = state_token(submitted)
    services.contribution_update(
        user=observer, contribution=submitted, data={"title": "Nuevo"}, expected_state=opened
    )
    with pytest.raises(EditConflict):
        services.contribution_update(
            user=observer, contribution=submitted, data={"title": "Otro"}, expected_state=opened
        )
    submitted.refresh_from_db()
    assert submitted.title == "Nuevo"


def test_another_organisation_cannot_edit(
    net: Net, submitted: Contribution, iom: Organisation
) -> None:
    iom_rep = make_member(net, "iom_rep", role=Post.Role.OBSERVER, organisation=iom)
    for user in (iom_rep,):
        with pytest.raises(PermissionDenied):
            services.contribution_update(user=user, contribution=submitted, data={"title": "X"})


def test_officers_cannot_edit(officer: User, submitted: Contribution) -> None:
    with pytest.raises(PermissionDenied):
        services.contribution_update(user=officer, contribution=submitted, data={"title": "X"})


def test_accepted_is_frozen_for_the_author(
    observer: User, secretariat: User, submitted: Contribution, point3: ReportPoint
) -> None:
    accepted = services.contribution_accept(
        user=secretariat, contribution=submitted, report_point=point3
    )
    assert accepted.status == "accepted"
    assert accepted.report_point == point3
    assert accepted.decided_on == TODAY
    with pytest.raises(PermissionDenied):
        services.contribution_update(user=observer, contribution=accepted, data={"title": "X"})


def test_returning_needs_a_reason_and_editing_resubmits(
    observer: User, secretariat: User, submitted: Contribution
) -> None:
    with pytest.raises(ValidationError):
        services.contribution_return(user=secretariat, contribution=submitted, reason=" ")
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    returned = services.contribution_return(
        user=secretariat, contribution=submitted, reason="Falta el documento."
    )
    assert returned.status == "returned"
    again = services.contribution_update(
        user=observer, contribution=returned, data={"summary": "Con documento."}
    )
    assert again.status == "submitted"
    assert again.return_reason == ""


@pytest.mark.parametrize("who", ["observer", "officer", "ppt_officer"])
def test_only_the_secretariat_decides(
    request: pytest.FixtureRequest, who: str, submitted: Contribution
) -> None:
    if who == "ppt_officer":
        request.getfixturevalue("ppt_honduras")
        user = request.getfixturevalue("officer")
    else:
        user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.contribution_accept(user=user, contribution=submitted)
    with pytest.raises(PermissionDenied):
        services.contribution_return(user=user, contribution=submitted, reason="No.")


def test_a_point_of_another_meeting_is_refused(
    net: Net, secretariat: User, submitted: Contribution
) -> None:
    other = Meeting.objects.create(
        body=net.network, title="Otra", start_date=TODAY, end_date=TODAY, visibility="public"
    )
    report = Report.objects.create(meeting=other, title="Informe", opening="x")
    point = ReportPoint.objects.create(report=report, position=1, text="x")
    with pytest.raises(ValidationError):
        services.contribution_accept(user=secretariat, contribution=submitted, report_point=point)
    with pytest.raises(ValidationError):
        services.contribution_link_point(
            user=secretariat, contribution=submitted, report_point=point
        )
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert submitted.report_point is None


def test_documents_are_added_and_removed_by_the_author(
    observer: User, officer: User, submitted: Contribution
) -> None:
    document = services.contribution_document_add(
        user=observer,
        contribution=submitted,
        title="Presentación",
        file=SimpleUploadedFile("p.pdf", b"%PDF-1.4 test"),
    )
    assert document.file.read() == b"%PDF-1.4 test"
    with pytest.raises(PermissionDenied):
        services.contribution_document_remove(user=officer, document=document)
    with pytest.raises(ValidationError):
        services.contribution_document_add(
            user=observer, contribution=submitted, title=" ", file=SimpleUploadedFile("a", b"x")
        )
    services.contribution_document_remove(user=observer, document=document)
    assert not ContributionDocument.objects.exists()


# --- recommendations ------------------------------------------------------------------------------


def test_recommendations_addressed_to_some_need_countries(
    net: Net, observer: User, submitted: Contribution
) -> None:
    with pytest.raises(ValidationError) as error:
        services.recommendation_save(
            user=observer, contribution=submitted, text="Hacer algo.", to_all_members=False
        )
    assert "countries" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.recommendation_save(
            user=observer,
            contribution=submitted,
            text="Hacer algo.",
            to_all_members=False,
            countries=[net.argentina],
        )
    rec = services.recommendation_save(
        user=observer,
        contribution=submitted,
        text="Hacer algo.",
        to_all_members=False,
        countries=[net.mexico, net.guatemala],
    )
    assert rec.position == 1
    assert set(rec.countries.values_list("code", flat=True)) == {"MEX", "GTM"}
    second = services.recommendation_save(
        user=observer, contribution=submitted, text="Otra cosa.", to_all_members=True
    )
    assert second.position == 2


def test_a_stale_recommendation_edit_is_refused(
    observer: User, secretariat: User, submitted: Contribution
) -> None:
    rec = services.recommendation_save(
        user=observer, contribution=submitted, text="Primera versión.", to_all_members=True
    )
    opened = state_token(rec)
    services.recommendation_save(
        user=secretariat,
        contribution=submitted,
        recommendation=rec,
        text="Corregida por la ST.",
        to_all_members=True,
        expected_state=opened,
    )
    with pytest.raises(EditConflict):
        services.recommendation_save(
            user=observer,
            contribution=submitted,
            recommendation=rec,
            text="Sobrescrita.",
            to_all_members=True,
            expected_state=opened,
        )
    rec.refresh_from_db()
    assert rec.text == "Corregida por la ST."


def test_a_country_that_answered_stays_addressed(
    net: Net, officer: User, secretariat: User, public_contribution: Published
) -> None:
    rec = public_contribution.to_all
    services.answer_save(
        user=officer, recommendation=rec, country=net.honduras, position="accepted"
    )
    with pytest.raises(ValidationError) as error:
        services.recommendation_save(
            user=secretariat,
            contribution=public_contribution.contribution,
            recommendation=rec,
            text=rec.text,
            to_all_members=False,
            countries=[net.mexico],
        )
    assert "HND" in str(error.value)
    rec.refresh_from_db()
    assert rec.to_all_members


def test_an_answered_recommendation_is_kept(
    net: Net, officer: User, secretariat: User, public_contribution: Published
) -> None:
    services.answer_save(
        user=officer,
        recommendation=public_contribution.to_all,
        country=net.honduras,
        position="accepted",
    )
    with pytest.raises(ValidationError):
        services.recommendation_delete(user=secretariat, recommendation=public_contribution.to_all)
    services.recommendation_delete(user=secretariat, recommendation=public_contribution.to_mexico)
    assert list(Recommendation.objects.values_list("position", flat=True)) == [1]


# --- answers --------------------------------------------------------------------------------------


def test_an_officer_answers_for_its_country_and_revises_with_history(
    net: Net, officer: User, public_contribution: Published
) -> None:
    rec = public_contribution.to_all
    answer = services.answer_save(
        user=officer, recommendation=rec, country=net.honduras, position="under_study"
    )
    answer = services.answer_save(
        user=officer,
        recommendation=rec,
        country=net.honduras,
        position="accepted",
        actions="Capacitar al personal.",
        expected_state=state_token(answer),
    )
    assert answer.position == "accepted"
    assert [r.position for r in answer.revisions.all()] == ["accepted", "under_study"]
    assert AuditEvent.objects.filter(action="answer.update").count() == 1


def test_an_officer_cannot_answer_for_another_country(
    net: Net, officer: User, public_contribution: Published
) -> None:
    with pytest.raises(PermissionDenied):
        services.answer_save(
            user=officer,
            recommendation=public_contribution.to_all,
            country=net.mexico,
            position="accepted",
        )
    assert not Answer.objects.exists()


@pytest.mark.parametrize("who", ["secretariat", "observer", "outsider"])
def test_only_officers_answer(
    request: pytest.FixtureRequest, who: str, net: Net, public_contribution: Published
) -> None:
    with pytest.raises(PermissionDenied):
        services.answer_save(
            user=request.getfixturevalue(who),
            recommendation=public_contribution.to_all,
            country=net.honduras,
            position="accepted",
        )


def test_a_country_not_addressed_does_not_answer(
    net: Net, officer: User, other_officer: User, public_contribution: Published
) -> None:
    with pytest.raises(ValidationError):
        services.answer_save(
            user=officer,
            recommendation=public_contribution.to_mexico,
            country=net.honduras,
            position="accepted",
        )
    services.answer_save(
        user=other_officer,
        recommendation=public_contribution.to_mexico,
        country=net.mexico,
        position="accepted",
    )
    assert Answer.objects.count() == 1


def test_a_submitted_contribution_is_not_answered(
    net: Net, officer: User, submitted: Contribution
) -> None:
    rec = Recommendation.objects.create(contribution=submitted, position=1, text="x")
    with pytest.raises(PermissionDenied):
        services.answer_save(
            user=officer, recommendation=rec, country=net.honduras, position="accepted"
        )


def test_not_accepted_needs_reasons(
    net: Net, officer: User, public_contribution: Published
) -> None:
    with pytest.raises(ValidationError) as error:
        services.answer_save(
            user=officer,
            recommendation=public_contribution.to_all,
            country=net.honduras,
            position="not_accepted",
        )
    assert "reasons" in error.value.message_dict
    assert not Answer.objects.exists()


def test_two_officers_of_one_country_do_not_overwrite_each_other(
    net: Net, officer: User, public_contribution: Published
) -> None:
    colleague = make_member(net, "hnd_alternate", role=Post.Role.ALTERNATE, country=net.honduras)
    rec = public_contribution.to_all
    # Both opened the form when there was no answer yet ("").
    services.answer_save(
        user=officer,
        recommendation=rec,
        country=net.honduras,
        position="accepted",
        expected_state="",
    )
    with pytest.raises(EditConflict):
        services.answer_save(
            user=colleague,
            recommendation=rec,
            country=net.honduras,
            position="not_accepted",
            reasons="No.",
            expected_state="",
        )
    answer = Answer.objects.get()
    assert answer.position == "accepted"
    assert answer.revisions.count() == 1


# --- follow-up ------------------------------------------------------------------------------------


def test_an_accepted_recommendation_becomes_a_commitment_on_the_noted_point(
    net: Net, officer: User, secretariat: User, public_contribution: Published
) -> None:
    rec = public_contribution.to_all
    with pytest.raises(ValidationError):
        services.recommendation_to_commitment(
            user=secretariat, recommendation=rec, country=net.honduras
        )
    services.answer_save(
        user=officer, recommendation=rec, country=net.honduras, position="accepted"
    )
    with pytest.raises(PermissionDenied):
        services.recommendation_to_commitment(
            user=officer, recommendation=rec, country=net.honduras
        )
    follow_up = services.recommendation_to_commitment(
        user=secretariat,
        recommendation=rec,
        country=net.honduras,
        due_date=TODAY + datetime.timedelta(days=30),
    )
    commitment = follow_up.commitment
    assert commitment is not None
    assert commitment.status == Commitment.Status.CONFIRMED
    assert commitment.point == public_contribution.contribution.report_point
    assert commitment.country == net.honduras
    assert commitment.text == rec.text
    with pytest.raises(ValidationError):
        services.recommendation_to_commitment(
            user=secretariat, recommendation=rec, country=net.honduras
        )
    assert FollowUp.objects.count() == 1


def test_without_a_noted_point_there_is_no_commitment(
    net: Net, officer: User, secretariat: User, public_contribution: Published
) -> None:
    Contribution.objects.filter(pk=public_contribution.contribution.pk).update(report_point=None)
    rec = public_contribution.to_all
    services.answer_save(
        user=officer, recommendation=rec, country=net.honduras, position="accepted"
    )
    with pytest.raises(ValidationError):
        services.recommendation_to_commitment(
            user=secretariat, recommendation=rec, country=net.honduras
        )
    assert not Commitment.objects.exists()


def test_an_accepted_recommendation_becomes_a_work_plan_activity(
    net: Net,
    officer: User,
    secretariat: User,
    public_contribution: Published,
    draft_version: WorkPlanVersion,
) -> None:
    objective = draft_version.objectives.order_by("pk").first()
    assert objective is not None
    rec = public_contribution.to_all
    services.answer_save(
        user=officer, recommendation=rec, country=net.honduras, position="accepted"
    )
    with pytest.raises(PermissionDenied):
        services.recommendation_to_activity(
            user=officer, recommendation=rec, country=net.honduras, objective=objective
        )
    follow_up = services.recommendation_to_activity(
        user=secretariat, recommendation=rec, country=net.honduras, objective=objective
    )
    activity = follow_up.activity
    assert activity is not None
    assert activity.title_es == rec.text
    assert activity.version_id == draft_version.pk
    assert list(activity.responsible_countries.all()) == [net.honduras]
    with pytest.raises(ValidationError):
        services.recommendation_to_activity(
            user=secretariat, recommendation=rec, country=net.honduras, objective=objective
        )


# --- mechanisms -----------------------------------------------------------------------------------

MECHANISM = {
    "title": "Mesa de diálogo",
    "kind": "round_table",
    "scope": "",
    "start_date": datetime.date(2024, 1, 1),
    "end_date": None,
    "status": "active",
    "visibility": "public",
}


def test_the_secretariat_registers_a_mechanism(net: Net, secretariat: User) -> None:
    mechanism = services.mechanism_save(
        user=secretariat, data=MECHANISM, countries=[net.honduras], organisations=[net.rrocm]
    )
    assert list(mechanism.countries.all()) == [net.honduras]
    opened = state_token(mechanism)
    services.mechanism_save(
        user=secretariat,
        mechanism=mechanism,
        data={**MECHANISM, "status": "concluded"},
        countries=[net.honduras],
        organisations=[net.rrocm],
        expected_state=opened,
    )
    with pytest.raises(EditConflict):
        services.mechanism_save(
            user=secretariat,
            mechanism=mechanism,
            data=MECHANISM,
            countries=[net.honduras],
            organisations=[net.rrocm],
            expected_state=opened,
        )
    assert Mechanism.objects.get().status == "concluded"


@pytest.mark.parametrize("who", ["officer", "observer", "outsider"])
def test_only_the_secretariat_registers_mechanisms(
    request: pytest.FixtureRequest, who: str, net: Net
) -> None:
    with pytest.raises(PermissionDenied):
        services.mechanism_save(
            user=request.getfixturevalue(who),
            data=MECHANISM,
            countries=[net.honduras],
            organisations=[net.rrocm],
        )


def test_a_mechanism_needs_parties_and_ordered_dates(net: Net, secretariat: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.mechanism_save(user=secretariat, data=MECHANISM, countries=[], organisations=[])
    assert {"countries", "organisations"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError):
        services.mechanism_save(
            user=secretariat,
            data={**MECHANISM, "end_date": datetime.date(2023, 1, 1)},
            countries=[net.honduras],
            organisations=[net.rrocm],
        )
    assert not Mechanism.objects.exists()


def test_mechanism_documents(net: Net, secretariat: User, observer: User) -> None:
    mechanism = services.mechanism_save(
        user=secretariat, data=MECHANISM, countries=[net.honduras], organisations=[net.rrocm]
    )
    with pytest.raises(PermissionDenied):
        services.mechanism_document_add(
            user=observer, mechanism=mechanism, title="Acta", file=SimpleUploadedFile("a.txt", b"x")
        )
    document = services.mechanism_document_add(
        user=secretariat, mechanism=mechanism, title="Acta", file=SimpleUploadedFile("a.txt", b"x")
    )
    services.mechanism_document_remove(user=secretariat, document=document)
    assert not mechanism.documents.exists()
