"""The writes of meetings, delegations, documents and reports: checked, whole, audited."""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from enlace.accounts.models import User
from enlace.audit.models import AuditEvent
from enlace.conftest import Net
from enlace.core.services import EditConflict, state_token
from enlace.meetings import services
from enlace.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingDocument,
    Participation,
    Representative,
    Visibility,
)
from enlace.meetings.tests.factories import make_meeting, make_report
from enlace.network.models import Presidency
from enlace.reports import services as report_services
from enlace.reports.models import Report, number_points


def meeting_data(net: Net, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "body": net.network,
        "title": "Reunión de la Red en Tela",
        "start_date": datetime.date(2024, 5, 6),
        "end_date": datetime.date(2024, 5, 7),
        "city": "Tela",
        "country": net.honduras,
        "format": Meeting.Format.IN_PERSON,
        "visibility": Visibility.PUBLIC,
    }
    data.update(changes)
    return data


def report_data(meeting: Meeting, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "meeting": meeting,
        "language": "es",
        "title": "Informe de la reunión",
        "place_line": "Tela, Honduras",
        "date_line": "6 de mayo, 2024",
        "opening": "La Red se reunió y presenta su informe contenido en los siguientes puntos:",
    }
    data.update(changes)
    return data


def actions_on(instance: Any) -> list[str]:
    return list(
        AuditEvent.objects.filter(
            object_type=instance._meta.label_lower, object_id=str(instance.pk)
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


# --- meetings ----------------------------------------------------------------------------------


def test_meeting_save_creates_meeting_delegations_and_agenda(net: Net, secretariat: User) -> None:
    meeting = services.meeting_save(
        user=secretariat,
        data=meeting_data(net),
        countries=[net.honduras, net.mexico],
        organisations=[net.rrocm],
        agenda=["Avances de los países", "  ", " Plan de Trabajo "],
    )

    meeting.refresh_from_db()
    assert meeting.title == "Reunión de la Red en Tela"
    assert {p.country for p in meeting.participations.filter(country__isnull=False)} == {
        net.honduras,
        net.mexico,
    }
    assert [p.organisation for p in meeting.participations.filter(country__isnull=True)] == [
        net.rrocm
    ]
    assert [(a.position, a.title) for a in meeting.agenda_items.all()] == [
        (1, "Avances de los países"),
        (2, "Plan de Trabajo"),
    ]
    assert actions_on(meeting) == ["meeting.create", "meeting.delegations_agenda"]
    event = AuditEvent.objects.get(action="meeting.delegations_agenda")
    assert event.actor == secretariat
    assert event.before is None
    assert event.after["agenda"] == ["Avances de los países", "Plan de Trabajo"]


def test_meeting_save_is_all_or_nothing(
    net: Net, secretariat: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure at the last step (the audit event of the delegations) leaves nothing behind."""

    def broken_audit(**kwargs: Any) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "audit_record", broken_audit)

    with pytest.raises(RuntimeError):
        services.meeting_save(
            user=secretariat,
            data=meeting_data(net),
            countries=[net.honduras],
            organisations=[net.rrocm],
            agenda=["Punto"],
        )

    assert not Meeting.objects.exists()
    assert not Participation.objects.exists()
    assert not AgendaItem.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="meeting.").exists()


def test_invalid_meeting_saves_nothing(net: Net, secretariat: User) -> None:
    with pytest.raises(ValidationError) as caught:
        services.meeting_save(
            user=secretariat,
            data=meeting_data(net, end_date=datetime.date(2024, 5, 1)),
            countries=[net.honduras],
            organisations=[],
            agenda=["Punto"],
        )

    assert caught.value.error_dict  # the error names the fields at fault
    assert not Meeting.objects.exists()
    assert not Participation.objects.exists()


def test_second_save_removes_dropped_delegations(net: Net, secretariat: User) -> None:
    meeting = services.meeting_save(
        user=secretariat,
        data=meeting_data(net),
        countries=[net.honduras, net.mexico],
        organisations=[net.rrocm],
        agenda=["Uno", "Dos"],
    )
    mexico = meeting.participations.get(country=net.mexico)
    services.representative_add(
        user=secretariat, participation=mexico, person=None, name="Ana Pérez"
    )

    services.meeting_save(
        user=secretariat,
        meeting=meeting,
        data=meeting_data(net),
        countries=[net.honduras, net.guatemala],
        organisations=[],
        agenda=["Dos", "Tres"],
    )

    assert {p.country for p in meeting.participations.all()} == {net.honduras, net.guatemala}
    assert not Representative.objects.filter(name="Ana Pérez").exists()
    assert [a.title for a in meeting.agenda_items.all()] == ["Dos", "Tres"]
    last = AuditEvent.objects.filter(action="meeting.delegations_agenda").order_by("pk").last()
    assert last is not None
    assert "México" in last.before["delegations"]
    assert "México" not in last.after["delegations"]


def test_unchanged_delegations_write_no_delegation_event(net: Net, secretariat: User) -> None:
    meeting = services.meeting_save(
        user=secretariat,
        data=meeting_data(net),
        countries=[net.honduras],
        organisations=[],
        agenda=["Uno"],
    )

    services.meeting_save(
        user=secretariat,
        meeting=meeting,
        data=meeting_data(net, title="Título corregido"),
        countries=[net.honduras],
        organisations=[],
        agenda=["Uno"],
    )

    assert actions_on(meeting) == [
        "meeting.create",
        "meeting.delegations_agenda",
        "meeting.update",
    ]


@pytest.mark.parametrize("who", ["officer", "observer", "outsider"])
def test_only_the_secretariat_saves_meetings(
    request: pytest.FixtureRequest, net: Net, who: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.meeting_save(
            user=request.getfixturevalue(who),
            data=meeting_data(net),
            countries=[net.honduras],
            organisations=[],
            agenda=[],
        )

    assert not Meeting.objects.exists()


def test_stale_meeting_edit_is_refused(net: Net, secretariat: User) -> None:
    meeting = make_meeting(net, title="Original")
    opened = state_token(meeting)
    services.meeting_save(
        user=secretariat,
        meeting=Meeting.objects.get(pk=meeting.pk),
        data=meeting_data(net, title="Their change"),
        countries=[net.honduras],
        organisations=[],
        agenda=[],
        expected_state=opened,
    )

    with pytest.raises(EditConflict):
        services.meeting_save(
            user=secretariat,
            meeting=Meeting.objects.get(pk=meeting.pk),
            data=meeting_data(net, title="My change"),
            countries=[net.mexico],
            organisations=[],
            agenda=["Mine"],
            expected_state=opened,
        )

    meeting.refresh_from_db()
    assert meeting.title == "Their change"
    assert [p.country for p in meeting.participations.all()] == [net.honduras]
    assert not meeting.agenda_items.exists()


# --- representatives ---------------------------------------------------------------------------


def test_representative_needs_a_person_or_a_name(net: Net, secretariat: User) -> None:
    meeting = make_meeting(net)
    participation = Participation.objects.create(meeting=meeting, country=net.honduras)

    with pytest.raises(ValidationError):
        services.representative_add(
            user=secretariat, participation=participation, person=None, name="  "
        )

    assert not Representative.objects.exists()


def test_officer_cannot_add_or_remove_representatives(
    net: Net, secretariat: User, officer: User
) -> None:
    participation = Participation.objects.create(meeting=make_meeting(net), country=net.honduras)
    with pytest.raises(PermissionDenied):
        services.representative_add(
            user=officer, participation=participation, person=None, name="Ana"
        )
    representative = services.representative_add(
        user=secretariat, participation=participation, person=None, name="Ana"
    )

    with pytest.raises(PermissionDenied):
        services.representative_remove(user=officer, representative=representative)

    assert Representative.objects.filter(pk=representative.pk).exists()
    services.representative_remove(user=secretariat, representative=representative)
    assert not Representative.objects.exists()


# --- documents ---------------------------------------------------------------------------------


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()]


def test_document_add_stores_the_file(
    net: Net, secretariat: User, settings: Any, tmp_path: Path
) -> None:
    document = services.document_add(
        user=secretariat,
        meeting=make_meeting(net),
        data={"title": "Agenda", "language": "es", "visibility": Visibility.PUBLIC},
        upload=SimpleUploadedFile("agenda.pdf", b"%PDF-1.4 agenda"),
    )

    assert document.file.read() == b"%PDF-1.4 agenda"
    assert len(stored_files(Path(settings.MEDIA_ROOT))) == 1
    assert actions_on(document) == ["meetingdocument.create"]


def test_document_add_refuses_an_executable(net: Net, secretariat: User, settings: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.document_add(
            user=secretariat,
            meeting=make_meeting(net),
            data={"title": "Programa", "language": "es", "visibility": Visibility.PUBLIC},
            upload=SimpleUploadedFile("programa.exe", b"MZ\x90\x00"),
        )

    assert "file" in caught.value.error_dict
    assert not MeetingDocument.objects.exists()
    assert stored_files(Path(settings.MEDIA_ROOT)) == []


def test_document_add_refuses_an_oversized_file(net: Net, secretariat: User, settings: Any) -> None:
    settings.ENLACE_MAX_DOCUMENT_BYTES = 1024

    with pytest.raises(ValidationError) as caught:
        services.document_add(
            user=secretariat,
            meeting=make_meeting(net),
            data={"title": "Anexo", "language": "es", "visibility": Visibility.PUBLIC},
            upload=SimpleUploadedFile("anexo.pdf", b"x" * 1025),
        )

    assert "file" in caught.value.error_dict
    assert not MeetingDocument.objects.exists()
    assert stored_files(Path(settings.MEDIA_ROOT)) == []
    # exactly at the limit is accepted
    services.document_add(
        user=secretariat,
        meeting=make_meeting(net),
        data={"title": "Anexo", "language": "es", "visibility": Visibility.PUBLIC},
        upload=SimpleUploadedFile("anexo.pdf", b"%PDF-" + b"x" * 1019),
    )
    assert MeetingDocument.objects.count() == 1


def test_officer_cannot_add_documents(net: Net, officer: User, settings: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.document_add(
            user=officer,
            meeting=make_meeting(net),
            data={"title": "Nota", "language": "es", "visibility": Visibility.PUBLIC},
            upload=SimpleUploadedFile("nota.pdf", b"%PDF-1.4"),
        )

    assert not MeetingDocument.objects.exists()
    assert stored_files(Path(settings.MEDIA_ROOT)) == []


def test_document_remove_deletes_the_row_and_then_the_file(
    net: Net,
    secretariat: User,
    officer: User,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    document = services.document_add(
        user=secretariat,
        meeting=make_meeting(net),
        data={"title": "Nota", "language": "es", "visibility": Visibility.PUBLIC},
        upload=SimpleUploadedFile("nota.pdf", b"%PDF-1.4"),
    )
    pk = document.pk
    with pytest.raises(PermissionDenied):
        services.document_remove(user=officer, document=document)
    assert MeetingDocument.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.document_remove(user=secretariat, document=document)

    assert not MeetingDocument.objects.exists()
    assert stored_files(Path(settings.MEDIA_ROOT)) == []
    assert AuditEvent.objects.filter(
        action="meetingdocument.delete", object_id=str(pk), actor=secretariat
    ).exists()


# --- reports -----------------------------------------------------------------------------------


def test_report_save_with_points_and_sub_points(net: Net, secretariat: User) -> None:
    report = report_services.report_save(
        user=secretariat,
        data=report_data(make_meeting(net)),
        points=[
            (0, "Reconocer los esfuerzos de los países."),
            (1, "en la prevención;"),
            (1, " en la protección. "),
            (0, "Adoptar el Plan de Trabajo."),
            (0, "   "),
        ],
    )

    points = list(report.points.order_by("position"))
    assert [(p.position, p.level, p.text) for p in points] == [
        (1, 0, "Reconocer los esfuerzos de los países."),
        (2, 1, "en la prevención;"),
        (3, 1, "en la protección."),
        (4, 0, "Adoptar el Plan de Trabajo."),
    ]
    assert [label for label, _p in number_points(points)] == ["1.", "a)", "b)", "2."]
    assert report.status == Report.Status.DRAFT
    assert actions_on(report) == ["report.create", "report.points"]


def test_report_save_replaces_points_on_edit(net: Net, secretariat: User) -> None:
    report = make_report(make_meeting(net), points=[(0, "Viejo uno."), (0, "Viejo dos.")])

    report_services.report_save(
        user=secretariat,
        report=report,
        data=report_data(report.meeting),
        points=[(0, "Nuevo.")],
    )

    assert [p.text for p in report.points.all()] == ["Nuevo."]
    event = AuditEvent.objects.get(action="report.points")
    assert event.before == {"points": [[0, "Viejo uno."], [0, "Viejo dos."]]}
    assert event.after == {"points": [[0, "Nuevo."]]}


@pytest.mark.parametrize(
    "points",
    [[], [(0, "  "), (1, "")], [(1, "Empieza con un inciso."), (0, "Punto.")]],
    ids=["no points", "only blank points", "starts with a sub-point"],
)
def test_report_without_a_proper_first_point_is_refused_whole(
    net: Net, secretariat: User, points: list[tuple[int, str]]
) -> None:
    with pytest.raises(ValidationError):
        report_services.report_save(
            user=secretariat, data=report_data(make_meeting(net)), points=points
        )

    assert not Report.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="report").exists()


def test_refused_points_leave_an_existing_report_unchanged(net: Net, secretariat: User) -> None:
    report = make_report(make_meeting(net), title="Antes", points=[(0, "Punto original.")])

    with pytest.raises(ValidationError):
        report_services.report_save(
            user=secretariat,
            report=report,
            data=report_data(report.meeting, title="Después"),
            points=[(1, "Inciso suelto.")],
        )

    report.refresh_from_db()
    assert report.title == "Antes"
    assert [p.text for p in report.points.all()] == ["Punto original."]


def test_report_save_leaves_adoption_and_publication_to_their_own_services(
    net: Net, secretariat: User
) -> None:
    report = make_report(make_meeting(net))

    with pytest.raises(ValidationError) as caught:
        report_services.report_save(
            user=secretariat,
            report=report,
            data={
                **report_data(report.meeting),
                "status": Report.Status.ADOPTED,
                "adopted_on": datetime.date(2024, 5, 7),
            },
            points=[(0, "Punto.")],
        )

    assert set(caught.value.error_dict) == {"status", "adopted_on"}
    report.refresh_from_db()
    assert (report.status, report.adopted_on) == (Report.Status.DRAFT, None)


def test_secretariat_may_enter_an_archived_report_already_adopted(
    net: Net, secretariat: User
) -> None:
    report = report_services.report_save(
        user=secretariat,
        data={
            **report_data(make_meeting(net)),
            "status": Report.Status.ADOPTED,
            "adopted_on": datetime.date(2008, 5, 6),
            "is_published": True,
        },
        points=[(0, "Punto.")],
    )

    report.refresh_from_db()
    assert (report.status, report.is_published) == (Report.Status.ADOPTED, True)


def test_a_draft_cannot_be_published(net: Net, secretariat: User) -> None:
    report = make_report(make_meeting(net))

    with pytest.raises(ValidationError):
        report_services.report_save(
            user=secretariat,
            report=report,
            data={**report_data(report.meeting), "is_published": True},
            points=[(0, "Punto.")],
        )

    report.refresh_from_db()
    assert not report.is_published


@pytest.fixture
def ppt_officer(officer: User, ppt_honduras: Presidency) -> User:
    """Honduras's liaison officer while Honduras holds the Pro Tempore Presidency."""
    return officer


def test_ppt_officer_creates_and_edits_a_draft(net: Net, ppt_officer: User) -> None:
    report = report_services.report_save(
        user=ppt_officer, data=report_data(make_meeting(net)), points=[(0, "Primero.")]
    )

    report_services.report_save(
        user=ppt_officer,
        report=report,
        data=report_data(report.meeting, title="Informe revisado"),
        points=[(0, "Primero."), (1, "con un inciso.")],
        expected_state=state_token(report),
    )

    report.refresh_from_db()
    assert report.title == "Informe revisado"
    assert report.status == Report.Status.DRAFT
    assert [p.level for p in report.points.all()] == [0, 1]
    assert AuditEvent.objects.filter(actor=ppt_officer, action="report.update").exists()


@pytest.mark.parametrize(
    "publication",
    [
        {"status": Report.Status.ADOPTED},
        {"is_published": True},
        {"adopted_on": datetime.date(2024, 5, 7)},
    ],
    ids=["status", "is_published", "adopted_on"],
)
def test_ppt_officer_cannot_adopt_or_publish(
    net: Net, ppt_officer: User, publication: dict[str, Any]
) -> None:
    report = make_report(make_meeting(net), title="Antes", points=[(0, "Original.")])

    with pytest.raises(ValidationError) as caught:
        report_services.report_save(
            user=ppt_officer,
            report=report,
            data={**report_data(report.meeting, title="Después"), **publication},
            points=[(0, "Cambiado.")],
        )

    assert set(caught.value.error_dict) == set(publication)
    report.refresh_from_db()
    assert (report.title, report.status, report.is_published) == (
        "Antes",
        Report.Status.DRAFT,
        False,
    )
    assert [p.text for p in report.points.all()] == ["Original."]


def test_ppt_check_looks_at_the_saved_report_not_the_form_applied_one(
    net: Net, ppt_officer: User
) -> None:
    """The manage page's ModelForm applies the posted values to the instance before the
    service runs: the service must judge the change against what is saved."""
    report = make_report(make_meeting(net), title="Antes")
    report.adopted_on = datetime.date(2024, 5, 7)  # as ModelForm.is_valid() would set it

    with pytest.raises(ValidationError):
        report_services.report_save(
            user=ppt_officer,
            report=report,
            data={**report_data(report.meeting), "adopted_on": datetime.date(2024, 5, 7)},
            points=[(0, "Punto.")],
        )

    report.refresh_from_db()
    assert report.adopted_on is None


def test_ppt_officer_cannot_create_an_adopted_report(net: Net, ppt_officer: User) -> None:
    with pytest.raises(ValidationError):
        report_services.report_save(
            user=ppt_officer,
            data={**report_data(make_meeting(net)), "status": Report.Status.ADOPTED},
            points=[(0, "Punto.")],
        )

    assert not Report.objects.exists()


def test_ppt_officer_may_send_publication_fields_unchanged(net: Net, ppt_officer: User) -> None:
    """A form with the publication fields disabled sends them back as they were."""
    report = make_report(make_meeting(net))

    report_services.report_save(
        user=ppt_officer,
        report=report,
        data={
            **report_data(report.meeting, title="Nuevo título"),
            "status": Report.Status.DRAFT,
            "is_published": False,
            "adopted_on": None,
            "presented_on": None,
        },
        points=[(0, "Punto.")],
    )

    report.refresh_from_db()
    assert report.title == "Nuevo título"


def test_ppt_officer_cannot_edit_an_adopted_report(net: Net, ppt_officer: User) -> None:
    report = make_report(
        make_meeting(net), title="Adoptado", status=Report.Status.ADOPTED, points=[(0, "Uno.")]
    )

    with pytest.raises(PermissionDenied):
        report_services.report_save(
            user=ppt_officer,
            report=report,
            data=report_data(report.meeting, title="Reescrito"),
            points=[(0, "Otro.")],
        )

    report.refresh_from_db()
    assert report.title == "Adoptado"
    assert [p.text for p in report.points.all()] == ["Uno."]


@pytest.mark.parametrize("who", ["officer", "other_officer", "observer", "outsider"])
def test_officers_without_the_presidency_cannot_create_reports(
    request: pytest.FixtureRequest, net: Net, ppt_honduras: Presidency, who: str
) -> None:
    """Honduras presides: Mexico's officer cannot draft; nor can anyone while no one presides."""
    if who == "officer":
        ppt_honduras.delete()
    user = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        report_services.report_save(
            user=user, data=report_data(make_meeting(net)), points=[(0, "Punto.")]
        )

    assert not Report.objects.exists()


def test_other_country_officer_cannot_edit_the_ppt_draft(
    net: Net, ppt_honduras: Presidency, other_officer: User
) -> None:
    report = make_report(make_meeting(net), title="Borrador de la PPT")

    with pytest.raises(PermissionDenied):
        report_services.report_save(
            user=other_officer,
            report=report,
            data=report_data(report.meeting, title="Cambiado por México"),
            points=[(0, "Punto.")],
        )

    report.refresh_from_db()
    assert report.title == "Borrador de la PPT"


def test_stale_report_edit_is_refused_and_overwrites_nothing(
    net: Net, secretariat: User, ppt_officer: User
) -> None:
    report = make_report(make_meeting(net), title="Versión 1", points=[(0, "Punto 1.")])
    opened = state_token(report)
    report_services.report_save(
        user=secretariat,
        report=Report.objects.get(pk=report.pk),
        data=report_data(report.meeting, title="Versión de la ST"),
        points=[(0, "Punto de la ST.")],
        expected_state=opened,
    )

    with pytest.raises(EditConflict):
        report_services.report_save(
            user=ppt_officer,
            report=Report.objects.get(pk=report.pk),
            data=report_data(report.meeting, title="Versión de la PPT"),
            points=[(0, "Punto de la PPT.")],
            expected_state=opened,
        )

    report.refresh_from_db()
    assert report.title == "Versión de la ST"
    assert [p.text for p in report.points.all()] == ["Punto de la ST."]
