"""What a tagged PDF/UA-1 document must show a reader's software, checked on the file itself."""

import io

from pypdf import PdfReader


def assert_pdf_ua(content: bytes, *, title_start: str, language: str) -> None:
    """The PDF is tagged (a structure tree, marked content), says it conforms to PDF/UA-1 in its
    XMP metadata, shows its title (not its file name) and has its language."""
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).startswith(language)
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None
    assert str(reader.metadata.title or "").startswith(title_start)
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp
    assert b">1<" in xmp or b'pdfuaid:part="1"' in xmp
