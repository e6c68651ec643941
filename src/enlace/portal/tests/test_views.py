"""The portal's pages, sitemap and feed, for the public: titles, the feed link in every head,
what is listed and what is not."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from enlace.accounts.models import User
from enlace.contributions.models import Contribution, Mechanism
from enlace.reports.models import Report

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize("url", ["/public/", "/public/reports/", "/public/recommendations/"])
def test_portal_pages_have_a_title_and_the_feed_in_their_head(
    demo: None, client: Client, url: str
) -> None:
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    head = html.split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml" href="/public/feed.atom"' in head
    title = re.search(r"<title>(.*?)</title>", head, re.S)
    assert title is not None
    assert len(title.group(1).strip()) > len(" · Enlace")


def test_the_portal_speaks_three_languages(demo: None, client: Client) -> None:
    english = client.get("/public/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Member countries" in english
    spanish = client.get("/public/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Países miembros" in spanish
    french = client.get("/public/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Pays membres" in french


def test_home_shows_who_is_in_the_network_and_what_was_published(
    demo: None, client: Client
) -> None:
    html = client.get("/public/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Honduras" in html
    assert "Mexico" in html
    assert "Regional Consultation Group on Migration" in html or "GRCM" in html
    report = Report.objects.get(meeting__city="Tela", language="es")
    assert f"/reports/{report.pk}/" in html
    assert "/workplan/archive/" in html
    assert "/public/recommendations/" in html
    assert "/statistics/" in html  # the protected public statistics
    assert "@example.org" not in html


def test_the_sitemap_lists_the_public_pages(demo: None, client: Client) -> None:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)  # noqa: S314 (our own output)
    locations = {
        loc.text.replace("http://testserver", "") for loc in tree.iter(f"{SITEMAP}loc") if loc.text
    }
    contribution = Contribution.objects.get(is_demo=True, meeting__city="Tela")
    report = Report.objects.get(meeting__city="Tela", language="es")
    public_mechanisms = Mechanism.objects.filter(is_demo=True, visibility="public")
    network_mechanisms = Mechanism.objects.filter(is_demo=True, visibility="network")
    assert public_mechanisms.exists()
    assert network_mechanisms.exists()
    assert {
        "/public/",
        "/public/recommendations/",
        f"/reports/{report.pk}/",
        f"/contributions/{contribution.pk}/",
        "/network/countries/HND/",
        "/statistics/",
    } <= locations
    assert {f"/mechanisms/{m.pk}/" for m in public_mechanisms} <= locations
    assert not {f"/mechanisms/{m.pk}/" for m in network_mechanisms} & locations


def test_the_feed_lists_what_was_published(demo: None, client: Client) -> None:
    response = client.get("/public/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own output)
    links = {
        link.get("href", "").replace("http://testserver", "")
        for entry in feed.iter(f"{ATOM}entry")
        for link in entry.iter(f"{ATOM}link")
    }
    contribution = Contribution.objects.get(is_demo=True, meeting__city="Tela")
    report = Report.objects.get(meeting__city="Tela", language="es")
    assert f"/reports/{report.pk}/" in links
    assert f"/contributions/{contribution.pk}/" in links
    answered = contribution.recommendations.get(position=1)
    assert f"/contributions/recommendations/{answered.pk}/" in links


def test_a_member_sees_the_same_portal_as_the_public(demo: None) -> None:
    """The portal is the public's view whoever asks: a network-only mechanism stays off it."""
    secretariat_client = Client()
    secretariat_client.force_login(User.objects.get(username="secretariat"))
    hidden = Mechanism.objects.filter(is_demo=True, visibility="network")
    assert hidden.exists()
    for url in ("/public/", "/public/feed.atom", "/sitemap.xml"):
        page = secretariat_client.get(url).content.decode()
        for mechanism in hidden:
            assert mechanism.title not in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "Administración · Enlace"),
        ("en", "Administration · Enlace"),
        ("fr", "Administration · Enlace"),
    ],
)
def test_the_administration_page_title_is_its_name_only(
    demo: None, client: Client, language: str, expected: str
) -> None:
    client.force_login(User.objects.get(username="secretariat"))
    client.cookies["enlace_language"] = language

    response = client.get("/manage/")

    assert response.status_code == 200
    html = response.content.decode()

    head, body = html.split("</head>", 1)
    titles = re.findall(r"<title>(.*?)</title>", html, re.S)
    assert titles == [expected]  # one title, in the head, none of the page's sections in it
    assert "<title>" in head
    assert 'id="plans"' in body  # the Plans of Action section is in the page
