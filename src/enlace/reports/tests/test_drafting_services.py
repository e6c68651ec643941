"""Drafting a report: points keep their identity, every version is kept, comments and answers,
adoption, presentation, publication and revisions."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from enlace.accounts.models import User
from enlace.audit.models import AuditEvent
from enlace.commitments.models import Commitment
from enlace.conftest import Net
from enlace.meetings.tests.factories import make_meeting, make_report
from enlace.network.models import Presidency
from enlace.reports import services
from enlace.reports.models import (
    PointComment,
    PointVersion,
    Report,
    ReportAdoption,
    ReportPoint,
    ReportRevision,
)
from enlace.reports.services import PointRow


def report_data(report: Report, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "meeting": report.meeting,
        "language": report.language,
        "title": report.title,
        "place_line": report.place_line,
        "date_line": report.date_line,
        "opening": report.opening,
    }
    data.update(changes)
    return data


def save_points(user: User, report: Report, rows: list[PointRow]) -> Report:
    return services.report_save(user=user, report=report, data=report_data(report), points=rows)


@pytest.fixture
def ppt_officer(officer: User, ppt_honduras: Presidency) -> User:
    return officer


@pytest.fixture
def draft(net: Net) -> Report:
    return make_report(make_meeting(net), points=[(0, "Uno."), (1, "Inciso a."), (0, "Dos.")])


def texts(report: Report) -> list[tuple[int, str]]:
    return [(p.level, p.text) for p in report.points.order_by("position")]


# --- point identity ---------------------------------------------------------------------------


def test_edit_keeps_points_and_their_comments(
    draft: Report, secretariat: User, other_officer: User
) -> None:
    uno, inciso, dos = draft.points.all()
    comment = services.comment_add(user=other_officer, point=dos, text="Precisar el plazo.")

    save_points(
        secretariat,
        draft,
        [
            PointRow(0, "Dos, con plazo.", dos.pk),  # moved up and changed
            PointRow(0, "Uno.", uno.pk),
            PointRow(0, "Tres, nuevo."),
        ],  # the sub-point is removed
    )

    points = list(draft.points.order_by("position"))
    assert [(p.pk, p.text) for p in points[:2]] == [(dos.pk, "Dos, con plazo."), (uno.pk, "Uno.")]
    assert points[2].text == "Tres, nuevo."
    assert not ReportPoint.objects.filter(pk=inciso.pk).exists()
    comment.refresh_from_db()
    assert comment.point_id == dos.pk
    event = AuditEvent.objects.filter(action="report.points").get()
    assert event.before == {"points": [[0, "Uno."], [1, "Inciso a."], [0, "Dos."]]}
    assert event.after == {"points": [[0, "Dos, con plazo."], [0, "Uno."], [0, "Tres, nuevo."]]}


def test_every_change_of_a_point_is_a_version(draft: Report, secretariat: User) -> None:
    uno, _inciso, dos = draft.points.all()

    save_points(secretariat, draft, [PointRow(0, "Uno, bis.", uno.pk), PointRow(0, "Dos.", dos.pk)])
    save_points(secretariat, draft, [PointRow(0, "Dos.", dos.pk), PointRow(1, "Uno, ter.", uno.pk)])
    save_points(secretariat, draft, [PointRow(0, "Dos.", dos.pk), PointRow(1, "Uno, ter.", uno.pk)])

    versions = list(PointVersion.objects.filter(point=uno).order_by("number"))
    assert [(v.number, v.level, v.text) for v in versions] == [
        (1, 0, "Uno."),  # the text it had before versions were kept
        (2, 0, "Uno, bis."),
        (3, 1, "Uno, ter."),
    ]
    assert versions[0].author is None
    assert {v.author for v in versions[1:]} == {secretariat}
    assert not PointVersion.objects.filter(point=dos).exists()  # never changed


def test_new_point_starts_at_version_one(draft: Report, secretariat: User) -> None:
    rows = [PointRow(p.level, p.text, p.pk) for p in draft.points.all()]

    save_points(secretariat, draft, [*rows, PointRow(0, "Cuatro.")])

    new = draft.points.get(text="Cuatro.")
    assert [(v.number, v.text, v.author) for v in new.versions.all()] == [
        (1, "Cuatro.", secretariat)
    ]


def test_unchanged_points_write_nothing(draft: Report, secretariat: User) -> None:
    rows = [PointRow(p.level, p.text, p.pk) for p in draft.points.all()]

    save_points(secretariat, draft, rows)

    assert not PointVersion.objects.exists()
    assert not AuditEvent.objects.filter(action="report.points").exists()


def test_a_point_of_another_report_is_refused(net: Net, draft: Report, secretariat: User) -> None:
    other = make_report(make_meeting(net, title="Otra"), points=[(0, "Ajeno.")])
    foreign = other.points.get()

    with pytest.raises(ValidationError):
        save_points(secretariat, draft, [PointRow(0, "Robado.", foreign.pk)])

    assert texts(draft) == [(0, "Uno."), (1, "Inciso a."), (0, "Dos.")]
    assert list(other.points.values_list("text", flat=True)) == ["Ajeno."]


def test_a_point_with_commitments_is_not_removed(draft: Report, secretariat: User) -> None:
    uno, _inciso, dos = draft.points.all()
    Commitment.objects.create(
        point=dos, actor_kind=Commitment.ActorKind.SECRETARIAT, text="Enviar el informe."
    )

    with pytest.raises(ValidationError) as caught:
        save_points(secretariat, draft, [PointRow(0, "Uno cambiado.", uno.pk)])

    assert "Dos." in caught.value.messages[0]
    assert texts(draft) == [(0, "Uno."), (1, "Inciso a."), (0, "Dos.")]
    assert not PointVersion.objects.exists()
    # Changing its text is fine: the commitment stays with it.
    save_points(
        secretariat,
        draft,
        [PointRow(0, "Uno.", uno.pk), PointRow(0, "Dos, corregido.", dos.pk)],
    )
    assert Commitment.objects.get().point_id == dos.pk


def test_the_same_point_twice_is_refused(draft: Report, secretariat: User) -> None:
    uno = draft.points.first()
    assert uno is not None

    with pytest.raises(ValidationError):
        save_points(secretariat, draft, [PointRow(0, "Uno.", uno.pk), PointRow(0, "Bis.", uno.pk)])


# --- comments --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["officer", "other_officer", "secretariat"])
def test_delegations_comment_on_a_draft(
    request: pytest.FixtureRequest, net: Net, draft: Report, who: str
) -> None:
    user = request.getfixturevalue(who)
    point = draft.points.first()
    assert point is not None

    comment = services.comment_add(user=user, point=point, text="  Proponemos otra redacción. ")

    assert comment.text == "Proponemos otra redacción."
    assert comment.point_text == "Uno."
    expected = {
        "officer": net.honduras,
        "other_officer": net.mexico,
        "secretariat": net.secretariat_org,
    }[who]
    assert expected in (comment.country, comment.organisation)
    assert AuditEvent.objects.filter(action="pointcomment.create", actor=user).exists()


def test_observers_comment_only_where_invited(draft: Report, observer: User) -> None:
    point = draft.points.first()
    assert point is not None
    with pytest.raises(PermissionDenied):
        services.comment_add(user=observer, point=point, text="Comentario.")

    Report.objects.filter(pk=draft.pk).update(observers_invited=True)
    point.report.refresh_from_db()
    comment = services.comment_add(user=observer, point=point, text="Comentario.")

    assert comment.delegation == "RROCM"


def test_no_comment_on_an_adopted_report_nor_by_outsiders(
    draft: Report, secretariat: User, officer: User, outsider: User
) -> None:
    point = draft.points.first()
    assert point is not None
    with pytest.raises(PermissionDenied):
        services.comment_add(user=outsider, point=point, text="Comentario.")
    services.report_adopt(user=secretariat, report=draft, adopted_on=datetime.date(2024, 5, 6))
    point.report.refresh_from_db()

    with pytest.raises(PermissionDenied):
        services.comment_add(user=officer, point=point, text="Tarde.")

    assert not PointComment.objects.exists()


def test_empty_comment_is_refused(draft: Report, officer: User) -> None:
    point = draft.points.first()
    assert point is not None

    with pytest.raises(ValidationError) as caught:
        services.comment_add(user=officer, point=point, text="   ")

    assert "text" in caught.value.error_dict


def test_drafters_answer_comments(
    draft: Report, ppt_officer: User, other_officer: User, secretariat: User
) -> None:
    point = draft.points.first()
    assert point is not None
    comment = services.comment_add(user=other_officer, point=point, text="¿Y el plazo?")
    with pytest.raises(PermissionDenied):  # Mexico does not preside
        services.comment_answer(user=other_officer, comment=comment, answer="Yo contesto.")

    services.comment_answer(user=ppt_officer, comment=comment, answer="Se agrega el plazo.")

    comment.refresh_from_db()
    assert (comment.answer, comment.answered_by) == ("Se agrega el plazo.", ppt_officer)
    services.comment_answer(user=secretariat, comment=comment, answer="Corregido.")
    comment.refresh_from_db()
    assert comment.answered_by == secretariat


def test_comment_stays_when_its_point_is_removed(
    draft: Report, secretariat: User, officer: User
) -> None:
    uno, inciso, dos = draft.points.all()
    comment = services.comment_add(user=officer, point=inciso, text="Sobra.")

    save_points(secretariat, draft, [PointRow(0, "Uno.", uno.pk), PointRow(0, "Dos.", dos.pk)])

    comment.refresh_from_db()
    assert (comment.point_id, comment.point_text) == (None, "Inciso a.")


# --- adoption, presentation, publication, revisions -------------------------------------------


def test_adopt_present_publish(net: Net, draft: Report, secretariat: User) -> None:
    grcm_meeting = make_meeting(net, title="GRCM", body=net.grcm)

    services.report_adopt(
        user=secretariat, report=draft, adopted_on=datetime.date(2024, 5, 7), meeting=grcm_meeting
    )
    with pytest.raises(ValidationError):
        services.report_present(
            user=secretariat, report=draft, presented_on=datetime.date(2024, 5, 1)
        )
    services.report_present(user=secretariat, report=draft, presented_on=datetime.date(2024, 6, 1))
    services.report_publish(user=secretariat, report=draft)

    draft.refresh_from_db()
    assert (draft.status, draft.adopted_on, draft.presented_on, draft.is_published) == (
        Report.Status.PRESENTED,
        datetime.date(2024, 5, 7),
        datetime.date(2024, 6, 1),
        True,
    )
    assert ReportAdoption.objects.get(report=draft).meeting == grcm_meeting
    actions = list(
        AuditEvent.objects.filter(object_id=str(draft.pk), object_type="reports.report")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["report.adopt", "report.present", "report.publish"]


@pytest.mark.parametrize("who", ["ppt_officer", "other_officer", "observer", "outsider"])
def test_only_the_secretariat_adopts(
    request: pytest.FixtureRequest, draft: Report, who: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.report_adopt(
            user=request.getfixturevalue(who), report=draft, adopted_on=datetime.date(2024, 5, 7)
        )

    draft.refresh_from_db()
    assert draft.status == Report.Status.DRAFT


def test_a_draft_is_neither_presented_nor_published(draft: Report, secretariat: User) -> None:
    with pytest.raises(PermissionDenied):
        services.report_present(
            user=secretariat, report=draft, presented_on=datetime.date(2024, 6, 1)
        )
    with pytest.raises(PermissionDenied):
        services.report_publish(user=secretariat, report=draft)

    draft.refresh_from_db()
    assert (draft.status, draft.is_published) == (Report.Status.DRAFT, False)


def test_an_adopted_report_is_frozen(draft: Report, secretariat: User, ppt_officer: User) -> None:
    services.report_adopt(user=secretariat, report=draft, adopted_on=datetime.date(2024, 5, 7))
    rows = [PointRow(p.level, p.text + " Cambiado.", p.pk) for p in draft.points.all()]

    with pytest.raises(ValidationError) as caught:
        save_points(secretariat, draft, rows)
    assert caught.value.code == "frozen"
    with pytest.raises(PermissionDenied):
        save_points(ppt_officer, draft, rows)

    assert texts(draft) == [(0, "Uno."), (1, "Inciso a."), (0, "Dos.")]


def test_a_correction_is_a_numbered_revision_with_the_previous_text(
    draft: Report, secretariat: User
) -> None:
    services.report_adopt(user=secretariat, report=draft, adopted_on=datetime.date(2024, 5, 7))
    uno, inciso, dos = draft.points.all()

    first = services.report_revise(
        user=secretariat,
        report=draft,
        reason="Errata en el punto 2.",
        changes={},
        points=[
            PointRow(0, "Uno.", uno.pk),
            PointRow(1, "Inciso a.", inciso.pk),
            PointRow(0, "Dos, corregido.", dos.pk),
        ],
    )
    second = services.report_revise(
        user=secretariat, report=draft, reason="Título.", changes={"title": "Informe corregido"}
    )

    assert (first.number, second.number) == (2, 3)
    assert first.snapshot["points"] == [[0, "Uno."], [1, "Inciso a."], [0, "Dos."]]
    assert second.snapshot["points"][2] == [0, "Dos, corregido."]
    assert second.snapshot["title"] == "Informe de la reunión"
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Informe corregido", Report.Status.ADOPTED)
    assert dos.versions.count() == 2
    assert AuditEvent.objects.filter(action="report.revise").count() == 2


@pytest.mark.parametrize(
    ("reason", "changes"),
    [("", {"title": "Otro"}), ("Nada.", {}), ("Estado.", {"status": "draft"})],
    ids=["no reason", "no change", "not a text field"],
)
def test_a_revision_needs_a_reason_and_a_change(
    draft: Report, secretariat: User, reason: str, changes: dict[str, Any]
) -> None:
    services.report_adopt(user=secretariat, report=draft, adopted_on=datetime.date(2024, 5, 7))

    with pytest.raises(ValidationError):
        services.report_revise(user=secretariat, report=draft, reason=reason, changes=changes)

    assert not ReportRevision.objects.exists()
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Informe de la reunión", Report.Status.ADOPTED)


def test_only_the_secretariat_revises_and_only_adopted_reports(
    draft: Report, secretariat: User, ppt_officer: User
) -> None:
    with pytest.raises(PermissionDenied):  # a draft is edited, not revised
        services.report_revise(user=secretariat, report=draft, reason="R.", changes={"title": "X"})
    services.report_adopt(user=secretariat, report=draft, adopted_on=datetime.date(2024, 5, 7))

    with pytest.raises(PermissionDenied):
        services.report_revise(user=ppt_officer, report=draft, reason="R.", changes={"title": "X"})

    assert not ReportRevision.objects.exists()
