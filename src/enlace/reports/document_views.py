"""The formal document of a report, as PDF and as Word, for whoever may read the report."""

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from enlace.meetings import selectors
from enlace.reports import render

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    # Drafts are not public, and a report changes until adopted: no shared or stale copies.
    patch_cache_control(response, private=True, no_cache=True)
    return response


@require_safe
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_detail(request.user, pk)
    return _attachment(
        render.render_pdf(report), "application/pdf", render.document_filename(report, "pdf")
    )


@require_safe
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_detail(request.user, pk)
    return _attachment(
        render.render_docx(report), DOCX_TYPE, render.document_filename(report, "docx")
    )
