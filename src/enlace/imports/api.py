"""The imports part of /api/v1/ (mounted by enlace.api.api): import a report file, or see what
would be recognised in it (``?dry_run=true``). The secretariat only."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from ninja.utils import check_csrf

from enlace import access
from enlace.core.api import ErrorOut, ValidationErrorOut
from enlace.imports.services import ImportRefused, import_file

router = Router(tags=["imports"])


class ImportOut(Schema):
    file: str
    sha256: str
    status: str  # preview | created | attached | exists
    meeting_id: int | None
    report_id: int | None
    messages: list[str]
    recognised: dict[str, Any]


@router.post(
    "/imports",
    response={200: ImportOut, 201: ImportOut, 403: ErrorOut, 422: ValidationErrorOut},
)
def import_report(
    request: HttpRequest,
    file: File[UploadedFile],
    dry_run: bool = False,
    publish: bool = False,
) -> Any:
    """Import one report file (plain text, .docx or PDF with text), all or nothing.

    ``dry_run=true`` answers 200 with what was recognised and saves nothing; otherwise 201 with
    the new meeting's and report's ids, or 200 with ``status: exists`` when the file or its
    meeting was already imported. A file that cannot be imported answers 422 with the reason.
    With the browser session the request needs the CSRF token; with a personal token it does not.
    """
    forbidden: HttpResponse | None = check_csrf(request)
    if forbidden is not None:
        return Status(403, {"detail": _("The CSRF token is missing or wrong.")})
    if not access.can_import_reports(access.actor_for(request.user)):
        return Status(403, {"detail": _("Only the secretariat imports reports.")})
    if file.size is not None and file.size > settings.ENLACE_MAX_DOCUMENT_BYTES:
        message = _("The file is larger than %(size)s MB.") % {
            "size": f"{settings.ENLACE_MAX_DOCUMENT_BYTES / (1024 * 1024):.1f}"
        }
        return Status(422, {"detail": message, "errors": [{"field": "file", "message": message}]})
    try:
        outcome = import_file(
            user=request.user,
            name=file.name or "file",
            content=file.read(),
            dry_run=dry_run,
            publish=publish,
        )
    except PermissionDenied:
        return Status(403, {"detail": _("Only the secretariat imports reports.")})
    except ImportRefused as error:
        return Status(
            422, {"detail": str(error), "errors": [{"field": "file", "message": str(error)}]}
        )
    return Status(201 if outcome.status in {"created", "attached"} else 200, outcome.as_dict())
