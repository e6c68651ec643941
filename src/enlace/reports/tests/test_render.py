"""The formal document of a report, as PDF and as Word, read back as a reader would.

The PDF is read with pdftotext (poppler-utils), the .docx with python-docx and once through
LibreOffice (soffice), which turns it into a PDF read with pdftotext again.
"""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from docx import Document
from pypdf import PdfReader

from enlace.conftest import Net
from enlace.core.tests.pdf import assert_pdf_ua
from enlace.demo.data import TELA_REPORT
from enlace.meetings.models import Meeting, Visibility
from enlace.meetings.tests.factories import make_meeting, make_report
from enlace.reports.models import Report, ReportPoint
from enlace.reports.render import render_pdf

# A4 in PostScript points (pdftotext's pixels at its default 72 dpi). The page margins are
# 2.5 cm; header and footer sit in them, so a 2 cm band at the top and bottom holds only them.
PAGE_WIDTH, PAGE_HEIGHT = 596, 842
BAND = 57


def normalised(text: str) -> str:
    """Same words in the same order. The documents never hyphenate, so a hyphen that ends a
    line is the text's own ("Plan de Trabajo-Archivo") and the next line continues the word."""
    return " ".join(re.sub(r"-\n(?=\S)", "-", text).split())


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: install the Debian package {package}")
    return path


def pdftotext(pdf: bytes, tmp_path: Path, *, top: int, height: int) -> list[str]:
    """The text of each page inside a horizontal band (top and height in points)."""
    source = tmp_path / "read.pdf"
    source.write_bytes(pdf)
    command = [tool("pdftotext", "poppler-utils"), "-raw", "-enc", "UTF-8"]
    command += ["-x", "0", "-y", str(top), "-W", str(PAGE_WIDTH), "-H", str(height)]
    result = subprocess.run(  # noqa: S603 (pdftotext found by which, fixed arguments)
        [*command, str(source), "-"], capture_output=True, check=True, timeout=60
    )
    pages = result.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def body_text(pdf: bytes, tmp_path: Path) -> str:
    return normalised(" ".join(pdftotext(pdf, tmp_path, top=BAND, height=PAGE_HEIGHT - 2 * BAND)))


def footers(pdf: bytes, tmp_path: Path) -> list[str]:
    return [normalised(p) for p in pdftotext(pdf, tmp_path, top=PAGE_HEIGHT - BAND, height=BAND)]


def headers(pdf: bytes, tmp_path: Path) -> list[str]:
    return [normalised(p) for p in pdftotext(pdf, tmp_path, top=0, height=BAND)]


def docx_text(content: bytes) -> str:
    return normalised("\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs))


def original_tela() -> str:
    return normalised(TELA_REPORT.read_text(encoding="utf-8"))


def filename(response: object) -> str:
    disposition = response["Content-Disposition"]  # type: ignore[index]
    assert disposition.startswith("attachment;"), disposition
    match = re.search(r'filename="([^"]+)"', disposition)
    assert match, disposition
    return match.group(1)


@pytest.fixture
def tela(demo: None) -> Report:
    return Report.objects.get(meeting__city="Tela", meeting__start_date="2008-05-06")


# --- the Tela report, word for word ------------------------------------------------------------


def test_tela_pdf_reads_like_the_original(client: Client, tela: Report, tmp_path: Path) -> None:
    response = client.get(f"/reports/{tela.pk}/document.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert filename(response) == "2008-05-06_tela_es.pdf"
    pdf = response.content
    expected = original_tela()
    assert expected.startswith("INFORME DE LA REUNIÓN")
    assert " 4. La Red de " in expected
    assert body_text(pdf, tmp_path) == expected
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)  # A4
    assert reader.trailer["/Root"]["/Lang"] == "es"
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts
    assert all("Serif" in font for font in fonts), fonts
    # An adopted report carries no draft mark.
    assert headers(pdf, tmp_path) == [""] * len(reader.pages)


def test_tela_docx_reads_like_the_original(client: Client, tela: Report) -> None:
    response = client.get(f"/reports/{tela.pk}/document.docx")

    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert filename(response) == "2008-05-06_tela_es.docx"
    assert docx_text(response.content) == original_tela()
    document = Document(io.BytesIO(response.content))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].style.font.bold
    assert [p.text.split("\t")[0] for p in paragraphs[4:]] == ["1.", "2.", "3.", "4."]
    assert {p.style.name for p in paragraphs[4:]} == {"Report Point"}
    point_format = paragraphs[4].style.paragraph_format
    assert point_format.first_line_indent < 0 < point_format.left_indent  # hanging indent
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert document.core_properties.language == "es-ES"
    assert document.core_properties.title == tela.title
    assert 'w:instr="PAGE"' in section.footer._element.xml


def test_tela_docx_opened_by_libreoffice(client: Client, tela: Report, tmp_path: Path) -> None:
    """The one LibreOffice run of the suite: the .docx as LibreOffice lays it out."""
    soffice = tool("soffice", "libreoffice-writer-nogui")
    docx_file = tmp_path / "tela.docx"
    docx_file.write_bytes(client.get(f"/reports/{tela.pk}/document.docx").content)
    out = tmp_path / "out"
    profile = (tmp_path / "lo-profile").as_uri()

    subprocess.run(  # noqa: S603 (soffice found by which, fixed arguments)
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx_file),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )

    pdf = (out / "tela.pdf").read_bytes()
    assert body_text(pdf, tmp_path) == original_tela()
    pages = footers(pdf, tmp_path)
    assert pages == [str(n) for n in range(1, len(pages) + 1)]


# --- layout: page numbers, sub-points, the draft mark -----------------------------------------


def long_report(net: Net) -> Report:
    points = []
    for number in range(1, 16):
        points.append((0, f"Punto {number}: " + "la Red acuerda continuar el trabajo. " * 12))
        points += [(1, f"Inciso del punto {number}, primero."), (1, "Inciso segundo.")]
    return make_report(make_meeting(net, city="San José"), points=points)


def test_pdf_numbers_every_page_in_its_footer(net: Net, tmp_path: Path) -> None:
    report = long_report(net)

    pdf = render_pdf(report)

    pages = footers(pdf, tmp_path)
    assert len(pages) >= 3
    assert pages == [str(n) for n in range(1, len(pages) + 1)]
    text = body_text(pdf, tmp_path)
    # Sub-points are lettered again after every point, and the body holds no page numbers.
    assert "15. Punto 15:" in text
    assert "a) Inciso del punto 15, primero. b) Inciso" in text
    assert text.endswith("b) Inciso segundo.")


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_filename_comes_from_date_place_and_language(
    net: Net, secretariat_client: Client, extension: str
) -> None:
    report = make_report(make_meeting(net, city="San José"), language="en", points=[(0, "One.")])

    response = secretariat_client.get(f"/reports/{report.pk}/document.{extension}")

    assert filename(response) == f"2024-05-06_san-jose_en.{extension}"


ENGLISH = {
    "title": "REPORT OF THE MEETING OF THE LIAISON OFFICER NETWORK",
    "place_line": "Tela, Honduras",
    "date_line": "May 6, 2008",
    "opening": "The Liaison Officer Network of the RCM member countries, meeting in Tela, "
    "presents its report to the Regional Consultation Group on Migration in the following "
    "points:",
}
ENGLISH_POINTS = [
    (0, "To recognise the efforts of the member countries."),
    (0, "The Network agreed:"),
    (1, "to send the TS the information by July 21st, at the latest;"),
    (1, "to review the Work Plan before the next meeting."),
    (0, "To thank Honduras for its hospitality."),
]


@pytest.fixture
def tela_english(tela: Report) -> Report:
    report = Report.objects.create(meeting=tela.meeting, language="en", **ENGLISH)
    ReportPoint.objects.bulk_create(
        ReportPoint(report=report, position=i, level=level, text=text)
        for i, (level, text) in enumerate(ENGLISH_POINTS, 1)
    )
    return report


def english_text() -> str:
    return normalised(
        " ".join(ENGLISH.values())
        + " 1. To recognise the efforts of the member countries."
        + " 2. The Network agreed:"
        + " a) to send the TS the information by July 21st, at the latest;"
        + " b) to review the Work Plan before the next meeting."
        + " 3. To thank Honduras for its hospitality."
    )


def test_english_report_renders_in_english_whatever_the_page_language(
    secretariat_client: Client, tela_english: Report, tmp_path: Path
) -> None:
    assert tela_english.status == Report.Status.DRAFT
    secretariat_client.cookies["enlace_language"] = "es"  # the UI is in Spanish

    pdf_response = secretariat_client.get(f"/reports/{tela_english.pk}/document.pdf")
    docx_response = secretariat_client.get(f"/reports/{tela_english.pk}/document.docx")

    assert filename(pdf_response) == "2008-05-06_tela_en.pdf"
    assert filename(docx_response) == "2008-05-06_tela_en.docx"
    pdf = pdf_response.content
    assert body_text(pdf, tmp_path) == english_text()
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "en"
    # The draft mark is in the report's language, not the page's.
    assert set(headers(pdf, tmp_path)) == {"DRAFT"}

    assert docx_text(docx_response.content) == english_text()
    document = Document(io.BytesIO(docx_response.content))
    assert document.core_properties.language == "en-US"
    assert normalised(document.sections[0].header.paragraphs[0].text) == "DRAFT"
    styles = [p.style.name for p in document.paragraphs[4:]]
    point_style, sub_style = "Report Point", "Report Sub-point"
    assert styles == [point_style, point_style, sub_style, sub_style, point_style]
    point, sub_point = (document.styles[name] for name in ("Report Point", "Report Sub-point"))
    assert sub_point.paragraph_format.left_indent > point.paragraph_format.left_indent


def test_the_report_page_links_both_documents(client: Client, tela: Report) -> None:
    response = client.get(f"/reports/{tela.pk}/")

    body = response.content.decode()
    assert f'href="/reports/{tela.pk}/document.pdf"' in body
    assert f'href="/reports/{tela.pk}/document.docx"' in body


# --- who may download -------------------------------------------------------------------------


@pytest.fixture
def draft(net: Net) -> Report:
    return make_report(make_meeting(net, visibility=Visibility.PUBLIC))


@pytest.mark.parametrize("extension", ["pdf", "docx"])
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("client", 404),
        ("outsider_client", 404),
        ("observer_client", 404),
        ("officer_client", 200),
        ("other_client", 200),
        ("secretariat_client", 200),
    ],
)
def test_draft_document_only_for_those_who_see_the_draft(
    request: pytest.FixtureRequest, draft: Report, who: str, status: int, extension: str
) -> None:
    client: Client = request.getfixturevalue(who)

    response = client.get(f"/reports/{draft.pk}/document.{extension}")

    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment;")
        assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_observer_invited_to_a_draft_downloads_it(
    observer_client: Client, draft: Report, extension: str
) -> None:
    draft.observers_invited = True
    draft.save()

    response = observer_client.get(f"/reports/{draft.pk}/document.{extension}")

    assert response.status_code == 200


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_published_report_of_a_members_only_meeting_stays_with_members(
    net: Net, client: Client, observer_client: Client, officer_client: Client, extension: str
) -> None:
    meeting: Meeting = make_meeting(net, visibility=Visibility.MEMBERS)
    report = make_report(meeting, status=Report.Status.ADOPTED, is_published=True)
    url = f"/reports/{report.pk}/document.{extension}"

    assert client.get(url).status_code == 404
    assert observer_client.get(url).status_code == 404
    assert officer_client.get(url).status_code == 200


def test_unknown_report_is_404_and_post_is_refused(
    secretariat_client: Client, draft: Report
) -> None:
    assert secretariat_client.get("/reports/999999/document.pdf").status_code == 404
    assert secretariat_client.post(f"/reports/{draft.pk}/document.docx").status_code == 405


def test_the_report_pdf_is_tagged_pdf_ua_with_its_title_and_language(
    client: Client, tela: Report
) -> None:
    content = client.get(f"/reports/{tela.pk}/document.pdf").content
    assert_pdf_ua(content, title_start="INFORME DE LA REUNIÓN", language="es")
