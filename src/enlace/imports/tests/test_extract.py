"""Reading report files: text in any common encoding, Word with real numbered lists, PDF."""

import io
import logging
import zipfile

import docx
import pytest
import weasyprint
from django.utils import translation
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from enlace.imports.extract import UnreadableFile, extract_text

logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


TITLE = (
    "INFORME DE LA REUNIÓN DE LA RED DE FUNCIONARIOS DE ENLACE PARA EL COMBATE A LA TRATA DE "
    "PERSONAS Y AL TRÁFICO ILÍCITO DE MIGRANTES"
)


def _sub_level(paragraph: docx.text.paragraph.Paragraph, num_id: str) -> None:
    """Make a list paragraph the second level (Tab in Word) of list ``num_id``."""
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "1")
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), num_id)
    num_pr.append(ilvl)
    num_pr.append(num)
    p_pr.append(num_pr)


def build_docx() -> bytes:
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph("San José, Costa Rica")
    document.add_paragraph("6 de mayo de 2009")
    document.add_paragraph(
        "La Red, con la participación de Costa Rica y Panamá, presenta su informe:"
    )
    document.add_paragraph("Reconocer los avances.", style="List Number")
    document.add_paragraph("Acordar lo siguiente:", style="List Number")
    list_num_id = (
        document.styles["List Number"]
        .element.pPr.find(qn("w:numPr"))
        .find(qn("w:numId"))
        .get(qn("w:val"))
    )
    _sub_level(
        document.add_paragraph("actualizar el directorio;", style="List Number"), list_num_id
    )
    document.add_paragraph("compartir protocolos.", style="List Number 2")
    document.add_paragraph("Agradecer al país anfitrión.", style="List Number")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_numbered_lists_get_their_numbers() -> None:
    text = extract_text("informe.docx", build_docx())
    assert text.splitlines() == [
        TITLE,
        "San José, Costa Rica",
        "6 de mayo de 2009",
        "La Red, con la participación de Costa Rica y Panamá, presenta su informe:",
        "1. Reconocer los avances.",
        "2. Acordar lo siguiente:",
        "a) actualizar el directorio;",
        "b) compartir protocolos.",
        "3. Agradecer al país anfitrión.",
    ]


def test_pdf_text_with_list_numbers_beside_items() -> None:
    pdf = weasyprint.HTML(
        string="<h1>INFORME</h1><p>Tela, Honduras</p><p>6 de mayo, 2008</p>"
        "<ol><li>Primer punto.</li><li>Segundo punto.</li></ol>"
    ).write_pdf()
    lines = [line.strip() for line in extract_text("informe.pdf", pdf).splitlines() if line.strip()]
    assert lines == [
        "INFORME",
        "Tela, Honduras",
        "6 de mayo, 2008",
        "1. Primer punto.",
        "2. Segundo punto.",
    ]


def test_pdf_without_text_is_a_scan() -> None:
    pdf = weasyprint.HTML(
        string="<svg width='200' height='100'><rect width='150' height='80'/></svg>"
    ).write_pdf()
    with pytest.raises(UnreadableFile, match="scanned"):
        extract_text("scan.pdf", pdf)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t"])
def test_empty_file(content: bytes) -> None:
    with pytest.raises(UnreadableFile, match="empty"):
        extract_text("informe.txt", content)


def test_broken_files_say_so() -> None:
    with pytest.raises(UnreadableFile, match="PDF"):
        extract_text("informe.pdf", b"%PDF-1.4 not really")
    with pytest.raises(UnreadableFile, match="Word"):
        extract_text("informe.docx", b"PK not a zip")
    with pytest.raises(UnreadableFile, match="cannot be imported"):
        extract_text("informe.xls", b"something")


def test_a_word_zip_bomb_is_refused_before_it_is_opened() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(20):
                member.write(bytes(1024 * 1024))
    with translation.override("en"), pytest.raises(UnreadableFile) as caught:
        extract_text("informe.docx", buffer.getvalue())
    assert "would unzip to 20.0 MB" in str(caught.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_text_encodings(encoding: str) -> None:
    text = "Tela, Honduras\n6 de mayo, 2008\n1. Atención a las víctimas — “trata”."
    if encoding == "latin-1":
        text = text.replace("—", "-").replace("“", '"').replace("”", '"')
    assert extract_text("informe.txt", text.encode(encoding)) == text
