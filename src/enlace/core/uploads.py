"""What an uploaded file really is: its kind read from its content, never from its name or the
content type the browser sent, checked against the kinds a place accepts.

``sniff`` reads the first bytes (and, for zip files, the names of the members) and says which
kind the file is: ``pdf``, ``docx``, ``xlsx``, ``pptx``, ``odt``, ``doc`` (any OLE compound file:
legacy Word, Excel, PowerPoint), ``rtf``, ``png``, ``jpeg`` or ``txt`` (plain text that is not
HTML, SVG, XML or a script). ``check_upload`` refuses a file whose kind a place does not accept,
and an Office file that is a zip bomb (``check_office_zip``, which the spreadsheet and Word
readers also call before they open a file). ``download`` serves a stored upload: always as an
attachment, never sniffed, and with a type of an accepted kind or none.
"""

import io
import mimetypes
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _

PDF, DOCX, XLSX, PPTX, ODT, DOC, RTF, PNG, JPEG, TXT, CSV = (
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "doc",
    "rtf",
    "png",
    "jpeg",
    "txt",
    "csv",
)
ZIP_KINDS = frozenset({DOCX, XLSX, PPTX, ODT})
TEXT_KINDS = frozenset({TXT, CSV})
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ODT: "application/vnd.oasis.opendocument.text",
    DOC: "application/msword",
    RTF: "application/rtf",
    PNG: "image/png",
    JPEG: "image/jpeg",
    TXT: "text/plain",
    CSV: "text/csv",
}

# What reading a damaged Office file (a zip of XML parts) can raise, from zipfile, zlib, the XML
# parsers and the Office libraries: each reader turns these into its own "not a readable file".
BROKEN_FILE_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    SyntaxError,  # xml.etree's ParseError and lxml's XMLSyntaxError
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    RuntimeError,  # zipfile: an unknown compression method, an encrypted part
)

DEFAULT_MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
DEFAULT_MAX_RATIO = 100
DEFAULT_MAX_MEMBERS = 10_000
# Below this many unzipped bytes a high ratio is harmless (a small, very regular file).
RATIO_FLOOR_BYTES = 1024 * 1024

_HEAD_BYTES = 4096
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Markup a browser could run or render, refused in a text file wherever it is in the head.
_MARKUP = (b"<script", b"<svg", b"<html", b"<iframe", b"<!doctype", b"<?xml")
# Control bytes no text file has (tab, line feed, form feed and carriage return are text).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _size(file: IO[bytes]) -> int:
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    return size


def _zip_kind(archive: zipfile.ZipFile) -> str | None:
    names = archive.namelist()
    if "[Content_Types].xml" in names:
        for prefix, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
            if any(name.startswith(prefix) for name in names):
                return kind
        return None
    if "mimetype" in names:
        with archive.open("mimetype") as member:
            if member.read(len(_ODT_MIMETYPE) + 1).strip() == _ODT_MIMETYPE:
                return ODT
    return None


def _is_text(file: IO[bytes], head: bytes) -> bool:
    """Plain text: no NUL or other control byte anywhere (any byte string then decodes as UTF-8
    or Latin-1), and nothing in its head that a browser would take for HTML, SVG or XML."""
    file.seek(0)
    while chunk := file.read(1024 * 1024):
        if chunk.translate(None, _CONTROL) != chunk:
            return False
    start = head
    for bom in _BOMS:
        start = start.removeprefix(bom)
    start = start.lstrip().lower()
    if start.startswith(b"<"):
        return False
    lowered = head.lower()
    return not any(markup in lowered for markup in _MARKUP)


def sniff(file: IO[bytes]) -> str | None:
    """The kind of a file read from its content, or None when it is none of the known kinds.
    The file is read from its start and left rewound."""
    try:
        file.seek(0)
        head = file.read(_HEAD_BYTES) or b""
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(_ZIP_MAGIC):
            file.seek(0)
            try:
                with zipfile.ZipFile(file) as archive:
                    return _zip_kind(archive)
            except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
                return None
        if head.startswith(_OLE_MAGIC):
            return DOC
        if head.startswith(b"{\\rtf"):
            return RTF
        if head.startswith(_PNG_MAGIC):
            return PNG
        if head.startswith(_JPEG_MAGIC):
            return JPEG
        if head and _is_text(file, head):
            return TXT
        return None
    finally:
        file.seek(0)


def kinds_label(kinds: Iterable[str]) -> str:
    """The kinds as a user reads them: "DOCX, PDF, TXT"."""
    return ", ".join(sorted(kind.upper() for kind in kinds))


def _refuse(message: str, field: str | None, code: str) -> ValidationError:
    return ValidationError({field: [message]} if field else message, code=code)


def check_office_zip(
    file: IO[bytes] | bytes,
    *,
    max_unzipped: int | None = None,
    max_ratio: float = DEFAULT_MAX_RATIO,
    max_members: int = DEFAULT_MAX_MEMBERS,
) -> None:
    """Refuse a zip-based file (DOCX, XLSX, PPTX, ODT) that would unzip to too much: more than
    ``max_unzipped`` bytes in all (``ENLACE_MAX_UNZIPPED_BYTES``, 100 MB by default), more than
    ``max_ratio`` times its own size, or more than ``max_members`` members.

    Only the zip's central directory is read, nothing is decompressed. The sizes it declares
    bound what a reader gets: Python's zipfile (which openpyxl and python-docx use) stops each
    member at its declared size. A file that is not a zip is left to its reader to refuse.
    The file is left rewound."""
    if max_unzipped is None:
        max_unzipped = getattr(settings, "ENLACE_MAX_UNZIPPED_BYTES", DEFAULT_MAX_UNZIPPED_BYTES)
    stream: IO[bytes] = io.BytesIO(file) if isinstance(file, bytes | bytearray) else file
    try:
        compressed = _size(stream)
        try:
            with zipfile.ZipFile(stream) as archive:
                members = archive.infolist()
        except BROKEN_FILE_ERRORS:
            return  # not a zip that can be read: its reader refuses it in its own words
        if len(members) > max_members:
            raise ValidationError(
                _("This file has more than %(n)s parts: it is refused.") % {"n": max_members},
                code="zip_members",
            )
        unzipped = sum(member.file_size for member in members)
        too_big = unzipped > max_unzipped
        too_dense = unzipped > RATIO_FLOOR_BYTES and unzipped > max_ratio * max(compressed, 1)
        if too_big or too_dense:
            raise ValidationError(
                _(
                    "This file would unzip to %(size)s MB, far more than a document of its "
                    "size holds (at most %(max)s MB, %(ratio)s times its size): it is refused."
                )
                % {
                    "size": f"{unzipped / (1024 * 1024):.1f}",
                    "max": f"{max_unzipped / (1024 * 1024):.0f}",
                    "ratio": f"{max_ratio:g}",
                },
                code="zip_bomb",
            )
    finally:
        stream.seek(0)


def check_upload(file: Any, allowed: Iterable[str], *, field: str | None = None) -> str:
    """The kind of an uploaded file read from its content, if ``allowed`` has it; otherwise a
    ``ValidationError`` naming the accepted kinds (under ``field`` when one is given). A text
    file is ``csv`` when its name says so or the place takes CSV and not plain text. A zip-based
    Office file is also checked for a zip bomb. The file is left rewound."""
    accepted = set(allowed)
    kind = sniff(file)
    if kind == TXT and CSV in accepted:
        suffix = PurePath(getattr(file, "name", "") or "").suffix.lower()
        if suffix == ".csv" or TXT not in accepted:
            kind = CSV
    if kind is None or kind not in accepted:
        raise _refuse(
            _(
                "The content of this file is not one of the accepted kinds (%(kinds)s), "
                "whatever its name says."
            )
            % {"kinds": kinds_label(accepted)},
            field,
            "file_kind",
        )
    if kind in ZIP_KINDS:
        try:
            check_office_zip(file)
        except ValidationError as error:
            raise _refuse(" ".join(error.messages), field, error.code or "zip_bomb") from error
    return kind


def served_type(name: str) -> str:
    """The content type a stored upload is served with: the one its name gives when that is
    the type of an accepted kind, else ``application/octet-stream`` (so a file stored before
    uploads were checked by content, say ``page.html`` or ``map.svg``, is never served as
    HTML or SVG)."""
    guessed, encoding = mimetypes.guess_type(name)
    if guessed is None or encoding is not None or guessed not in CONTENT_TYPES.values():
        return "application/octet-stream"
    return guessed


def download(field_file: Any, name: str) -> FileResponse:
    """A stored upload as a download: ``Content-Disposition: attachment`` (a browser never
    shows it in the platform's origin), ``X-Content-Type-Options: nosniff`` and a safe type."""
    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=name, content_type=served_type(name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
