"""Services of commitments: proposing from a report, the secretariat's review, following to
the end, and who may do what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError

from enlace import access
from enlace.accounts.models import User
from enlace.audit.models import AuditEvent
from enlace.commitments import services
from enlace.commitments.models import Commitment
from enlace.commitments.tests.conftest import CommitmentFactory, make_report
from enlace.conftest import Net
from enlace.meetings.models import Meeting
from enlace.network.models import Presidency
from enlace.reports.models import Report

pytestmark = pytest.mark.django_db


def test_proposing_from_a_report_reads_actors_and_deadlines(
    net: Net, report: Report, secretariat: User
) -> None:
    created = services.commitments_propose_for_report(secretariat, report)
    assert [(c.point.position, c.actor_kind, c.due_date) for c in created] == [
        (1, "all_member_countries", datetime.date(2014, 7, 21)),
        (2, "secretariat", None),
    ]
    assert all(c.status == Commitment.Status.PROPOSED for c in created)
    assert created[1].due_text == "antes de la próxima reunión"
    assert AuditEvent.objects.filter(action="commitment.propose").count() == 2


def test_the_next_meeting_of_the_same_body_gives_the_date(
    net: Net, report: Report, secretariat: User
) -> None:
    Meeting.objects.create(
        body=net.network,
        title="Siguiente",
        start_date=datetime.date(2014, 11, 12),
        end_date=datetime.date(2014, 11, 13),
    )
    Meeting.objects.create(
        body=net.grcm,
        title="Otro órgano",
        start_date=datetime.date(2014, 9, 1),
        end_date=datetime.date(2014, 9, 1),
    )
    created = services.commitments_propose_for_report(secretariat, report)
    assert created[1].due_date == datetime.date(2014, 11, 12)


def test_proposing_twice_adds_nothing_and_respects_dismissals(
    report: Report, secretariat: User
) -> None:
    first = services.commitments_propose_for_report(access.SYSTEM, report)
    services.commitment_dismiss(user=secretariat, commitment=first[0])
    services.commitment_confirm(user=secretariat, commitment=first[1])
    assert services.commitments_propose_for_report(access.SYSTEM, report) == []
    assert Commitment.objects.count() == 2


def test_the_tela_report_proposes_only_the_technical_secretariat(demo: None) -> None:
    tela = Report.objects.get(meeting__city="Tela", language="es")
    # The demo holds point 4's request to the ST, confirmed; propose again from a clean slate.
    [demo_commitment] = Commitment.objects.filter(point__report=tela)
    assert (demo_commitment.actor_kind, demo_commitment.status) == ("secretariat", "confirmed")
    assert services.commitments_propose_for_report(access.SYSTEM, tela) == []
    demo_commitment.delete()
    created = services.commitments_propose_for_report(access.SYSTEM, tela)
    assert len(created) == 1
    assert created[0].actor_kind == "secretariat"
    assert created[0].point.position == 4
    assert created[0].due_date is None


def test_countries_and_organisations_come_from_the_network(net: Net, secretariat: User) -> None:
    report = make_report(
        net,
        points=(
            "México se compromete a organizar el taller a más tardar el 15 de marzo de 2015.",
            "La RROCM compartirá su informe con la Red.",
        ),
    )
    created = services.commitments_propose_for_report(secretariat, report)
    assert [(c.actor_kind, c.country, c.organisation) for c in created] == [
        ("country", net.mexico, None),
        ("organisation", None, net.rrocm),
    ]


def test_only_the_secretariat_or_a_drafter_may_propose(
    report: Report, officer: User, observer: User, outsider: User
) -> None:
    for user in (officer, observer, outsider):
        with pytest.raises(PermissionDenied):
            services.commitments_propose_for_report(user, report)
    assert not Commitment.objects.exists()


def test_a_ppt_officer_drafting_may_propose(
    net: Net, officer: User, ppt_honduras: Presidency
) -> None:
    draft = make_report(net, status=Report.Status.DRAFT, published=False)
    assert len(services.commitments_propose_for_report(officer, draft)) == 2


def test_confirm_with_corrections(
    net: Net, make_commitment: CommitmentFactory, secretariat: User
) -> None:
    proposal = make_commitment(status=Commitment.Status.PROPOSED)
    services.commitment_confirm(
        user=secretariat,
        commitment=proposal,
        corrections={
            "actor_kind": "country",
            "country": net.guatemala,
            "text": "  Enviar la lista de puntos focales ",
            "due_date": datetime.date(2014, 8, 1),
        },
    )
    proposal.refresh_from_db()
    assert proposal.status == Commitment.Status.CONFIRMED
    assert proposal.country == net.guatemala
    assert proposal.text == "Enviar la lista de puntos focales"
    assert proposal.confirmed_by == secretariat
    event = AuditEvent.objects.get(action="commitment.confirm")
    assert event.before["status"] == "proposed"
    assert event.after["status"] == "confirmed"


@pytest.mark.usefixtures("english")
def test_a_due_date_cannot_be_before_the_meeting_that_agreed_it(
    make_commitment: CommitmentFactory, secretariat: User
) -> None:
    proposal = make_commitment(status=Commitment.Status.PROPOSED)
    with pytest.raises(ValidationError) as error:
        services.commitment_confirm(
            user=secretariat,
            commitment=proposal,
            corrections={"due_date": datetime.date(2001, 1, 1)},
        )
    assert error.value.message_dict["due_date"] == [
        "A deadline cannot be before the meeting where it was agreed: choose 2014-06-24 or a "
        "later date."
    ]


@pytest.mark.usefixtures("english")
def test_a_due_date_of_a_current_meeting_cannot_be_in_the_past(net: Net, secretariat: User) -> None:
    point = make_report(net, start=datetime.date.today()).points.first()
    assert point is not None
    with pytest.raises(ValidationError) as error:
        services.commitment_add(
            user=secretariat,
            point=point,
            data={
                "actor_kind": "secretariat",
                "text": "Circular",
                "due_date": datetime.date(2001, 5, 1),
            },
        )
    today = datetime.date.today().isoformat()
    assert error.value.message_dict["due_date"] == [
        f"A deadline cannot be in the past: choose today ({today}) or a later date."
    ]
    assert not Commitment.objects.exists()


def test_an_old_due_date_left_as_it_was_stands(
    make_commitment: CommitmentFactory, secretariat: User
) -> None:
    old = make_commitment(due_date=datetime.date(2014, 7, 21))
    today = datetime.date.today()
    Meeting.objects.filter(pk=old.point.report.meeting_id).update(start_date=today, end_date=today)
    old.refresh_from_db()
    services.commitment_update(user=secretariat, commitment=old, data={"text": "Circular ya"})
    old.refresh_from_db()
    assert (old.text, old.due_date) == ("Circular ya", datetime.date(2014, 7, 21))


def test_a_country_commitment_needs_its_country(
    make_commitment: CommitmentFactory, secretariat: User
) -> None:
    proposal = make_commitment(status=Commitment.Status.PROPOSED)
    with pytest.raises(ValidationError) as error:
        services.commitment_confirm(
            user=secretariat, commitment=proposal, corrections={"actor_kind": "country"}
        )
    assert "country" in error.value.message_dict
    proposal.refresh_from_db()
    assert proposal.status == Commitment.Status.PROPOSED


def test_changing_the_kind_drops_the_old_holder(
    net: Net, make_commitment: CommitmentFactory, secretariat: User
) -> None:
    commitment = make_commitment(actor_kind="country", country=net.mexico)
    services.commitment_update(user=secretariat, commitment=commitment, data={"actor_kind": "ppt"})
    commitment.refresh_from_db()
    assert commitment.actor_kind == "ppt"
    assert commitment.country is None


def test_review_is_the_secretariats(
    make_commitment: CommitmentFactory, officer: User, ppt_honduras: Presidency
) -> None:
    proposal = make_commitment(status=Commitment.Status.PROPOSED)
    with pytest.raises(PermissionDenied):
        services.commitment_confirm(user=officer, commitment=proposal)
    with pytest.raises(PermissionDenied):
        services.commitment_dismiss(user=officer, commitment=proposal)
    with pytest.raises(PermissionDenied):
        services.commitment_update(user=officer, commitment=proposal, data={"text": "x"})


def test_only_a_proposal_is_confirmed(
    make_commitment: CommitmentFactory, secretariat: User
) -> None:
    with pytest.raises(ValidationError):
        services.commitment_confirm(user=secretariat, commitment=make_commitment())


def test_the_countrys_officer_completes_with_evidence(
    net: Net, make_commitment: CommitmentFactory, officer: User
) -> None:
    commitment = make_commitment(actor_kind="country", country=net.honduras)
    services.commitment_complete(
        user=officer, commitment=commitment, evidence="https://example.org/informe.pdf"
    )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DONE
    assert commitment.done_at is not None
    assert commitment.evidence == "https://example.org/informe.pdf"
    services.commitment_reopen(user=officer, commitment=commitment)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.CONFIRMED
    assert commitment.done_at is None
    actions = list(
        AuditEvent.objects.filter(object_id=str(commitment.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["commitment.complete", "commitment.reopen"]


def test_evidence_is_required(net: Net, make_commitment: CommitmentFactory, officer: User) -> None:
    commitment = make_commitment(actor_kind="country", country=net.honduras)
    with pytest.raises(ValidationError) as error:
        services.commitment_complete(user=officer, commitment=commitment, evidence="  ")
    assert "evidence" in error.value.message_dict


def test_another_country_cannot_complete(
    net: Net, make_commitment: CommitmentFactory, other_officer: User, observer: User
) -> None:
    commitment = make_commitment(actor_kind="country", country=net.honduras)
    for user in (other_officer, observer):
        with pytest.raises(PermissionDenied):
            services.commitment_complete(user=user, commitment=commitment, evidence="hecho")
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.CONFIRMED


def test_ppt_commitments_are_completed_by_the_presiding_country(
    make_commitment: CommitmentFactory, officer: User, other_officer: User
) -> None:
    commitment = make_commitment(actor_kind="ppt")
    with pytest.raises(PermissionDenied):
        services.commitment_complete(user=officer, commitment=commitment, evidence="hecho")
    today = datetime.date.today()
    Presidency.objects.create(
        country=officer.person.memberships.get().post.country,
        year=today.year,
        start_date=today.replace(month=1, day=1),
        end_date=today.replace(month=12, day=31),
    )
    officer = User.objects.get(pk=officer.pk)  # a new request: roles recomputed
    with pytest.raises(PermissionDenied):
        services.commitment_complete(user=other_officer, commitment=commitment, evidence="x")
    services.commitment_complete(user=officer, commitment=commitment, evidence="hecho")


def test_all_member_commitments_are_completed_by_the_secretariat_only(
    make_commitment: CommitmentFactory, officer: User, secretariat: User
) -> None:
    commitment = make_commitment(actor_kind="all_member_countries")
    with pytest.raises(PermissionDenied):
        services.commitment_complete(user=officer, commitment=commitment, evidence="hecho")
    services.commitment_complete(user=secretariat, commitment=commitment, evidence="hecho")


def test_dismissed_goes_back_to_proposed_by_the_secretariat(
    make_commitment: CommitmentFactory, secretariat: User, officer: User
) -> None:
    commitment = make_commitment(status=Commitment.Status.DISMISSED)
    with pytest.raises(PermissionDenied):
        services.commitment_reopen(user=officer, commitment=commitment)
    services.commitment_reopen(user=secretariat, commitment=commitment)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.PROPOSED


def test_overdue_is_an_open_commitment_past_its_date(make_commitment: CommitmentFactory) -> None:
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    assert make_commitment(due_date=yesterday).is_overdue
    assert not make_commitment(due_date=datetime.date.today()).is_overdue
    assert not make_commitment(due_date=None).is_overdue
    done = make_commitment(due_date=yesterday, status=Commitment.Status.DONE)
    assert not done.is_overdue
    assert not make_commitment(due_date=yesterday, status=Commitment.Status.PROPOSED).is_overdue


def test_a_point_with_commitments_cannot_be_deleted(make_commitment: CommitmentFactory) -> None:
    commitment = make_commitment()
    with pytest.raises(ProtectedError):
        commitment.point.delete()


def test_history_shows_who_to_the_secretariat_only(
    net: Net, make_commitment: CommitmentFactory, secretariat: User, officer: User
) -> None:
    commitment = make_commitment(actor_kind="country", country=net.honduras)
    services.commitment_complete(user=officer, commitment=commitment, evidence="hecho")
    assert [h["who"] for h in services.commitment_history(secretariat, commitment)] == [
        "hnd_officer"
    ]
    assert [h["who"] for h in services.commitment_history(officer, commitment)] == [""]
