"""The text of a report file: plain text, Word (.docx) or PDF with text.

Every failure is an ``UnreadableFile`` whose message tells the user why.
"""

import io
import string
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from enlace.core.uploads import BROKEN_FILE_ERRORS, check_office_zip

SUFFIXES = (".txt", ".docx", ".pdf")


class UnreadableFile(ValueError):
    """The file cannot be read as a report; the message says why."""


def decode_text(content: bytes) -> str:
    """UTF-8 (with or without a byte order mark), else Windows-1252, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


# --- Word ---------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _roman(number: int) -> str:
    values = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
    values += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out


def _format_number(number: int, fmt: str) -> str:
    letters = string.ascii_lowercase
    if fmt == "lowerLetter":
        return letters[(number - 1) % 26] * ((number - 1) // 26 + 1)
    if fmt == "upperLetter":
        return _format_number(number, "lowerLetter").upper()
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    return str(number)


class _Numbering:
    """The numbering definitions of a document: format and label pattern of each list level."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.abstract_of: dict[str, str] = {}
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        # Read the numbering part only where the document has one: python-docx's
        # ``numbering_part`` would try to create a missing one, which it cannot do.
        part = next(
            (rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.NUMBERING),
            None,
        )
        if part is None:
            return
        root = part.element
        abstract_levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for abstract in root.iter(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in abstract.iter(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                )
            abstract_levels[abstract.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            abstract_id = ref.get(f"{_W}val", "")
            num_id = num.get(f"{_W}numId", "")
            self.abstract_of[num_id] = abstract_id
            for level, definition in abstract_levels.get(abstract_id, {}).items():
                self.levels[(num_id, level)] = definition

    def level(self, num_id: str, ilvl: int) -> tuple[str, str, int]:
        default = ("decimal", "%1.", 1) if ilvl == 0 else ("lowerLetter", f"%{ilvl + 1})", 1)
        return self.levels.get((num_id, ilvl), default)


def _style_of(
    paragraph: Any, styles: dict[str | None, tuple[str, list[Any]]]
) -> tuple[str, list[Any]]:
    """The name of a paragraph's style and the properties of that style and the styles it is
    based on, looked up once for each style: python-docx searches the document's styles at
    every lookup, which took most of the time of reading a long list."""
    style_id = paragraph._p.style
    if style_id not in styles:
        style = paragraph.style
        name = style.name if style is not None else ""
        chain: list[Any] = []
        while style is not None:
            chain.append(style.element.pPr)
            style = style.base_style
        styles[style_id] = (name or "", chain)
    return styles[style_id]


def _num_pr(paragraph: Any, style_properties: list[Any]) -> tuple[str, int] | None:
    """(numId, level) of a list paragraph: its own numbering or its style's (List Number)."""
    holders = [paragraph._p.pPr, *style_properties]
    num_id: str | None = None
    ilvl: int | None = None
    for properties in holders:
        if properties is None:
            continue
        num_pr = properties.find(f"{_W}numPr")
        if num_pr is None:
            continue
        id_el = num_pr.find(f"{_W}numId")
        lvl_el = num_pr.find(f"{_W}ilvl")
        if num_id is None and id_el is not None:
            num_id = id_el.get(f"{_W}val")
        if ilvl is None and lvl_el is not None:
            ilvl = int(lvl_el.get(f"{_W}val", "0"))
    if num_id is None or num_id == "0":
        return None
    return num_id, ilvl or 0


def docx_text(content: bytes) -> str:
    """The paragraphs of a Word document, list paragraphs with their numbers written out
    (python-docx gives the text without the numbers Word shows). Tables are left out: in the
    reports they hold signatures or annexes, never points."""
    import docx

    try:
        check_office_zip(content)  # a zip bomb is refused before python-docx unzips anything
    except ValidationError as error:
        raise UnreadableFile(" ".join(error.messages)) from error
    try:
        document = docx.Document(io.BytesIO(content))
    except BROKEN_FILE_ERRORS as error:
        raise UnreadableFile(_("This is not a readable Word (.docx) file.")) from error
    numbering = _Numbering(document)
    counters: dict[str, list[int]] = {}
    sub_counter = [0] * 9
    lines: list[str] = []
    styles: dict[str | None, tuple[str, list[Any]]] = {}
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        style_name, style_properties = _style_of(paragraph, styles)
        list_item = _num_pr(paragraph, style_properties)
        if list_item is None or not text:
            lines.append(text)
            continue
        num_id, ilvl = list_item
        if ilvl == 0 and style_name.startswith("List") and style_name[-1:] in "23456789":
            ilvl = 1  # "List Number 2", "List Bullet 2": the second level by style
        fmt, pattern, start = numbering.level(num_id, ilvl)
        key = numbering.abstract_of.get(num_id, num_id)
        counter = counters.setdefault(key, [0] * 9)
        ilvl = min(ilvl, 8)
        counter[ilvl] = counter[ilvl] + 1 if counter[ilvl] else start
        if ilvl == 0:
            sub_counter[:] = [0] * 9  # sub-points a), b), … start again under each point
        else:
            sub_counter[ilvl] += 1
        if fmt == "bullet":
            label = "•"
        elif ilvl > 0:
            # The platform has points and sub-points: any deeper numbered level is a), b), …
            label = _format_number(sub_counter[ilvl], "lowerLetter") + ")"
        else:
            label = pattern.replace("%1", _format_number(counter[0], fmt)) or f"{counter[0]}."
            if not label.rstrip().endswith((".", ")")):
                label = label.rstrip() + "."
        lines.append(f"{label} {text}")
    return "\n".join(lines)


# --- PDF ----------------------------------------------------------------------------------------


def _page_text(page: Any) -> str:
    """The page's text laid out as printed (list numbers stay beside their items)."""
    try:
        return str(page.extract_text(extraction_mode="layout") or "")
    except (ValueError, KeyError, TypeError, IndexError, ZeroDivisionError):
        return str(page.extract_text() or "")


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise UnreadableFile(_("The PDF is protected with a password."))
        pages = [_page_text(page) for page in reader.pages]
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise UnreadableFile(_("This is not a readable PDF file.")) from error
    text = "\n".join(pages)
    if not text.strip():
        raise UnreadableFile(
            _(
                "This PDF has no text: it looks like a scanned document. Import a PDF with "
                "text, or the report as a Word or text file."
            )
        )
    return text


def extract_text(name: str, content: bytes) -> str:
    """The text of a report file, chosen by the file's suffix and contents."""
    if not content.strip():
        raise UnreadableFile(_("The file is empty."))
    suffix = PurePath(name).suffix.lower()
    if suffix == ".pdf" or content.startswith(b"%PDF"):
        return pdf_text(content)
    if suffix == ".docx":
        return docx_text(content)
    if suffix in {".txt", ".text", ""}:
        if b"\x00" in content[:4096]:
            raise UnreadableFile(_("This file is not text."))
        return decode_text(content)
    raise UnreadableFile(
        _("This kind of file cannot be imported. Use one of: %(kinds)s.")
        % {"kinds": ", ".join(SUFFIXES)}
    )
