"""Writes to meetings, their delegations, agendas and documents (reports: enlace.reports)."""

from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from enlace import access
from enlace.audit.services import audit_record, model_delete, model_save, snapshot
from enlace.core.services import delete_file_on_commit, require
from enlace.core.uploads import check_upload
from enlace.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingDocument,
    Participation,
    Representative,
)
from enlace.network.models import Country, Organisation, Person

ALLOWED_DOCUMENT_SUFFIXES = {".pdf", ".docx", ".doc", ".odt", ".txt", ".xlsx", ".pptx", ".rtf"}
# The same kinds, read from the file's content (enlace.core.uploads).
ALLOWED_DOCUMENT_KINDS = frozenset({"pdf", "docx", "doc", "odt", "txt", "xlsx", "pptx", "rtf"})


def _meeting_extras(meeting: Meeting) -> dict[str, Any]:
    return {
        "delegations": sorted(str(p) for p in meeting.participations.all()),
        "agenda": [item.title for item in meeting.agenda_items.all()],
    }


@transaction.atomic
def meeting_save(
    *,
    user: access.Who,
    data: Mapping[str, Any],
    countries: Iterable[Country],
    organisations: Iterable[Organisation],
    agenda: Sequence[str],
    meeting: Meeting | None = None,
    expected_state: str | None = None,
) -> Meeting:
    """Create or change a meeting with its delegations and agenda, all or nothing.

    A delegation that is no longer listed is removed with its representatives.
    """
    before_extras = _meeting_extras(meeting) if meeting is not None else None
    saved: Meeting = model_save(  # type: ignore[assignment]
        user=user,
        instance=meeting or Meeting(),
        data=data,
        allowed=access.can_manage_meetings(access.actor_for(user)),
        expected_state=expected_state,
    )
    wanted_countries = {c.pk for c in countries}
    wanted_orgs = {o.pk for o in organisations}
    existing = list(saved.participations.all())
    for participation in existing:
        if participation.country_id not in wanted_countries and (
            participation.organisation_id not in wanted_orgs
        ):
            participation.delete()
    have_countries = {p.country_id for p in existing if p.country_id}
    have_orgs = {p.organisation_id for p in existing if p.organisation_id}
    Participation.objects.bulk_create(
        [Participation(meeting=saved, country_id=pk) for pk in wanted_countries - have_countries]
        + [Participation(meeting=saved, organisation_id=pk) for pk in wanted_orgs - have_orgs]
    )
    titles = [title.strip() for title in agenda if title.strip()]
    if [item.title for item in saved.agenda_items.all()] != titles:
        saved.agenda_items.all().delete()
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=saved, position=i, title=title) for i, title in enumerate(titles, 1)
        )
    after_extras = _meeting_extras(saved)
    if after_extras != before_extras:
        audit_record(
            actor=user,
            action="meeting.delegations_agenda",
            instance=saved,
            before=before_extras,
            after=after_extras,
        )
    return saved


@transaction.atomic
def representative_add(
    *,
    user: access.Who,
    participation: Participation,
    person: Person | None,
    name: str = "",
    position: str = "",
) -> Representative:
    require(access.can_manage_meetings(access.actor_for(user)))
    if person is None and not name.strip():
        raise ValidationError(
            {"name": _("Choose a person of the directory or write the representative's name.")}
        )
    representative = Representative(
        participation=participation, person=person, name=name.strip(), position=position.strip()
    )
    representative.full_clean()
    representative.save()
    audit_record(
        actor=user,
        action="representative.create",
        instance=representative,
        after=snapshot(representative),
    )
    return representative


def representative_remove(*, user: access.Who, representative: Representative) -> None:
    model_delete(
        user=user,
        instance=representative,
        allowed=access.can_manage_meetings(access.actor_for(user)),
    )


def _validate_upload(upload: "UploadedFile[bytes]") -> None:
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_DOCUMENT_SUFFIXES:
        raise ValidationError(
            {
                "file": _("This kind of file is not accepted. Use one of: %(kinds)s.")
                % {"kinds": ", ".join(sorted(ALLOWED_DOCUMENT_SUFFIXES))}
            }
        )
    if upload.size is not None and upload.size > settings.ENLACE_MAX_DOCUMENT_BYTES:
        raise ValidationError(
            {
                "file": _("The file is larger than %(size)s MB.")
                % {"size": f"{settings.ENLACE_MAX_DOCUMENT_BYTES / (1024 * 1024):.1f}"}
            }
        )
    # The name is not enough: an HTML page named .pdf is refused by its content.
    check_upload(upload, ALLOWED_DOCUMENT_KINDS, field="file")


def document_add(
    *, user: access.Who, meeting: Meeting, data: Mapping[str, Any], upload: "UploadedFile[bytes]"
) -> MeetingDocument:
    require(access.can_manage_meetings(access.actor_for(user)))
    _validate_upload(upload)
    document = MeetingDocument(meeting=meeting)
    try:
        return model_save(  # type: ignore[return-value]
            user=user,
            instance=document,
            data={**data, "file": upload},
            allowed=access.can_manage_meetings(access.actor_for(user)),
        )
    except Exception:
        # The file may already be in storage: a refused document leaves nothing behind.
        if document.file and document.file.name and document.pk is None:
            document.file.delete(save=False)
        raise


def document_remove(*, user: access.Who, document: MeetingDocument) -> None:
    model_delete(
        user=user, instance=document, allowed=access.can_manage_meetings(access.actor_for(user))
    )
    delete_file_on_commit(document.file.storage, document.file.name)
