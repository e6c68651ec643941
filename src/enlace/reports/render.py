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

import datetime
import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

from enlace.reports.models import Report, ReportPoint, number_points

# The font of the document: Times New Roman where Word runs; on Debian, fontconfig gives its
# metric twin Liberation Serif (fonts-liberation), else DejaVu Serif.
FONT = "Times New Roman"
# Language tags for Word's proofing tools.
WORD_LANGUAGES = {"es": "es-ES", "en": "en-US", "fr": "fr-FR"}


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


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The document needs nothing from outside: refuse every fetch (file:, http:, …)."""
    raise ValueError(f"external resource refused: {url[:80]}")


def render_pdf(report: Report) -> bytes:
    """The report as a PDF (A4)."""
    import weasyprint  # type: ignore[import-untyped]  # slow to import: only here

    html = render_html(report)
    pdf = weasyprint.HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def render_docx(report: Report) -> bytes:
    """The report as a Word document (A4), with the same structure as the PDF."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    with translation.override(report.language):
        points = _points(report)
        draft_mark = _draft_mark(report)
        author = str(report.meeting.body.name)

    document = Document()
    _page_setup(document)
    _styles(document, WORD_LANGUAGES.get(report.language, report.language))

    section = document.sections[0]
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(footer)
    if draft_mark:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        header.add_run(draft_mark)

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

    properties = document.core_properties
    properties.title = report.title
    properties.language = WORD_LANGUAGES.get(report.language, report.language)
    properties.author = author
    properties.last_modified_by = author
    properties.comments = ""
    properties.revision = 1
    now = datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0)
    properties.created = now
    properties.modified = now

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page_setup(document: Any) -> None:
    from docx.shared import Cm

    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.left_margin = section.right_margin = Cm(2.5)
        section.header_distance = section.footer_distance = Cm(1.25)


def _styles(document: Any, language: str) -> None:
    """Serif, black, justified; the heading styles of the default template made sober."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    # Document defaults: the font (without the template's theme fonts) and the language.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = run_defaults.find(qn("w:rFonts"))
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    run_defaults.find(qn("w:lang")).set(qn("w:val"), language)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.space_after = Pt(10)
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


def _page_number_field(paragraph: Any) -> None:
    """A PAGE field: Word and LibreOffice print each page's number there."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
