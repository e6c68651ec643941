"""An upload's kind is read from its content (never its name or the browser's content type),
and a zip-based Office file that would unzip to too much is refused before any parsing."""

import io
import zipfile
from typing import Any

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook
from PIL import Image

from enlace.core import uploads
from enlace.core.tests.files import HTML_AS_PDF, SVG, xlsx_bomb

DOCUMENTS = {"pdf", "docx", "doc", "odt", "txt", "xlsx", "pptx", "rtf"}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Acta de la reunión")
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["clave", "valor"])
    workbook.save(buffer)
    return buffer.getvalue()


def image_bytes(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 20, 30)).save(buffer, format=kind)
    return buffer.getvalue()


def sniffed(content: bytes) -> str | None:
    return uploads.sniff(io.BytesIO(content))


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
        (docx_bytes, "docx"),
        (xlsx_bytes, "xlsx"),
        (
            lambda: zip_of({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}),
            "pptx",
        ),
        (
            lambda: zip_of(
                {
                    "mimetype": b"application/vnd.oasis.opendocument.text",
                    "content.xml": b"<office:document-content/>",
                }
            ),
            "odt",
        ),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "doc"),
        (lambda: b"{\\rtf1\\ansi Acta}", "rtf"),
        (lambda: image_bytes("PNG"), "png"),
        (lambda: image_bytes("JPEG"), "jpeg"),
        (lambda: "Acta de la reunión, señora Núñez\r\n".encode(), "txt"),
        (lambda: "Acta de la reunión, señora Núñez\n".encode("latin-1"), "txt"),
        (lambda: b"\xef\xbb\xbfpais;casos\nHND;3\n", "txt"),
        (lambda: b"a < b and c > d: 3 < 4\n", "txt"),
    ],
    ids=[
        "pdf",
        "docx",
        "xlsx",
        "pptx",
        "odt",
        "doc",
        "rtf",
        "png",
        "jpeg",
        "utf-8",
        "latin-1",
        "bom csv",
        "angle brackets",
    ],
)
def test_the_kind_is_read_from_the_content(make: Any, kind: str) -> None:
    assert sniffed(make()) == kind


@pytest.mark.parametrize(
    "content",
    [
        HTML_AS_PDF,
        SVG,
        b"<html><body>hola</body></html>",
        b"\xef\xbb\xbf  \n\t<!doctype html><p>hola",
        b"<?xml version='1.0'?><note/>",
        b"<SCRIPT>alert(1)</SCRIPT>",
        b"<p>a paragraph</p>",
        b"Acta de la reunion\n" * 10 + b"<script>alert(1)</script>",
        b"Acta\n<svg onload=alert(1)>",
        b"texto con un \x00 nulo",
        b"MZ\x90\x00\x03\x00\x00\x00",
        b"GIF89a\x01\x00\x01\x00",
        b"",
    ],
    ids=[
        "html as pdf",
        "svg",
        "html",
        "bom and blank then doctype",
        "xml",
        "script",
        "any tag first",
        "script further on",
        "svg further on",
        "nul byte",
        "exe",
        "gif",
        "empty",
    ],
)
def test_markup_binaries_and_unknown_kinds_are_no_kind(content: bytes) -> None:
    assert sniffed(content) is None


@pytest.mark.parametrize(
    "members",
    [
        {"a.txt": b"plain zip"},
        {"[Content_Types].xml": b"<Types/>", "other/x.xml": b"<x/>"},
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"},
    ],
    ids=["plain zip", "unknown package", "ods"],
)
def test_other_zips_are_no_kind(members: dict[str, bytes]) -> None:
    assert sniffed(zip_of(members)) is None


def test_a_broken_zip_is_no_kind() -> None:
    assert sniffed(b"PK\x03\x04 not a zip at all") is None


def test_check_upload_returns_the_kind_and_rewinds() -> None:
    upload = SimpleUploadedFile("acta.docx", docx_bytes(), content_type="text/html")
    assert uploads.check_upload(upload, DOCUMENTS) == "docx"
    assert upload.tell() == 0
    assert upload.read(2) == b"PK"


def test_check_upload_refuses_by_content_whatever_the_name_and_type() -> None:
    upload = SimpleUploadedFile("acta.pdf", HTML_AS_PDF, content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        uploads.check_upload(upload, {"pdf", "docx"})
    assert caught.value.messages == [
        "The content of this file is not one of the accepted kinds (DOCX, PDF), whatever its "
        "name says."
    ]
    assert upload.tell() == 0


def test_check_upload_refuses_an_accepted_kind_the_place_does_not_take() -> None:
    with pytest.raises(ValidationError) as caught:
        uploads.check_upload(SimpleUploadedFile("foto.png", image_bytes("PNG")), DOCUMENTS)
    assert "DOC, DOCX, ODT, PDF, PPTX, RTF, TXT, XLSX" in caught.value.messages[0]


def test_check_upload_puts_its_message_under_a_field() -> None:
    with pytest.raises(ValidationError) as caught:
        uploads.check_upload(SimpleUploadedFile("a.svg", SVG), {"png"}, field="photo")
    assert list(caught.value.message_dict) == ["photo"]


def test_text_is_csv_by_its_name_or_when_the_place_takes_no_plain_text() -> None:
    table = b"pais,casos\nHND,3\n"
    assert uploads.check_upload(SimpleUploadedFile("t.csv", table), {"txt", "csv"}) == "csv"
    assert uploads.check_upload(SimpleUploadedFile("t.txt", table), {"txt", "csv"}) == "txt"
    assert uploads.check_upload(SimpleUploadedFile("t.dat", table), {"csv"}) == "csv"
    with pytest.raises(ValidationError):
        uploads.check_upload(SimpleUploadedFile("t.csv", table), {"pdf"})


# --- zip bombs ---------------------------------------------------------------------------------


def test_the_bomb_is_small_but_unzips_to_200_mb() -> None:
    bomb = xlsx_bomb()
    assert len(bomb) < 1024 * 1024
    assert sum(m.file_size for m in zipfile.ZipFile(io.BytesIO(bomb)).infolist()) >= 200 * 2**20
    assert sniffed(bomb) == "xlsx"


def test_check_office_zip_refuses_the_bomb_without_unzipping_it() -> None:
    with pytest.raises(ValidationError) as caught:
        uploads.check_office_zip(xlsx_bomb())
    assert caught.value.code == "zip_bomb"
    assert "would unzip to 200.0 MB" in caught.value.messages[0]


def test_check_upload_refuses_the_bomb_and_rewinds() -> None:
    upload = SimpleUploadedFile("plan.xlsx", xlsx_bomb())
    with pytest.raises(ValidationError) as caught:
        uploads.check_upload(upload, DOCUMENTS, field="file")
    assert "would unzip to" in caught.value.message_dict["file"][0]
    assert upload.tell() == 0


def test_the_bound_on_the_unzipped_size_is_a_setting(settings: Any) -> None:
    settings.ENLACE_MAX_UNZIPPED_BYTES = 1024
    with pytest.raises(ValidationError):
        uploads.check_office_zip(io.BytesIO(docx_bytes()))
    del settings.ENLACE_MAX_UNZIPPED_BYTES
    uploads.check_office_zip(io.BytesIO(docx_bytes()))


def test_a_bomb_under_the_size_bound_is_refused_by_its_ratio() -> None:
    dense = zip_of({"[Content_Types].xml": b"<Types/>", "xl/sheet.xml": bytes(20 * 2**20)})
    assert len(dense) < 100 * 1024
    with pytest.raises(ValidationError):
        uploads.check_office_zip(dense)
    uploads.check_office_zip(dense, max_ratio=10_000)


def test_too_many_members_are_refused() -> None:
    many = zip_of({f"xl/part{n}.xml": b"" for n in range(30)})
    with pytest.raises(ValidationError) as caught:
        uploads.check_office_zip(many, max_members=20)
    assert caught.value.code == "zip_members"


def test_real_office_files_and_non_zips_pass() -> None:
    for content in (docx_bytes(), xlsx_bytes(), b"%PDF-1.4", b"PK\x03\x04 broken"):
        stream = io.BytesIO(content)
        uploads.check_office_zip(stream)
        assert stream.tell() == 0


# --- serving ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "served_as"),
    [
        ("acta.pdf", "application/pdf"),
        ("foto.JPG", "image/jpeg"),
        ("tabla.csv", "text/csv"),
        ("page.html", "application/octet-stream"),
        ("map.svg", "application/octet-stream"),
        ("acta.pdf.gz", "application/octet-stream"),
        ("sin-extension", "application/octet-stream"),
    ],
)
def test_a_stored_upload_is_served_with_a_type_of_an_accepted_kind_or_none(
    name: str, served_as: str
) -> None:
    assert uploads.served_type(name) == served_as


def test_uploaded_files_are_not_served_from_media_url_even_in_debug(settings: Any) -> None:
    """In debug mode too, an upload is reached only through its view and its access check."""
    import importlib

    from django.urls import Resolver404, resolve

    import enlace.urls

    settings.DEBUG = True
    try:
        debug_urls = importlib.reload(enlace.urls)
        with pytest.raises(Resolver404):
            resolve("/media/contributions/2026/page.html", urlconf=debug_urls)
    finally:
        settings.DEBUG = False
        importlib.reload(enlace.urls)
