"""Files the platform makes (PDF, Word, XLSX, CSV, JSON) as downloads, the one implementation:
always an attachment with its name quoted as the standard says, never kept by a shared cache."""

from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header


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
