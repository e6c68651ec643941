"""What the network's formal documents (a meeting's report, a work plan's annex) share: the PDF
made from self-contained HTML by WeasyPrint, which may fetch nothing, and the Word (.docx)
frame made with python-docx: A4, the serif font and the document's language as the defaults,
the page number in the footer, "Draft" in the header, sober bold lines for headings, and the
document's properties.

WeasyPrint and python-docx are slow to import, so they are imported when a document is made."""

import datetime
import io
from typing import Any

# The font of the documents: Times New Roman where Word runs; on Debian, fontconfig gives its
# metric twin Liberation Serif (fonts-liberation), else DejaVu Serif.
FONT = "Times New Roman"
# Language tags for Word's proofing tools.
WORD_LANGUAGES = {"es": "es-ES", "en": "en-US", "fr": "fr-FR"}


def word_language(language: str) -> str:
    """Word's tag for ``language`` (``es`` is ``es-ES``); an unknown one as it is."""
    return WORD_LANGUAGES.get(language, language)


def no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint's URL fetcher for a document that needs nothing from outside: it refuses every
    fetch (file:, http:, …)."""
    raise ValueError(f"external resource refused: {url[:80]}")


def html_to_pdf(html: str) -> bytes:
    """The PDF of ``html``, whose stylesheet is its own; nothing is fetched. A tagged PDF/UA-1
    document (its structure read by screen readers), titled by the page's ``<title>`` and in
    the language of its ``<html lang>``."""
    import weasyprint  # type: ignore[import-untyped]  # slow to import: only here

    pdf = weasyprint.HTML(string=html, url_fetcher=no_fetch).write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None
    return bytes(pdf)


def word_document(
    *,
    language: str,
    font_size: int,
    space_after: int,
    landscape: bool = False,
    margin_cm: float = 2.5,
    distance_cm: float = 1.25,
) -> Any:
    """A new Word document on A4 (``landscape`` or not) with ``margin_cm`` on every side and
    the header and footer ``distance_cm`` from the edge; its default text in ``FONT`` (not the
    template's theme fonts) and in ``language`` (a Word tag, see ``word_language``), the
    Normal style ``font_size`` points with ``space_after`` points after a paragraph."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    long_side, short_side = Cm(29.7), Cm(21)
    for section in document.sections:
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = long_side, short_side
        else:
            section.page_width, section.page_height = short_side, long_side
        section.top_margin = section.bottom_margin = Cm(margin_cm)
        section.left_margin = section.right_margin = Cm(margin_cm)
        section.header_distance = section.footer_distance = Cm(distance_cm)

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
    normal.font.size = Pt(font_size)
    normal.paragraph_format.space_after = Pt(space_after)
    return document


def page_number_field(paragraph: Any) -> None:
    """A PAGE field at the end of ``paragraph``: Word and LibreOffice print each page's number
    there."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    page = OxmlElement("w:fldSimple")
    page.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    page.append(run)
    paragraph._p.append(page)


def page_frame(document: Any, draft_mark: str = "") -> Any:
    """The page number centred in the footer of the first section and, when ``draft_mark`` is
    given ("DRAFT"), that word centred in its header. Returns the footer's paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = document.sections[0]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_number_field(footer)
    if draft_mark:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        header.add_run(draft_mark)
    return footer


def add_line(
    document: Any,
    text: str,
    *,
    bold: bool = False,
    size: int | None = None,
    centred: bool = False,
    before: int | None = None,
    after: int | None = None,
    keep_with_next: bool = False,
    style: str | None = None,
) -> Any:
    """A paragraph of one run of ``text``, as headings and title lines are written: ``bold``,
    ``size`` points, ``centred``, with ``before``/``after`` points of space, kept on the page of
    what follows (``keep_with_next``), in a paragraph ``style`` of Word's ("Title", "Heading 1",
    …: what a reader's navigation pane and a screen reader see as the outline), drawn in black
    like the rest of the text. Returns the paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    paragraph = document.add_paragraph(style=style)
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    if before is not None:
        paragraph.paragraph_format.space_before = Pt(before)
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if size is not None:
        run.font.size = Pt(size)
    if style is not None:
        run.font.color.rgb = RGBColor(0, 0, 0)
        run.font.name = FONT
    return paragraph


def word_bytes(document: Any, *, title: str, language: str, author: str) -> bytes:
    """The saved file, its properties set: ``title``, ``language`` (a Word tag), ``author`` as
    its author and last editor, revision 1, made and modified now (to the second)."""
    properties = document.core_properties
    properties.title = title
    properties.language = language
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
