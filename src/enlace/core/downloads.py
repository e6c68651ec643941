"""Files the platform makes (PDF, Word, XLSX, CSV, JSON, iCalendar) as responses, the one
implementation: a download is always an attachment with its name quoted as the standard says,
never kept by a shared cache; a feed is shown inline, under its name, kept a while by its
reader alone."""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from enlace.core.spreadsheets import csv_row

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json"


def _as_download(response: HttpResponse | StreamingHttpResponse, filename: str) -> None:
    response["Content-Disposition"] = content_disposition_header(True, filename)
    # What a person may download depends on who they are, and drafts change: no shared copy.
    patch_cache_control(response, private=True, no_cache=True)


def attachment(content: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    _as_download(response, filename)
    return response


def streaming_attachment(
    chunks: Iterable[str | bytes], *, content_type: str, filename: str
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    _as_download(response, filename)
    return response


class _Echo:
    """A file that hands back what is written to it: each CSV line, for a streamed response."""

    def write(self, value: str) -> str:
        return value


def streaming_csv(rows: Iterable[Iterable[Any]], *, filename: str) -> StreamingHttpResponse:
    """Rows as a streamed CSV download, UTF-8 with the byte-order mark spreadsheets need to
    read accents, and no cell a spreadsheet would run as a formula."""
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"
        for row in rows:
            yield writer.writerow(csv_row(row))

    return streaming_attachment(lines(), content_type="text/csv; charset=utf-8", filename=filename)


def inline_file(
    content: bytes | str, *, content_type: str, filename: str, max_age: int
) -> HttpResponse:
    """A file a program reads where it is (a calendar feed), named ``filename`` should it be
    saved, which its reader (no shared cache) may keep ``max_age`` seconds."""
    response = HttpResponse(content, content_type=content_type)
    # None only without a name; here there is always one.
    response["Content-Disposition"] = content_disposition_header(False, filename) or "inline"
    patch_cache_control(response, private=True, max_age=max_age)
    return response
