"""The formal document of a report, as PDF and as Word, for whoever may read the report."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from enlace.core.downloads import DOCX_TYPE, PDF_TYPE, attachment
from enlace.reports import render, selectors


@require_safe
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_detail(request.user, pk)
    return attachment(
        render.render_pdf(report),
        content_type=PDF_TYPE,
        filename=render.document_filename(report, "pdf"),
    )


@require_safe
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_detail(request.user, pk)
    return attachment(
        render.render_docx(report),
        content_type=DOCX_TYPE,
        filename=render.document_filename(report, "docx"),
    )
