"""The Atom feed names its entries as RFC 4287 asks: absolute, permanent ids (RFC 4151 tag URIs)
that neither the reader's host name nor an edit of the entry changes, and an author."""

import re
import xml.etree.ElementTree as ET

from django.test import Client

from enlace.reports.models import Report

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 4151: tag:authority,date:specific, the date YYYY[-MM[-DD]].
TAG = re.compile(r"^tag:[a-z0-9.-]+,\d{4}(?:-\d{2}){0,2}:[\w/.-]+$")


def _feed(host: str) -> ET.Element:
    response = Client().get("/public/feed.atom", HTTP_HOST=host)
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


def _ids(feed: ET.Element) -> dict[str, str]:
    """Each entry's id by its link."""
    return {
        entry.findtext(f"{ATOM}id", ""): entry.find(f"{ATOM}link").get("href", "")  # type: ignore[union-attr]
        for entry in feed.iter(f"{ATOM}entry")
    }


def test_entry_ids_are_tag_uris_whatever_host_the_reader_used(demo: None) -> None:
    by_localhost, by_address = _feed("localhost"), _feed("127.0.0.1")
    ids = _ids(by_localhost)
    assert ids
    assert all(TAG.match(entry_id) for entry_id in ids), list(ids)
    assert set(ids) == set(_ids(by_address))
    assert TAG.match(by_localhost.findtext(f"{ATOM}id", ""))
    assert by_localhost.findtext(f"{ATOM}id") == by_address.findtext(f"{ATOM}id")


def test_an_edited_entry_keeps_its_id(demo: None) -> None:
    report = Report.objects.get(meeting__city="Tela", language="es")
    before = {link: entry_id for entry_id, link in _ids(_feed("localhost")).items()}
    Report.objects.filter(pk=report.pk).update(title="Informe de Tela (corregido)")
    after = {link: entry_id for entry_id, link in _ids(_feed("localhost")).items()}
    assert before == after
    [report_link] = [link for link in after if link.endswith(f"/reports/{report.pk}/")]
    assert after[report_link].endswith(f":report/{report.pk}")


def test_the_feed_names_its_author(demo: None) -> None:
    feed = _feed("localhost")
    assert feed.findtext(f"{ATOM}author/{ATOM}name")
