"""Writes to meetings, their delegations, agendas, documents and reports."""

from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from enlace import access
from enlace.audit.services import audit_record, snapshot
from enlace.core.services import model_delete, model_save, require
from enlace.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingDocument,
    Participation,
    Report,
    ReportPoint,
    Representative,
)
from enlace.network.models import Country, Organisation, Person

ALLOWED_DOCUMENT_SUFFIXES = {".pdf", ".docx", ".doc", ".odt", ".txt", ".xlsx", ".pptx", ".rtf"}


def _meeting_extras(meeting: Meeting) -> dict[str, Any]:
    return {
        "delegations": sorted(str(p) for p in meeting.participations.all()),
        "agenda": [item.title for item in meeting.agenda_items.all()],
    }


@transaction.atomic
def meeting_save(
    *,
    user: Any,
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
        rule=access.can_manage_meetings,
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
    user: Any,
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


def representative_remove(*, user: Any, representative: Representative) -> None:
    model_delete(user=user, instance=representative, rule=access.can_manage_meetings)


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


def document_add(
    *, user: Any, meeting: Meeting, data: Mapping[str, Any], upload: "UploadedFile[bytes]"
) -> MeetingDocument:
    require(access.can_manage_meetings(access.actor_for(user)))
    _validate_upload(upload)
    document = MeetingDocument(meeting=meeting)
    try:
        return model_save(  # type: ignore[return-value]
            user=user,
            instance=document,
            data={**data, "file": upload},
            rule=access.can_manage_meetings,
        )
    except Exception:
        # The file may already be in storage: a refused document leaves nothing behind.
        if document.file and document.file.name and document.pk is None:
            document.file.delete(save=False)
        raise


def document_remove(*, user: Any, document: MeetingDocument) -> None:
    model_delete(user=user, instance=document, rule=access.can_manage_meetings)
    transaction.on_commit(lambda: document.file.delete(save=False))


PUBLICATION_FIELDS = {"status", "adopted_on", "presented_on", "is_published"}


def _points_of(report: Report | None) -> list[list[Any]] | None:
    if report is None or report.pk is None:
        return None
    return [[p.level, p.text] for p in report.points.order_by("position")]


@transaction.atomic
def report_save(
    *,
    user: Any,
    data: Mapping[str, Any],
    points: Sequence[tuple[int, str]],
    report: Report | None = None,
    expected_state: str | None = None,
) -> Report:
    """Write a report and its points (in order; level 1 is a sub-point), all or nothing.

    The secretariat may change everything; the PPT's officers edit drafts and cannot adopt,
    present or publish (those are the secretariat's acts in this first version).
    """
    actor = access.actor_for(user)
    if report is None:
        require(access.can_create_report(actor))
        instance = saved_state = Report()
    else:
        # Judge the report as it is saved: a ModelForm has already applied the new values to it.
        saved_state = Report.objects.get(pk=report.pk)
        require(access.can_edit_report(actor, saved_state))
        instance = report
    if not access.can_publish_report(actor):
        for name in PUBLICATION_FIELDS & set(data):
            if data[name] != getattr(saved_state, name):
                raise ValidationError({name: _("Only the secretariat can change this.")})
    cleaned = [(level, text.strip()) for level, text in points if text.strip()]
    if not cleaned:
        raise ValidationError(_("A report needs at least one point."))
    if cleaned[0][0] != 0:
        raise ValidationError(_("The first point cannot be a sub-point."))
    before_points = _points_of(report)
    saved: Report = model_save(  # type: ignore[assignment]
        user=user,
        instance=instance,
        data=data,
        rule=lambda a: access.can_edit_report(a, instance) or access.can_create_report(a),
        expected_state=expected_state,
    )
    after_points = [[level, text] for level, text in cleaned]
    if after_points != before_points:
        saved.points.all().delete()
        ReportPoint.objects.bulk_create(
            ReportPoint(report=saved, position=i, level=level, text=text)
            for i, (level, text) in enumerate(cleaned, 1)
        )
        audit_record(
            actor=user,
            action="report.points",
            instance=saved,
            before={"points": before_points},
            after={"points": after_points},
        )
    return saved
