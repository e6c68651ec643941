"""Every write of cooperation requests and protected cases.

Each service checks its rule in enlace.access, validates, saves, and records an audit event in
the same transaction. Audit events carry no content and no identity (the secretariat reads the
audit log): states, dates, countries, the names of the fields that changed. E-mail goes to the
officers of the parties when the transaction commits, and says only that something changed in
request R-n, with a link.
"""

import base64
import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from enlace import access
from enlace.audit.services import audit_record
from enlace.cooperation.models import (
    CLOSED_CASE_STATUSES,
    DEFAULT_RESPONSE_DAYS,
    OPEN_STATES,
    TYPES_ABOUT_A_PERSON,
    CaseIdentity,
    ChildStep,
    CooperationRequest,
    IdentityView,
    ProtectedCase,
    RequestAttachment,
    RequestMessage,
    RequestParty,
    RequestState,
    RequestType,
    StateChange,
    TraffickingEvent,
)
from enlace.core import crypto
from enlace.core.mail import queue_mail
from enlace.core.services import (
    delete_file_on_commit,
    lock_unchanged,
    require,
)
from enlace.core.uploads import CONTENT_TYPES, check_upload
from enlace.network.models import Country, Membership, Post

OFFICER_ROLES = (Post.Role.LIAISON_OFFICER, Post.Role.ALTERNATE)
EMAIL_LANGUAGES = ("es", "en")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_PHOTO_BYTES = 5 * 1024 * 1024
# What an attachment or a photo may be, read from its content (enlace.core.uploads).
ATTACHMENT_KINDS = frozenset({"pdf", "docx", "doc", "odt", "txt", "rtf", "xlsx", "png", "jpeg"})
PHOTO_KINDS = frozenset({"png", "jpeg"})

# action -> (states it leaves from, state it goes to, who may do it)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "acknowledge": ((RequestState.SENT,), RequestState.ACKNOWLEDGED, "requested"),
    "start": (
        (RequestState.SENT, RequestState.ACKNOWLEDGED),
        RequestState.IN_PROGRESS,
        "requested",
    ),
    "complete": ((RequestState.IN_PROGRESS,), RequestState.COMPLETED, "requested"),
    "decline": (OPEN_STATES, RequestState.DECLINED, "requested"),
    "close": ((RequestState.COMPLETED, RequestState.DECLINED), RequestState.CLOSED, "requesting"),
}


def _actor(user: access.Who) -> access.Actor:
    return access.actor_for(user)


def party_ids(request: CooperationRequest) -> tuple[int, set[int]]:
    """(requesting country, requested countries) of a request."""
    requested = {
        p.country_id for p in request.parties.all() if p.role == RequestParty.Role.REQUESTED
    }
    return request.requesting_country_id, requested


def case_party_ids(case: ProtectedCase) -> set[int]:
    ids = {case.owner_country_id}
    ids.update(RequestParty.objects.filter(request__case=case).values_list("country_id", flat=True))
    return ids


def _acting_country(actor: access.Actor, candidates: Iterable[int]) -> int:
    ids = sorted(c for c in set(candidates) if access.can_act_for_country(actor, c))
    if not ids:
        raise PermissionDenied
    return ids[0]


def _request_facts(request: CooperationRequest) -> dict[str, Any]:
    """What an audit event of a request holds: no summary, no details, no names."""
    return {
        "type": request.type,
        "state": request.state,
        "requesting_country": request.requesting_country_id,
        "sent_on": request.sent_on.isoformat(),
        "due_on": request.due_on.isoformat(),
        "case": request.case_id,
    }


# --- e-mail ----------------------------------------------------------------------------------


def _party_addresses(request: CooperationRequest) -> list[str]:
    countries = [p.country_id for p in request.parties.all()]
    emails = (
        Membership.objects.current()
        .filter(post__role__in=OFFICER_ROLES, post__country_id__in=countries)
        .exclude(person__email="")
        .order_by("person__family_name", "pk")
        .values_list("person__email", flat=True)
    )
    return list(dict.fromkeys(emails))


def _notify(request: CooperationRequest) -> None:
    """Once committed, tell the parties' officers that something changed (never what)."""
    to = _party_addresses(request)
    if not to:
        return
    url = settings.ENLACE_BASE_URL + reverse("cooperation:request", args=[request.pk])
    parts = []
    subject = ""
    for language in EMAIL_LANGUAGES:
        with translation.override(language):
            context = {"reference": request.reference, "url": url}
            parts.append(render_to_string("cooperation/email_changed.txt", context).strip())
            if not subject:
                subject = _("Enlace: cooperation request %(reference)s has changed") % context
    queue_mail(subject=subject, body="\n\n— — —\n\n".join(parts) + "\n", bcc=to)


# --- requests --------------------------------------------------------------------------------


@transaction.atomic
def request_create(
    *,
    user: access.Who,
    request_type: str,
    requesting_country: Country,
    requested_countries: list[Country],
    summary: str,
    details: Mapping[str, Any] | None = None,
    case: ProtectedCase | None = None,
    due_on: datetime.date | None = None,
    today: datetime.date | None = None,
    is_fictitious: bool = False,
) -> CooperationRequest:
    actor = _actor(user)
    require(access.can_create_request(actor))
    require(access.can_act_for_country(actor, requesting_country.pk))
    errors: dict[str, list[str]] = {}
    if request_type not in RequestType.values:
        errors.setdefault("type", []).append(_("Choose a type of request."))
    requested = list(requested_countries)
    if any(c.pk == requesting_country.pk for c in requested):
        errors.setdefault("requested_countries", []).append(
            _("%(country)s cannot send a request to itself: choose only other member countries.")
            % {"country": requesting_country.name}
        )
    elif not requested:
        errors.setdefault("requested_countries", []).append(
            _("Choose at least one other member country.")
        )
    if any(c.status != Country.Status.MEMBER for c in requested):
        errors.setdefault("requested_countries", []).append(
            _("Requests go to member countries only.")
        )
    if request_type in TYPES_ABOUT_A_PERSON and case is None:
        errors.setdefault("case", []).append(
            _("A request about a person refers to a protected case: choose or register one.")
        )
    if case is not None and not access.can_act_for_country(actor, case.owner_country_id):
        errors.setdefault("case", []).append(_("Choose a case registered by your country."))
    if not summary.strip():
        errors.setdefault("summary", []).append(_("Say what is asked."))
    day = today or timezone.localdate()
    due = due_on or day + datetime.timedelta(days=DEFAULT_RESPONSE_DAYS.get(request_type, 30))
    if due < day:
        errors.setdefault("due_on", []).append(_("The answer cannot be due before today."))
    if errors:
        raise ValidationError(errors)
    request = CooperationRequest.objects.create(
        type=request_type,
        requesting_country=requesting_country,
        case=case,
        summary=summary.strip(),
        details=dict(details or {}),
        sent_on=day,
        due_on=due,
        created_by=access.account_of(user),
        is_fictitious=is_fictitious,
    )
    RequestParty.objects.create(
        request=request, country=requesting_country, role=RequestParty.Role.REQUESTING
    )
    for country in requested:
        RequestParty.objects.create(
            request=request, country=country, role=RequestParty.Role.REQUESTED
        )
    if request_type == RequestType.REPATRIATION and case is not None and case.is_minor:
        ChildStep.objects.bulk_create(
            [ChildStep(request=request, kind=kind) for kind in ChildStep.Kind.values]
        )
    StateChange.objects.create(
        request=request,
        to_state=request.state,
        user=access.account_of(user),
        country=requesting_country,
    )
    audit_record(
        actor=user,
        action="cooperationrequest.create",
        instance=request,
        after=_request_facts(request) | {"requested_countries": [c.pk for c in requested]},
    )
    _notify(request)
    return request


@transaction.atomic
def request_transition(
    *,
    user: access.Who,
    cooperation_request: CooperationRequest,
    action: str,
    reason: str = "",
    today: datetime.date | None = None,
) -> CooperationRequest:
    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown action."))
    sources, target, who = TRANSITIONS[action]
    actor = _actor(user)
    requesting, requested = party_ids(cooperation_request)
    if who == "requested":
        require(access.can_answer_request(actor, requested))
        country = _acting_country(actor, requested)
    else:
        require(access.can_close_request(actor, requesting))
        country = requesting
    current = CooperationRequest.objects.select_for_update().get(pk=cooperation_request.pk)
    if current.state not in sources:
        raise ValidationError(
            _("This request is now “%(state)s”: that step is no longer possible. Nothing changed.")
            % {"state": current.get_state_display()}
        )
    if action == "decline" and not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for declining.")]})
    day = today or timezone.localdate()
    before = _request_facts(current)
    current.state = target
    if action == "decline":
        current.decline_reason = reason.strip()
    if action == "complete":
        current.completed_on = day
    if action == "close":
        current.closed_on = day
    current.save()
    StateChange.objects.create(
        request=current,
        from_state=before["state"],
        to_state=target,
        reason=reason.strip() if action == "decline" else "",
        user=access.account_of(user),
        country_id=country,
    )
    audit_record(
        actor=user,
        action=f"cooperationrequest.{action}",
        instance=current,
        before=before,
        after=_request_facts(current),
    )
    _notify(current)
    return current


def _require_content(user: access.Who, cooperation_request: CooperationRequest) -> int:
    actor = _actor(user)
    requesting, requested = party_ids(cooperation_request)
    parties = requested | {requesting}
    require(access.can_read_request_content(actor, parties))
    return _acting_country(actor, parties)


@transaction.atomic
def request_message_add(
    *, user: access.Who, cooperation_request: CooperationRequest, body: str
) -> RequestMessage:
    country = _require_content(user, cooperation_request)
    if cooperation_request.state == RequestState.CLOSED:
        raise ValidationError(_("This request is closed: no more messages."))
    if not body.strip():
        raise ValidationError({"body": [_("Write a message.")]})
    message = RequestMessage.objects.create(
        request=cooperation_request,
        author=access.account(user),
        country_id=country,
        body=body.strip(),
    )
    audit_record(
        actor=user,
        action="cooperationrequest.message",
        instance=cooperation_request,
        after={"message": message.pk, "country": country},
    )
    _notify(cooperation_request)
    return message


@transaction.atomic
def request_attachment_add(
    *, user: access.Who, cooperation_request: CooperationRequest, upload: "UploadedFile[bytes]"
) -> RequestAttachment:
    country = _require_content(user, cooperation_request)
    if cooperation_request.state == RequestState.CLOSED:
        raise ValidationError(_("This request is closed: no more attachments."))
    if upload.size is None or upload.size == 0:
        raise ValidationError({"file": [_("The file is empty.")]})
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": [_("The file is larger than 10 MB.")]})
    name = upload.name or "file"
    # The type is the one read from the content, never the browser's nor the name's.
    content_type = CONTENT_TYPES[check_upload(upload, ATTACHMENT_KINDS, field="file")]
    token = crypto.encrypt_bytes(upload.read())
    attachment = RequestAttachment(
        request=cooperation_request,
        uploaded_by=access.account_of(user),
        country_id=country,
        name_token=crypto.encrypt_text(name),
        content_type=content_type[:100],
        size=upload.size,
    )
    # The stored name says nothing about the file: the real name is encrypted above.
    attachment.file.save("attachment.bin", ContentFile(token), save=False)
    attachment.save()
    audit_record(
        actor=user,
        action="cooperationrequest.attachment",
        instance=cooperation_request,
        after={"attachment": attachment.pk, "size": attachment.size, "country": country},
    )
    _notify(cooperation_request)
    return attachment


def attachment_content(attachment: RequestAttachment) -> tuple[str, bytes]:
    """The name and bytes of an attachment (the caller got it from a scoped selector)."""
    with attachment.file.open("rb") as handle:
        data = crypto.decrypt_bytes(handle.read())
    return crypto.decrypt_text(attachment.name_token), data


@transaction.atomic
def child_step_update(
    *, user: access.Who, cooperation_request: CooperationRequest, step: ChildStep, state: str
) -> ChildStep:
    actor = _actor(user)
    _requesting, requested = party_ids(cooperation_request)
    # The receiving country runs the steps of a child's return (docs/access.md).
    require(access.can_answer_request(actor, requested))
    if step.request_id != cooperation_request.pk:
        raise PermissionDenied
    if state not in ChildStep.State.values:
        raise ValidationError({"state": [_("Choose a state.")]})
    if cooperation_request.state == RequestState.CLOSED:
        raise ValidationError(_("This request is closed."))
    before = step.state
    step.state = state
    step.save()
    audit_record(
        actor=user,
        action="cooperationrequest.child_step",
        instance=cooperation_request,
        before={"step": step.kind, "state": before},
        after={"step": step.kind, "state": state},
    )
    _notify(cooperation_request)
    return step


@transaction.atomic
def request_remind(
    *, user: access.Who, cooperation_request: CooperationRequest, today: datetime.date | None = None
) -> CooperationRequest:
    """The secretariat reminds the parties of an overdue request (once a day at most)."""
    require(access.can_remind_request(_actor(user)))
    day = today or timezone.localdate()
    if not cooperation_request.is_overdue(day):
        raise ValidationError(_("Only an overdue request can be reminded."))
    if cooperation_request.last_reminder_on == day:
        raise ValidationError(_("The parties were already reminded today."))
    cooperation_request.last_reminder_on = day
    cooperation_request.save(update_fields=["last_reminder_on", "updated_at"])
    audit_record(
        actor=user,
        action="cooperationrequest.remind",
        instance=cooperation_request,
        after=_request_facts(cooperation_request),
    )
    _notify(cooperation_request)
    return cooperation_request


# --- protected cases ---------------------------------------------------------------------------

CASE_FIELDS = (
    "age_at_identification",
    "age_band",
    "is_minor",
    "sex",
    "citizenship",
    "exploitation",
    "control_methods",
    "recruitment",
    "vulnerabilities",
    "assistance",
    "identified_on",
    "processing_consent",
    "sharing_consent",
    "legal_basis",
    "legal_basis_note",
    "status",
)


def _validate_case(case: ProtectedCase) -> None:
    errors: dict[str, list[str]] = {}
    if case.age_at_identification is not None and case.age_at_identification < 18:
        case.is_minor = True
    if case.legal_basis and not case.legal_basis_note.strip():
        errors["legal_basis_note"] = [_("Name the law, treaty or order relied on.")]
    if case.status in CLOSED_CASE_STATUSES:
        case.closed_on = case.closed_on or timezone.localdate()
    else:
        case.closed_on = None
    try:
        case.full_clean()
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def case_register(
    *, user: access.Who, country: Country, data: Mapping[str, Any], is_fictitious: bool = False
) -> ProtectedCase:
    actor = _actor(user)
    require(access.can_register_case(actor) and access.can_act_for_country(actor, country.pk))
    case = ProtectedCase(owner_country=country, is_fictitious=is_fictitious)
    for name in CASE_FIELDS:
        if name in data:
            setattr(case, name, data[name])
    _validate_case(case)
    case.save()
    audit_record(
        actor=user,
        action="protectedcase.create",
        instance=case,
        after={"code": case.code, "owner_country": country.pk},
    )
    return case


@transaction.atomic
def case_update(
    *,
    user: access.Who,
    case: ProtectedCase,
    data: Mapping[str, Any],
    expected_state: str | None = None,
) -> ProtectedCase:
    require(access.can_edit_case(_actor(user), case.owner_country_id))
    current = lock_unchanged(case, expected_state)
    changed = []
    for name in CASE_FIELDS:
        if name in data:
            attname = ProtectedCase._meta.get_field(name).get_attname()  # type: ignore[union-attr]
            old = getattr(current, attname)
            setattr(current, name, data[name])
            if getattr(current, attname) != old:
                changed.append(name)
    _validate_case(current)
    current.save()
    audit_record(
        actor=user,
        action="protectedcase.update",
        instance=current,
        after={"code": current.code, "changed": changed, "status": current.status},
    )
    return current


@transaction.atomic
def trafficking_event_add(
    *,
    user: access.Who,
    case: ProtectedCase,
    kind: str,
    country: Country,
    city: str = "",
    date: datetime.date | None = None,
) -> TraffickingEvent:
    require(access.can_edit_case(_actor(user), case.owner_country_id))
    event = TraffickingEvent(case=case, kind=kind, country=country, city=city.strip(), date=date)
    event.full_clean()
    event.save()
    audit_record(
        actor=user,
        action="protectedcase.event",
        instance=case,
        after={"code": case.code, "event": event.pk, "kind": kind},
    )
    return event


IDENTITY_KEYS = ("given_name", "family_name", "birth_date", "documents", "contacts")


@sensitive_variables("identity", "values", "photo")
@transaction.atomic
def case_identity_save(
    *,
    user: access.Who,
    case: ProtectedCase,
    identity: Mapping[str, str],
    photo: "UploadedFile[bytes] | None" = None,
) -> CaseIdentity:
    """Store (replace) the identifying data of a case, encrypted; the photo too."""
    require(access.can_edit_case(_actor(user), case.owner_country_id))
    case = ProtectedCase.objects.get(pk=case.pk)
    if case.identity_purged_on is not None:
        raise ValidationError(
            _("The identifying data of this case was erased under the retention rule.")
        )
    values = {key: str(identity.get(key, "")).strip() for key in IDENTITY_KEYS}
    if not (values["given_name"] or values["family_name"]):
        raise ValidationError({"given_name": [_("Give at least a name.")]})
    if values["birth_date"]:
        try:
            datetime.date.fromisoformat(values["birth_date"])
        except ValueError:
            raise ValidationError(
                {"birth_date": [_("Enter the date of birth as YYYY-MM-DD.")]}
            ) from None
    photo_token: bytes | None = None
    photo_type = ""
    if photo is not None:
        # The type is read from the content: the browser's content type is not trusted.
        try:
            photo_type = CONTENT_TYPES[check_upload(photo, PHOTO_KINDS)]
        except ValidationError:
            raise ValidationError(
                {"photo": [_("The photo must be a JPEG or PNG image.")]}
            ) from None
        if (photo.size or 0) > MAX_PHOTO_BYTES:
            raise ValidationError({"photo": [_("The photo is larger than 5 MB.")]})
        photo_token = crypto.encrypt_bytes(photo.read())
    record = CaseIdentity.objects.filter(case=case).first() or CaseIdentity(case=case)
    old_file = record.photo.name if record.photo else ""
    if photo_token is None and old_file:
        values["photo_type"] = crypto.decrypt_json(record.payload).get("photo_type", "")
    else:
        values["photo_type"] = photo_type
    record.payload = crypto.encrypt_json(values)
    if photo_token is not None:
        record.photo.save("photo.bin", ContentFile(photo_token), save=False)
    record.save()
    if photo_token is not None:
        delete_file_on_commit(record.photo.storage, old_file)
    audit_record(
        actor=user,
        action="protectedcase.identity_save",
        instance=case,
        after={"code": case.code, "photo": photo_token is not None},
    )
    return record


@sensitive_variables("values", "data", "record")
@transaction.atomic
def case_identity_reveal(*, user: access.Who, case: ProtectedCase, reason: str) -> dict[str, Any]:
    """The decrypted identity, for an officer of a party who gave a reason; the view is logged
    (IdentityView, read by the country's supervisor) and audited."""
    actor = _actor(user)
    case = ProtectedCase.objects.get(pk=case.pk)  # the consent as saved now, not as opened
    parties = case_party_ids(case)
    require(access.can_view_case_identity(actor, parties, case.may_share_identity))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why you need to see the identifying data.")]})
    record = CaseIdentity.objects.filter(case=case).first()
    if record is None:
        raise ValidationError(_("No identifying data is recorded for this case."))
    country = _acting_country(actor, parties)
    IdentityView.objects.create(
        case=case, user=access.account(user), country_id=country, reason=reason.strip()[:300]
    )
    audit_record(
        actor=user, action="protectedcase.identity_view", instance=case, after={"code": case.code}
    )
    values: dict[str, Any] = crypto.decrypt_json(record.payload)
    if record.photo:
        with record.photo.open("rb") as handle:
            data = crypto.decrypt_bytes(handle.read())
        values["photo_data_uri"] = (
            f"data:{values.get('photo_type') or 'image/jpeg'};base64,"
            + base64.b64encode(data).decode("ascii")
        )
    return values


@transaction.atomic
def case_identity_purge(*, case: ProtectedCase, today: datetime.date | None = None) -> bool:
    """Erase a case's identifying data (the retention rule); the anonymous fields stay."""
    day = today or timezone.localdate()
    record = CaseIdentity.objects.filter(case=case).first()
    if record is not None:
        name = record.photo.name if record.photo else ""
        storage = record.photo.storage
        record.delete()
        delete_file_on_commit(storage, name)
    ProtectedCase.objects.filter(pk=case.pk).update(identity_purged_on=day)
    audit_record(
        actor=None,
        action="protectedcase.identity_purge",
        instance=case,
        after={
            "code": case.code,
            "closed_on": case.closed_on.isoformat() if case.closed_on else None,
        },
    )
    return record is not None


def purge_expired(today: datetime.date | None = None) -> int:
    """Erase the identifying data of cases closed longer ago than the retention period."""
    day = today or timezone.localdate()
    limit = day - datetime.timedelta(days=settings.ENLACE_CASE_RETENTION_DAYS)
    due = ProtectedCase.objects.filter(
        status__in=CLOSED_CASE_STATUSES, closed_on__lte=limit, identity_purged_on__isnull=True
    ).order_by("pk")
    count = 0
    for case in due:
        case_identity_purge(case=case, today=day)
        count += 1
    return count


# The free text of requests, encrypted by its model fields (enlace.cooperation.fields).
ENCRYPTED_TEXT: tuple[tuple[str, type[models.Model], tuple[str, ...]], ...] = (
    ("requests", CooperationRequest, ("summary", "details", "decline_reason")),
    ("messages", RequestMessage, ("body",)),
    ("state_changes", StateChange, ("reason",)),
)


def rotate_case_keys() -> dict[str, int]:
    """Re-encrypt every identity, photo and attachment, and the free text of every request
    (summary, details, decline reason, messages, reasons of state changes), with the first key.
    """
    counts = {"identities": 0, "photos": 0, "attachments": 0}
    for record in CaseIdentity.objects.order_by("pk").iterator():
        with transaction.atomic():
            record.payload = crypto.rotate(record.payload.encode("ascii")).decode("ascii")
            if record.photo:
                with record.photo.open("rb") as handle:
                    token = crypto.rotate(handle.read())
                old = record.photo.name or ""
                record.photo.save("photo.bin", ContentFile(token), save=False)
                delete_file_on_commit(record.photo.storage, old)
                counts["photos"] += 1
            record.save(update_fields=["payload", "photo"])
            counts["identities"] += 1
    for attachment in RequestAttachment.objects.order_by("pk").iterator():
        with transaction.atomic():
            with attachment.file.open("rb") as handle:
                token = crypto.rotate(handle.read())
            old = attachment.file.name or ""
            attachment.name_token = crypto.rotate(attachment.name_token.encode("ascii")).decode(
                "ascii"
            )
            attachment.file.save("attachment.bin", ContentFile(token), save=False)
            attachment.save(update_fields=["name_token", "file"])
            delete_file_on_commit(attachment.file.storage, old)
            counts["attachments"] += 1
    for name, model, fields in ENCRYPTED_TEXT:
        counts[name] = 0
        # Read (decrypted with any key), written back (encrypted with the first key) by the
        # fields themselves; update() sends no signal and leaves updated_at alone.
        for row in model._default_manager.order_by("pk").only("pk", *fields).iterator():
            model._default_manager.filter(pk=row.pk).update(
                **{field: getattr(row, field) for field in fields}
            )
            counts[name] += 1
    return counts
