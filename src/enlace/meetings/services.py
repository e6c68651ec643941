"""Writes to meetings, their delegations, agendas, documents and reports."""

from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any, NamedTuple

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, ProtectedError
from django.utils.translation import gettext as _

from enlace import access
from enlace.audit.services import audit_record, snapshot
from enlace.core.services import model_delete, model_save, require
from enlace.core.uploads import check_upload
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
            allowed=access.can_manage_meetings(access.actor_for(user)),
        )
    except Exception:
        # The file may already be in storage: a refused document leaves nothing behind.
        if document.file and document.file.name and document.pk is None:
            document.file.delete(save=False)
        raise


def document_remove(*, user: Any, document: MeetingDocument) -> None:
    model_delete(
        user=user, instance=document, allowed=access.can_manage_meetings(access.actor_for(user))
    )
    transaction.on_commit(lambda: document.file.delete(save=False))


PUBLICATION_FIELDS = {"status", "adopted_on", "presented_on", "is_published"}


class PointRow(NamedTuple):
    """One point as an editor sends it: level 0 is a point, 1 a sub-point; ``id`` is the
    point it updates (None for a new point). A plain ``(level, text)`` pair is a new point."""

    level: int
    text: str
    id: int | None = None


def _clean_rows(points: Sequence[Sequence[Any]]) -> list[PointRow]:
    rows = [PointRow(*row) for row in points]
    cleaned = [row._replace(text=row.text.strip()) for row in rows if row.text.strip()]
    if not cleaned:
        raise ValidationError(_("A report needs at least one point."))
    if cleaned[0].level != 0:
        raise ValidationError(_("The first point cannot be a sub-point."))
    ids = [row.id for row in cleaned if row.id is not None]
    if len(ids) != len(set(ids)):
        raise ValidationError(_("A point appears twice in the list."))
    return cleaned


def _refuse_removing_points_with_commitments(removed: list[ReportPoint]) -> None:
    """Commitments (enlace.commitments, reverse name "commitments") protect their point."""
    try:
        ReportPoint._meta.get_field("commitments")
    except FieldDoesNotExist:
        return
    carrying = ReportPoint.objects.filter(
        pk__in=[p.pk for p in removed], commitments__isnull=False
    ).distinct()
    if carrying:
        _refuse_removal(list(carrying))


def _refuse_removal(points: list[ReportPoint]) -> None:
    raise ValidationError(
        _(
            "These points carry commitments and cannot be removed: %(points)s. Change their "
            "text instead, or move the commitments to another point first."
        )
        % {"points": "; ".join(f"«{p.text[:60]}»" for p in points)},
        code="protected",
    )


def apply_points(*, user: Any, report: Report, points: Sequence[Sequence[Any]]) -> bool:
    """Make the report's points be ``points``, keeping each listed point's identity: points
    with an id are updated in place (and moved), new rows created, unlisted points removed.

    Every new text or level of a point is kept as a version (enlace.reports.PointVersion).
    A point that carries commitments is not removed: the whole change is refused. Returns
    whether anything changed. The caller holds the transaction and checks the permission.
    """
    from enlace.reports.models import PointVersion

    rows = _clean_rows(points)
    existing = {p.pk: p for p in report.points.all()}
    unknown = [row.id for row in rows if row.id is not None and row.id not in existing]
    if unknown:
        raise ValidationError(
            _("A point of this list is not a point of this report (it may have been removed).")
        )
    before = [[p.level, p.text] for p in sorted(existing.values(), key=lambda p: p.position)]
    before_order = [p.pk for p in sorted(existing.values(), key=lambda p: p.position)]
    kept = {row.id for row in rows if row.id is not None}
    removed = [p for pk, p in existing.items() if pk not in kept]
    _refuse_removing_points_with_commitments(removed)
    after = [[row.level, row.text] for row in rows]
    if after == before and [row.id for row in rows] == before_order:
        return False

    versions_of = dict.fromkeys(existing, 0)
    for point_id, number in (
        PointVersion.objects.filter(point__report=report)
        .values_list("point_id", "number")
        .order_by("number")
    ):
        versions_of[point_id] = number
    if removed:
        try:
            with transaction.atomic():
                ReportPoint.objects.filter(pk__in=[p.pk for p in removed]).delete()
        except ProtectedError as exc:
            _refuse_removal([p for p in exc.protected_objects if isinstance(p, ReportPoint)])
    # Park the kept points out of the way of the unique (report, position) constraint.
    if kept:
        ReportPoint.objects.filter(pk__in=kept).update(position=F("position") + 1_000_000)
    new_versions: list[PointVersion] = []
    to_update: list[ReportPoint] = []
    for position, row in enumerate(rows, 1):
        if row.id is None:
            point = ReportPoint.objects.create(
                report=report, position=position, level=row.level, text=row.text
            )
            new_versions.append(
                PointVersion(point=point, number=1, text=row.text, level=row.level, author=user)
            )
            continue
        point = existing[row.id]
        changed = (point.level, point.text) != (row.level, row.text)
        if changed:
            number = versions_of[point.pk]
            if number == 0:  # written before versions were kept: its first text is version 1
                new_versions.append(
                    PointVersion(point=point, number=1, text=point.text, level=point.level)
                )
                number = 1
            new_versions.append(
                PointVersion(
                    point=point, number=number + 1, text=row.text, level=row.level, author=user
                )
            )
        point.position, point.level, point.text = position, row.level, row.text
        to_update.append(point)
    ReportPoint.objects.bulk_update(to_update, ["position", "level", "text"])
    PointVersion.objects.bulk_create(new_versions)
    if after != before:
        audit_record(
            actor=user,
            action="report.points",
            instance=report,
            before={"points": before if existing else None},
            after={"points": after},
        )
    return True


@transaction.atomic
def report_save(
    *,
    user: Any,
    data: Mapping[str, Any],
    points: Sequence[Sequence[Any]],
    report: Report | None = None,
    expected_state: str | None = None,
) -> Report:
    """Write a draft report and its points (in order; level 1 is a sub-point), all or nothing.

    ``points`` are ``PointRow``s (or ``(level, text)`` pairs for new points): a listed point
    keeps its identity, so its comments, versions and commitments stay with it. The
    secretariat and the PPT's officers edit drafts; an adopted or presented report is frozen
    (a correction is ``enlace.reports.services.report_revise``). Adopting, presenting and
    publishing are the secretariat's own acts (``report_adopt``, ``report_present``,
    ``report_publish``); only a new report may be created with them already set (an archived
    report entered by the secretariat).
    """
    actor = access.actor_for(user)
    if report is None:
        require(access.can_create_report(actor))
        instance = saved_state = Report()
    else:
        # Judge the report as it is saved: a ModelForm has already applied the new values to it.
        saved_state = Report.objects.get(pk=report.pk)
        if saved_state.status != Report.Status.DRAFT and access.can_revise_report(
            actor, saved_state
        ):
            raise ValidationError(
                _(
                    "This report is adopted and frozen: a correction is made as a new "
                    "revision, with its reason."
                ),
                code="frozen",
            )
        require(access.can_edit_report(actor, saved_state))
        instance = report
    refused: dict[str, str] = {}
    for name in sorted(PUBLICATION_FIELDS & set(data)):
        if data[name] != getattr(saved_state, name):
            if not access.can_publish_report(actor):
                refused[name] = _("Only the secretariat can change this.")
            elif report is not None:
                refused[name] = _("Adopt, present or publish the report with its own buttons.")
    if refused:
        raise ValidationError(refused)
    rows = _clean_rows(points)
    saved: Report = model_save(  # type: ignore[assignment]
        user=user,
        instance=instance,
        data=data,
        allowed=access.can_edit_report(access.actor_for(user), saved_state)
        or access.can_create_report(access.actor_for(user)),
        expected_state=expected_state,
    )
    apply_points(user=user, report=saved, points=rows)
    # Agreements in the text are proposed as commitments for the secretariat to confirm.
    from enlace.commitments.services import commitments_propose_for_report

    commitments_propose_for_report(None, saved)
    return saved
