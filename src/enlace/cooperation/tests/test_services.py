"""The services of requests and cases: states, rules, audit without content, e-mail without
content, encryption at rest, logged identity views, retention and key rotation."""

import datetime
import io
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from enlace.accounts.models import User
from enlace.audit.models import AuditEvent
from enlace.conftest import Net
from enlace.cooperation import services
from enlace.cooperation.models import (
    CaseIdentity,
    ChildStep,
    CooperationRequest,
    IdentityView,
    ProtectedCase,
    RequestState,
    RequestType,
)
from enlace.cooperation.tests.conftest import DOCUMENT, NAME, png_bytes
from enlace.core import crypto
from enlace.core.tests.files import HTML_AS_PDF, SVG

pytestmark = pytest.mark.django_db


def _raw_rows(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (a fixed table name)
        return repr(cursor.fetchall())


def test_a_request_gets_its_type_deadline_and_child_steps(request_: CooperationRequest) -> None:
    assert request_.state == RequestState.SENT
    assert request_.due_on - request_.sent_on == datetime.timedelta(days=30)
    steps = {s.kind: s.state for s in request_.child_steps.all()}
    assert steps == dict.fromkeys(ChildStep.Kind.values, "pending")


def test_a_request_about_a_person_needs_a_case(net: Net, officer: User) -> None:
    with pytest.raises(ValidationError) as exc:
        services.request_create(
            user=officer,
            request_type=RequestType.FAMILY_TRACING,
            requesting_country=net.honduras,
            requested_countries=[net.mexico],
            summary="Trace the family.",
        )
    assert "case" in exc.value.message_dict
    assert not CooperationRequest.objects.exists()


def test_requests_go_to_other_member_countries_only(net: Net, officer: User) -> None:
    with pytest.raises(ValidationError) as exc:
        services.request_create(
            user=officer,
            request_type=RequestType.OTHER,
            requesting_country=net.honduras,
            requested_countries=[net.argentina],
            summary="Anything.",
        )
    assert "requested_countries" in exc.value.message_dict


@pytest.mark.usefixtures("english")
def test_a_country_cannot_ask_itself(net: Net, officer: User) -> None:
    with pytest.raises(ValidationError) as exc:
        services.request_create(
            user=officer,
            request_type=RequestType.OTHER,
            requesting_country=net.honduras,
            requested_countries=[net.honduras, net.mexico],
            summary="Anything.",
        )
    assert exc.value.message_dict["requested_countries"] == [
        "Honduras cannot send a request to itself: choose only other member countries."
    ]
    assert not CooperationRequest.objects.exists()


def test_observer_and_secretariat_cannot_open_requests(
    net: Net, observer: User, secretariat: User
) -> None:
    for user in (observer, secretariat):
        with pytest.raises(PermissionDenied):
            services.request_create(
                user=user,
                request_type=RequestType.OTHER,
                requesting_country=net.honduras,
                requested_countries=[net.mexico],
                summary="x",
            )


def test_the_full_path_and_who_may_take_each_step(
    request_: CooperationRequest, officer: User, other_officer: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.request_transition(
            user=officer, cooperation_request=request_, action="acknowledge"
        )
    for action in ("acknowledge", "start", "complete"):
        request_ = services.request_transition(
            user=other_officer, cooperation_request=request_, action=action
        )
    assert request_.state == RequestState.COMPLETED
    assert request_.completed_on is not None
    with pytest.raises(PermissionDenied):
        services.request_transition(
            user=other_officer, cooperation_request=request_, action="close"
        )
    request_ = services.request_transition(
        user=officer, cooperation_request=request_, action="close"
    )
    assert request_.state == RequestState.CLOSED
    states = list(request_.state_changes.values_list("to_state", flat=True))
    assert states == ["sent", "acknowledged", "in_progress", "completed", "closed"]


def test_a_step_not_possible_now_changes_nothing(
    request_: CooperationRequest, other_officer: User
) -> None:
    with pytest.raises(ValidationError):
        services.request_transition(
            user=other_officer, cooperation_request=request_, action="complete"
        )
    request_.refresh_from_db()
    assert request_.state == RequestState.SENT
    assert request_.state_changes.count() == 1


def test_declining_needs_a_reason(request_: CooperationRequest, other_officer: User) -> None:
    with pytest.raises(ValidationError):
        services.request_transition(
            user=other_officer, cooperation_request=request_, action="decline"
        )
    declined = services.request_transition(
        user=other_officer,
        cooperation_request=request_,
        action="decline",
        reason="Not our competence.",
    )
    assert declined.state == RequestState.DECLINED
    assert declined.decline_reason == "Not our competence."


def test_third_country_cannot_touch_a_request(
    request_: CooperationRequest, third_officer: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.request_transition(
            user=third_officer, cooperation_request=request_, action="acknowledge"
        )
    with pytest.raises(PermissionDenied):
        services.request_message_add(user=third_officer, cooperation_request=request_, body="hello")


def test_email_tells_the_parties_only_that_something_changed(
    request_: CooperationRequest,
    other_officer: User,
    third_officer: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.request_message_add(
            user=other_officer,
            cooperation_request=request_,
            body=f"About {NAME}: the escort is ready.",
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.bcc) == {"hnd_officer@example.org", "mex_officer@example.org"}
    text = message.subject + message.body
    assert f"/cooperation/requests/{request_.pk}/" in text
    for secret in (NAME, "escort", "Cortés", "Safe return", request_.case.code):
        assert secret not in text


def test_audit_events_carry_no_content(request_: CooperationRequest, other_officer: User) -> None:
    services.request_message_add(
        user=other_officer, cooperation_request=request_, body=f"Name: {NAME}"
    )
    services.request_transition(
        user=other_officer,
        cooperation_request=request_,
        action="decline",
        reason=f"{NAME} unknown here",
    )
    events = repr(list(AuditEvent.objects.values_list("object_label", "before", "after")))
    assert NAME.split()[0] not in events
    assert "Safe return" not in events
    assert DOCUMENT not in events
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "cooperationrequest.create",
        "cooperationrequest.message",
        "cooperationrequest.decline",
        "protectedcase.identity_save",
    } <= actions


def test_identifying_data_is_never_stored_in_plaintext(
    case: ProtectedCase, request_: CooperationRequest, other_officer: User
) -> None:
    services.request_attachment_add(
        user=other_officer,
        cooperation_request=request_,
        upload=SimpleUploadedFile(f"{NAME}.txt", f"passport {DOCUMENT}".encode()),
    )
    raw = _raw_rows("cooperation_caseidentity") + _raw_rows("cooperation_requestattachment")
    for secret in (NAME.split()[0], NAME.split()[1], DOCUMENT, "2010-03-04", "+504 9999 1234"):
        assert secret not in raw
    identity = CaseIdentity.objects.get(case=case)
    stored_photo = identity.photo.read()
    assert b"PNG" not in stored_photo
    attachment = request_.attachments.get()
    assert DOCUMENT.encode() not in attachment.file.read()
    assert NAME not in attachment.file.name
    name, data = services.attachment_content(attachment)
    assert name == f"{NAME}.txt"
    assert data == f"passport {DOCUMENT}".encode()


def test_identity_is_shown_to_a_party_with_a_reason_and_logged(
    case: ProtectedCase, request_: CooperationRequest, other_officer: User
) -> None:
    with pytest.raises(ValidationError):
        services.case_identity_reveal(user=other_officer, case=case, reason="  ")
    assert not IdentityView.objects.exists()
    identity = services.case_identity_reveal(
        user=other_officer, case=case, reason="Preparing the escort"
    )
    assert identity["given_name"] == NAME.split()[0]
    assert identity["documents"] == DOCUMENT
    assert identity["photo_data_uri"].startswith("data:image/png;base64,")
    view = IdentityView.objects.get()
    assert (view.user, view.case, view.reason) == (other_officer, case, "Preparing the escort")
    assert view.country.code == "MEX"


def test_identity_needs_consent_or_a_legal_basis(
    case: ProtectedCase, request_: CooperationRequest, officer: User, other_officer: User
) -> None:
    services.case_update(user=officer, case=case, data={"sharing_consent": False})
    with pytest.raises(PermissionDenied):
        services.case_identity_reveal(user=other_officer, case=case, reason="need")
    with pytest.raises(ValidationError) as exc:
        services.case_update(user=officer, case=case, data={"legal_basis": "judicial_order"})
    assert "legal_basis_note" in exc.value.message_dict
    services.case_update(
        user=officer,
        case=case,
        data={"legal_basis": "judicial_order", "legal_basis_note": "Order 12/2026"},
    )
    assert services.case_identity_reveal(user=other_officer, case=case, reason="court")


def test_third_country_and_secretariat_never_see_identity(
    case: ProtectedCase, request_: CooperationRequest, third_officer: User, secretariat: User
) -> None:
    for user in (third_officer, secretariat):
        with pytest.raises(PermissionDenied):
            services.case_identity_reveal(user=user, case=case, reason="curious")


def test_retention_erases_identity_and_keeps_the_figures(
    case: ProtectedCase, officer: User, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.ENLACE_CASE_RETENTION_DAYS = 30
    photo_name = CaseIdentity.objects.get(case=case).photo.name
    services.case_update(user=officer, case=case, data={"status": "Closed"})
    case.refresh_from_db()
    assert services.purge_expired(today=case.closed_on + datetime.timedelta(days=29)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.purge_expired(today=case.closed_on + datetime.timedelta(days=30)) == 1
    case.refresh_from_db()
    assert case.identity_purged_on is not None
    assert not CaseIdentity.objects.filter(case=case).exists()
    assert not CaseIdentity._meta.get_field("photo").storage.exists(photo_name)
    assert case.age_at_identification == 16
    assert case.exploitation == ["SexualExploitation"]
    assert AuditEvent.objects.filter(action="protectedcase.identity_purge").count() == 1


def test_purge_command_runs_the_task(case: ProtectedCase, officer: User, settings: Any) -> None:
    from django.core.management import call_command

    settings.ENLACE_CASE_RETENTION_DAYS = 0
    services.case_update(user=officer, case=case, data={"status": "Closed"})
    call_command("purge-expired")
    assert not CaseIdentity.objects.filter(case=case).exists()


def test_rotation_re_encrypts_with_the_first_key(
    case: ProtectedCase, settings: Any, other_officer: User, request_: CooperationRequest
) -> None:
    from django.core.management import call_command

    services.request_message_add(
        user=other_officer, cooperation_request=request_, body=f"Met {NAME}."
    )
    services.request_transition(
        user=other_officer,
        cooperation_request=request_,
        action="decline",
        reason=f"{NAME} moved away",
    )
    old_key = settings.ENLACE_CASE_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.ENLACE_CASE_KEYS = [new_key, old_key]
    out = io.StringIO()
    call_command("rotate-case-keys", stdout=out)
    assert "1 requests, 1 messages and 2 state changes" in out.getvalue()
    settings.ENLACE_CASE_KEYS = [new_key]
    identity = services.case_identity_reveal(user=other_officer, case=case, reason="after rotation")
    assert identity["family_name"] == NAME.split()[1]
    assert identity["photo_data_uri"]
    # The free text of the request reads back with the new key alone.
    request = CooperationRequest.objects.get(pk=request_.pk)
    assert request.summary == "Safe return of the person of the case, with escort."
    assert request.details == {"destination": "Cortés"}
    assert request.decline_reason == f"{NAME} moved away"
    assert [m.body for m in request.messages.all()] == [f"Met {NAME}."]
    assert [c.reason for c in request.state_changes.all()] == ["", f"{NAME} moved away"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT summary, details, decline_reason FROM cooperation_cooperationrequest"
        )
        tokens = list(cursor.fetchone())
        cursor.execute("SELECT body FROM cooperation_requestmessage")
        tokens += [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT reason FROM cooperation_statechange WHERE reason <> ''")
        tokens += [row[0] for row in cursor.fetchall()]
    assert len(tokens) == 5
    settings.ENLACE_CASE_KEYS = [old_key]
    with pytest.raises(crypto.InvalidToken):
        crypto.decrypt_json(CaseIdentity.objects.get(case=case).payload)
    for token in tokens:  # every column was re-encrypted, none left under the old key
        with pytest.raises(crypto.InvalidToken):
            crypto.decrypt_text(token)


def test_secretariat_reminds_overdue_requests_once_a_day(
    request_: CooperationRequest, secretariat: User, officer: User
) -> None:
    with pytest.raises(ValidationError):
        services.request_remind(user=secretariat, cooperation_request=request_)
    later = request_.due_on + datetime.timedelta(days=1)
    services.request_remind(user=secretariat, cooperation_request=request_, today=later)
    with pytest.raises(ValidationError):
        services.request_remind(user=secretariat, cooperation_request=request_, today=later)
    with pytest.raises(PermissionDenied):
        services.request_remind(user=officer, cooperation_request=request_, today=later)


def test_no_key_refuses_to_store(
    case: ProtectedCase, officer: User, settings: Any, tmp_path: Any
) -> None:
    CaseIdentity.objects.filter(case=case).delete()
    settings.ENLACE_CASE_KEYS = []
    settings.ENLACE_CASE_KEY_FILE = tmp_path / "none"
    with pytest.raises(crypto.CaseKeysMissing):
        services.case_identity_save(user=officer, case=case, identity={"given_name": "A"})
    crypto.ensure_demo_key()
    assert (tmp_path / "none").exists()
    services.case_identity_save(user=officer, case=case, identity={"given_name": "A"})


def test_identity_never_reaches_the_logs(
    case: ProtectedCase,
    request_: CooperationRequest,
    other_officer: User,
    other_client: Any,
    caplog: Any,
) -> None:
    import logging

    from django.urls import reverse

    with caplog.at_level(logging.DEBUG):
        services.case_identity_reveal(user=other_officer, case=case, reason="check")
        other_client.post(
            reverse("cooperation:case_identity", args=[case.code]), {"reason": "check"}
        )
        other_client.get(reverse("cooperation:case_identity", args=["PC-NOTHERE"]))
    text = caplog.text
    assert NAME.split()[0] not in text
    assert DOCUMENT not in text


@pytest.mark.parametrize(
    "content", [HTML_AS_PDF, SVG, b"GIF89a\x01\x00\x01\x00"], ids=["html", "svg", "gif"]
)
def test_a_photo_is_checked_by_its_content_not_its_type(
    case: ProtectedCase, officer: User, content: bytes
) -> None:
    identity = CaseIdentity.objects.get(case=case)
    before = (identity.payload, identity.photo.name)
    with pytest.raises(ValidationError) as caught:
        services.case_identity_save(
            user=officer,
            case=case,
            identity={"given_name": "Otro", "family_name": "Nombre"},
            photo=SimpleUploadedFile("foto.png", content, content_type="image/png"),
        )
    assert list(caught.value.message_dict) == ["photo"]
    identity.refresh_from_db()
    assert (identity.payload, identity.photo.name) == before


def test_a_photo_keeps_the_type_of_its_content(case: ProtectedCase, officer: User) -> None:
    services.case_identity_save(
        user=officer,
        case=case,
        identity={"given_name": "Otro", "family_name": "Nombre"},
        photo=SimpleUploadedFile("foto.jpg", png_bytes(), content_type="image/jpeg"),
    )
    payload = crypto.decrypt_json(CaseIdentity.objects.get(case=case).payload)
    assert payload["photo_type"] == "image/png"
