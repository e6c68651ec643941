"""A report as the network's formal document: PDF (WeasyPrint) and Word (.docx, python-docx).

Both follow the same layout: the heading centred and bold, the place and date lines centred,
the opening paragraph and the points justified, each point a paragraph of its own with its
label (1., 2., … and a), b), … from ``number_points``) in a hanging indent, the page number in
the footer, and "Draft" in the header while the report is a draft. The document is in the
report's language, whatever the language of the page that asked for it.

The labels are written as text, not as Word's automatic numbering: they are exactly those of
the platform's page, and any program that reads the file (including this project's importer)
keeps them.
"""

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

from enlace.core.documents import (
    FONT,
    html_to_pdf,
    page_frame,
    word_bytes,
    word_document,
    word_language,
)
from enlace.reports.models import Report, ReportPoint, number_points


def document_filename(report: Report, extension: str) -> str:
    """E.g. ``2008-05-06_tela_es.pdf``: the meeting's date, its place and the language."""
    meeting = report.meeting
    place = slugify(meeting.city) or (meeting.country.code.lower() if meeting.country else "")
    return f"{meeting.start_date:%Y-%m-%d}_{place or 'report'}_{report.language}.{extension}"


def _points(report: Report) -> list[tuple[str, ReportPoint]]:
    return number_points(list(report.points.all()))


def _draft_mark(report: Report) -> str:
    """The word shown in the header of a draft, in the report's language (empty otherwise)."""
    if report.status != Report.Status.DRAFT:
        return ""
    return str(report.get_status_display()).upper()


def render_html(report: Report) -> str:
    """The HTML the PDF is made from (its own print stylesheet, no outside resources)."""
    with translation.override(report.language):
        return render_to_string(
            "reports/document.html",
            {"report": report, "points": _points(report), "draft_mark": _draft_mark(report)},
        )


def render_pdf(report: Report) -> bytes:
    """The report as a PDF (A4)."""
    return html_to_pdf(render_html(report))


def render_docx(report: Report) -> bytes:
    """The report as a Word document (A4), with the same structure as the PDF."""
    with translation.override(report.language):
        points = _points(report)
        draft_mark = _draft_mark(report)
        author = str(report.meeting.body.name)

    language = word_language(report.language)
    document = word_document(language=language, font_size=12, space_after=10)
    _styles(document)
    page_frame(document, draft_mark).style = document.styles["Footer"]

    document.add_paragraph(report.title, style="Title")
    if report.place_line:
        document.add_paragraph(report.place_line, style="Report Place")
    if report.date_line:
        document.add_paragraph(report.date_line, style="Report Date")
    document.add_paragraph(report.opening, style="Normal")
    for label, point in points:
        style = "Report Sub-point" if label.endswith(")") else "Report Point"
        paragraph = document.add_paragraph(style=style)
        paragraph.add_run(label + "\t")
        paragraph.add_run(point.text)

    return word_bytes(document, title=report.title, language=language, author=author)


def _styles(document: Any) -> None:
    """Justified, black; the heading styles of the default template made sober."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    normal = document.styles["Normal"]
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.line_spacing = 1.15

    title = document.styles["Title"]
    element = title.element
    for child in (element.pPr, element.rPr):
        if child is not None:
            element.remove(child)
    title.font.name = FONT
    title.font.size = Pt(12)
    title.font.bold = True
    title.font.color.rgb = RGBColor(0, 0, 0)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(18)
    title.paragraph_format.keep_with_next = True

    for name, space_after in (("Report Place", 0), ("Report Date", 18)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        style.paragraph_format.space_after = Pt(space_after)
        style.paragraph_format.keep_with_next = True

    # Points: the label in a hanging indent, a tab stop where the text starts.
    for name, indent in (("Report Point", Cm(1)), ("Report Sub-point", Cm(2))):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        style.paragraph_format.left_indent = indent
        style.paragraph_format.first_line_indent = -Cm(1)
        style.paragraph_format.tab_stops.add_tab_stop(indent)

    footer = document.styles["Footer"]
    footer.font.size = Pt(10)
