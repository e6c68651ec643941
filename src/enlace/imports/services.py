"""Importing report files of the archive: read, recognise, and save each file all or nothing.

The ``enlace import-report`` command acts as ``access.SYSTEM`` (the server's operator; the audit
log names it "system"); every other caller passes the request's user. The right to import is
checked here for both, and ``None`` (nobody) may import nothing.
"""

import dataclasses
import datetime
import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from enlace import access
from enlace.audit.services import audit_record, snapshot
from enlace.commitments.services import commitments_propose_for_report
from enlace.core.services import require
from enlace.imports.extract import UnreadableFile, extract_text
from enlace.imports.models import ImportedFile
from enlace.imports.parser import (
    BodyName,
    CountryName,
    NotAReport,
    OrganisationName,
    ParsedReport,
    fold,
    parse_report,
)
from enlace.meetings.models import Meeting, Participation, Visibility
from enlace.network.models import Body, Country, Organisation
from enlace.reports.models import Report
from enlace.reports.services import apply_points

logger = logging.getLogger(__name__)


class ImportRefused(ValueError):
    """A file that cannot be imported; the message says why."""


@dataclass
class ImportOutcome:
    """What happened to one file.

    status: "preview" (a dry run: nothing saved), "created" (a new meeting and its report),
    "attached" (a report in another language added to an existing meeting) or "exists"
    (already imported: nothing saved).
    """

    source_name: str
    sha256: str
    status: str
    parsed: ParsedReport
    meeting_id: int | None = None
    report_id: int | None = None
    messages: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.source_name,
            "sha256": self.sha256,
            "status": self.status,
            "meeting_id": self.meeting_id,
            "report_id": self.report_id,
            "messages": self.messages,
            "recognised": self.parsed.as_dict(),
        }


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def network_names() -> tuple[list[BodyName], list[CountryName], list[OrganisationName]]:
    """The bodies, countries and organisations the parser recognises, with their names in
    every language."""
    bodies = [
        BodyName(
            b.slug, tuple(n for n in (b.name_es, b.name_en, b.name_fr) if n), b.acronym, b.kind
        )
        for b in Body.objects.all()
    ]
    countries = [
        CountryName(c.code, tuple(n for n in (c.name_es, c.name_en, c.name_fr) if n))
        for c in Country.objects.all()
    ]
    organisations = [
        OrganisationName(o.acronym, tuple(n for n in (o.name_es, o.name_en, o.name_fr) if n))
        for o in Organisation.objects.exclude(acronym="")
    ]
    return bodies, countries, organisations


# What the secretariat may correct in the preview, and the confidence each correction settles.
CORRECTABLE = {
    "kind": "kind",
    "body": "body",
    "language": "language",
    "start_date": "dates",
    "end_date": "dates",
    "city": "place",
    "country": "place",
    "title": "title",
}
CORRECTED = "corrected"


def apply_corrections(parsed: ParsedReport, corrections: Mapping[str, Any]) -> ParsedReport:
    """The recognised report with the secretariat's corrections (JSON values: dates as ISO
    text); each corrected field is marked "corrected". Unknown names are ignored."""
    fixed = dataclasses.replace(parsed, confidence=dict(parsed.confidence))
    for name, value in corrections.items():
        if name not in CORRECTABLE:
            continue
        if name in ("start_date", "end_date"):
            value = datetime.date.fromisoformat(value) if value else None
        if getattr(fixed, name) != value:
            setattr(fixed, name, value)
            fixed.confidence[CORRECTABLE[name]] = CORRECTED
    return fixed


def read_report(name: str, content: bytes) -> ParsedReport:
    """Extract and recognise a file. Raises ``ImportRefused`` with the reason."""
    try:
        text = extract_text(name, content)
        bodies, countries, organisations = network_names()
        return parse_report(text, bodies=bodies, countries=countries, organisations=organisations)
    except (UnreadableFile, NotAReport) as error:
        raise ImportRefused(str(error)) from error


def meeting_title(body: Body, language: str) -> str:
    """ "Reunión de la Red de …" / "Meeting of the Network of …": the meeting of a body."""
    if language == "en":
        name = body.name_en or body.name_es
        return name if fold(name).endswith("meeting") else f"Meeting of the {name}"
    name = body.name_es or body.name_en
    first = fold(name).split(" ")[0] if name else ""
    if first == "reunion":
        return name
    article = "de la" if first == "red" or first.endswith(("a", "on", "ad")) else "del"
    return f"Reunión {article} {name}"


def _find_meeting(body: Body, parsed: ParsedReport) -> Meeting | None:
    assert parsed.start_date is not None
    return (
        Meeting.objects.filter(body=body, start_date=parsed.start_date, city__iexact=parsed.city)
        .order_by("pk")
        .first()
    )


def _create(instance: Any, user: access.Who) -> Any:
    instance.full_clean()
    instance.save()
    audit_record(
        actor=user,
        action=f"{instance._meta.model_name}.create",
        instance=instance,
        after=snapshot(instance),
    )
    return instance


def import_report(
    *,
    user: access.Who,
    parsed: ParsedReport,
    source_name: str,
    sha256: str,
    dry_run: bool = False,
    publish: bool = False,
) -> ImportOutcome:
    """Save a recognised report: its meeting (unless it exists), delegations, report and points,
    all in one transaction, with the record of the file.

    The same file (by SHA-256), or a report of a meeting that exists (same body, first day and
    city) in the same language, saves nothing and answers "exists"; in another language the
    report is added to the existing meeting. Imported reports are adopted; they are published
    only if ``publish``.
    """
    require(access.can_import_reports(access.actor_for(user)))
    outcome = ImportOutcome(source_name=source_name, sha256=sha256, status="preview", parsed=parsed)
    if parsed.body is None:
        raise ImportRefused(_("The body that met was not recognised: the report names no body."))
    if parsed.start_date is None or parsed.end_date is None:
        raise ImportRefused(_("The date of the meeting was not found."))
    body = Body.objects.filter(slug=parsed.body).first()
    if body is None:
        raise ImportRefused(_("The body that met was not recognised."))
    previous = ImportedFile.objects.filter(sha256=sha256).first()
    if previous is not None:
        outcome.status = "exists"
        outcome.meeting_id, outcome.report_id = previous.meeting_id, previous.report_id
        outcome.messages.append(
            _("This file was already imported on %(date)s.")
            % {"date": previous.imported_at.date().isoformat()}
        )
        return outcome
    meeting = _find_meeting(body, parsed)
    if meeting is not None:
        existing = meeting.reports.filter(language=parsed.language).first()
        outcome.meeting_id = meeting.pk
        if existing is not None:
            outcome.status = "exists"
            outcome.report_id = existing.pk
            outcome.messages.append(
                _("This meeting and its report in this language are already on the platform.")
            )
            return outcome
        outcome.messages.append(
            _("The meeting is already on the platform: this report is added to it.")
        )
    if dry_run:
        outcome.status = "preview"
        return outcome
    with transaction.atomic():
        created = meeting is None
        if meeting is None:
            host = Country.objects.filter(code=parsed.country).first() if parsed.country else None
            meeting = _create(
                Meeting(
                    body=body,
                    title=meeting_title(body, parsed.language)[:300],
                    start_date=parsed.start_date,
                    end_date=parsed.end_date,
                    city=parsed.city[:100],
                    country=host,
                    format=Meeting.Format.IN_PERSON,
                    visibility=Visibility.PUBLIC,
                ),
                user,
            )
            countries = {c.code: c for c in Country.objects.filter(code__in=parsed.participants)}
            organisations = {
                o.acronym: o for o in Organisation.objects.filter(acronym__in=parsed.organisations)
            }
            Participation.objects.bulk_create(
                [
                    *(
                        Participation(meeting=meeting, country=countries[code])
                        for code in parsed.participants
                        if code in countries
                    ),
                    *(
                        Participation(meeting=meeting, organisation=organisations[acronym])
                        for acronym in parsed.organisations
                        if acronym in organisations
                    ),
                ]
            )
            audit_record(
                actor=user,
                action="meeting.delegations_agenda",
                instance=meeting,
                after={
                    "delegations": sorted(str(c) for c in countries.values()),
                    "organisations": sorted(organisations),
                },
            )
        report = _create(
            Report(
                meeting=meeting,
                language=parsed.language,
                kind=parsed.kind,
                title=parsed.title[:400] or meeting.title,
                place_line=parsed.place_line[:200],
                date_line=parsed.date_line[:200],
                opening=parsed.opening,
                status=Report.Status.ADOPTED,
                adopted_on=parsed.end_date,
                is_published=publish,
            ),
            user,
        )
        # Through the one writer of points: each imported point has its first version, as a
        # drafted one has, and the "report.points" audit event.
        apply_points(user=user, report=report, points=_points(parsed))
        _create(
            ImportedFile(
                sha256=sha256,
                source_name=source_name[:255],
                meeting=meeting,
                report=report,
                imported_by=access.account_of(user),
                warnings=list(parsed.warnings),
            ),
            user,
        )
        # Agreements in the imported text are proposed as commitments for the secretariat.
        commitments_propose_for_report(access.SYSTEM, report)
    outcome.status = "created" if created else "attached"
    outcome.meeting_id, outcome.report_id = meeting.pk, report.pk
    return outcome


def _points(parsed: ParsedReport) -> list[tuple[int, str]]:
    points = [(p.level, p.text.strip()) for p in parsed.points if p.text.strip()]
    if not points:
        raise ImportRefused(_("No points were found."))
    if points[0][0] != 0:
        points[0] = (0, points[0][1])
    return points


def import_file(
    *,
    user: access.Who,
    name: str,
    content: bytes,
    dry_run: bool = False,
    publish: bool = False,
    corrections: Mapping[str, Any] | None = None,
) -> ImportOutcome:
    """Read, recognise and (unless a dry run) save one file, all or nothing, with the
    secretariat's ``corrections`` of what was recognised (``apply_corrections``).

    Raises ``ImportRefused`` with the reason when the file cannot be imported.
    """
    require(access.can_import_reports(access.actor_for(user)))
    if len(content) > settings.ENLACE_MAX_DOCUMENT_BYTES:
        raise ImportRefused(
            _("The file is larger than %(size)s MB.")
            % {"size": f"{settings.ENLACE_MAX_DOCUMENT_BYTES / (1024 * 1024):.1f}"}
        )
    parsed = read_report(name, content)
    if corrections:
        parsed = apply_corrections(parsed, corrections)
    try:
        return import_report(
            user=user,
            parsed=parsed,
            source_name=name,
            sha256=sha256_of(content),
            dry_run=dry_run,
            publish=publish,
        )
    except ValidationError as error:
        raise ImportRefused("; ".join(error.messages)) from error


@dataclass
class Refusal:
    source_name: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.source_name, "status": "refused", "reason": self.reason}


@dataclass
class BatchResult:
    items: list[ImportOutcome | Refusal] = field(default_factory=list)  # in the files' order

    @property
    def outcomes(self) -> list[ImportOutcome]:
        return [item for item in self.items if isinstance(item, ImportOutcome)]

    @property
    def failures(self) -> list[Refusal]:
        return [item for item in self.items if isinstance(item, Refusal)]


def import_batch(
    *,
    user: access.Who,
    files: Sequence[tuple[str, bytes]],
    dry_run: bool = False,
    publish: bool = False,
    corrections: Mapping[int, Mapping[str, Any]] | None = None,
) -> BatchResult:
    """Import files one by one: each all or nothing; a refused file (or one whose import
    fails unexpectedly) is reported with its reason and the batch goes on. ``corrections``
    holds the secretariat's corrections by the file's position in ``files``."""
    require(access.can_import_reports(access.actor_for(user)))
    result = BatchResult()
    for index, (name, content) in enumerate(files):
        try:
            result.items.append(
                import_file(
                    user=user,
                    name=name,
                    content=content,
                    dry_run=dry_run,
                    publish=publish,
                    corrections=(corrections or {}).get(index),
                )
            )
        except ImportRefused as error:
            result.items.append(Refusal(name, str(error)))
        except PermissionDenied:
            raise
        except Exception as error:  # one broken file must not stop the batch
            logger.exception("Import of %s failed", name)
            result.items.append(
                Refusal(
                    name,
                    _("The import failed and nothing was saved (%(error)s).") % {"error": error},
                )
            )
    return result
