"""Hostile and harmless files for the upload tests of every app.

- ``HTML_AS_PDF``: an HTML page with a script, to be uploaded under a ``.pdf`` name;
- ``SVG``: an SVG image with a script (an image a browser runs);
- ``xlsx_bomb()``: a zip bomb dressed as a workbook: ``[Content_Types].xml``, ``xl/workbook.xml``
  and one member of 200 MB of zeros, about 200 KB compressed (built once per test session).
"""

import functools
import io
import zipfile

HTML_AS_PDF = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)
BOMB_UNZIPPED = 200 * 1024 * 1024
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


@functools.cache
def xlsx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", b'<?xml version="1.0"?><workbook/>')
        chunk = bytes(1024 * 1024)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(BOMB_UNZIPPED // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()
