"""A file the platform makes is a download: an attachment, its name quoted, never shared-cached."""

from enlace.core.downloads import attachment, inline_file, streaming_attachment


def test_a_download_is_a_private_attachment_with_its_name_quoted():
    response = attachment(
        b"%PDF-1.4", content_type="application/pdf", filename='Informe "Tela".pdf'
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        '\\"Tela\\"' in response["Content-Disposition"]
        or "%22Tela%22" in response["Content-Disposition"]
    )
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]


def test_a_name_beyond_ascii_is_given_as_the_standard_says():
    response = streaming_attachment(["a,b\n"], content_type="text/csv", filename="México.csv")
    assert "filename*=utf-8''M%C3%A9xico.csv" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"a,b\n"


def test_a_feed_is_shown_inline_under_its_name_and_kept_by_its_reader_only():
    response = inline_file(
        "BEGIN:VCALENDAR", content_type="text/calendar", filename="enlace.ics", max_age=900
    )
    assert response["Content-Disposition"] == 'inline; filename="enlace.ics"'
    assert "private" in response["Cache-Control"]
    assert "max-age=900" in response["Cache-Control"]
