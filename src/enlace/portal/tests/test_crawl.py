"""An anonymous visitor crawls every page reachable from the portal's home, the sitemap and the
feed. Unpublished and network-only data is seeded with unique markers: none may appear anywhere,
nor any e-mail address or telephone number of a person of the network."""

import datetime
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

from django.test import Client

from enlace.accounts.models import User
from enlace.contributions.models import (
    Answer,
    AnswerRevision,
    Contribution,
    Mechanism,
    Recommendation,
)
from enlace.meetings.models import Meeting
from enlace.network.models import Body, Country, Organisation, Person
from enlace.reports.models import Report, ReportPoint

SKIP = ("/accounts/", "/i18n/", "/system-admin/", "/static/", "/manage/", "/audit/", "/api/")
HREF = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
LOC = re.compile(r"<loc>([^<]+)</loc>")
LIMIT = 1500
TEXT_TYPES = {"application/xml", "application/atom+xml", "application/json"}


def _seed_hidden() -> list[str]:
    """Data the public must never see, each with its marker."""
    markers: list[str] = []

    def mark(name: str) -> str:
        marker = f"ZQX-{name}-7q"
        markers.append(marker)
        return marker

    tela = Meeting.objects.get(city="Tela")
    rrocm = Organisation.objects.get(acronym="RROCM")
    hnd = Country.objects.get(code="HND")
    network_only = Contribution.objects.create(
        meeting=tela,
        organisation=rrocm,
        kind="position_paper",
        title=mark("network-contribution"),
        summary=mark("network-summary"),
        status="accepted",
        visibility="network",
    )
    rec = Recommendation.objects.create(
        contribution=network_only, position=1, text=mark("network-recommendation")
    )
    Answer.objects.create(
        recommendation=rec, country=hnd, position="not_accepted", reasons=mark("network-answer")
    )
    submitted = Contribution.objects.create(
        meeting=tela,
        organisation=rrocm,
        kind="presentation",
        title=mark("submitted-public-contribution"),
        visibility="public",
    )
    Recommendation.objects.create(
        contribution=submitted, position=1, text=mark("submitted-recommendation")
    )
    Contribution.objects.create(
        meeting=tela,
        organisation=rrocm,
        kind="presentation",
        title=mark("returned-contribution"),
        visibility="public",
        status="returned",
        return_reason=mark("return-reason"),
    )
    # An earlier answer of a public recommendation: its history stays in the network.
    public_answer = Answer.objects.filter(recommendation__contribution__is_demo=True).first()
    assert public_answer is not None
    AnswerRevision.objects.create(
        answer=public_answer, position="under_study", reasons=mark("old-answer")
    )
    Mechanism.objects.create(
        title=mark("network-mechanism"), kind="agreement", scope=mark("mechanism-scope")
    )
    # A draft report of the public Tela meeting, and a meeting for the network only.
    draft = Report.objects.create(
        meeting=tela, language="en", title=mark("draft-report"), opening=mark("draft-opening")
    )
    ReportPoint.objects.create(report=draft, position=1, text=mark("draft-point"))
    Meeting.objects.create(
        body=Body.objects.get(slug="trafficking-network"),
        title=mark("network-meeting"),
        start_date=datetime.date(2009, 5, 1),
        end_date=datetime.date(2009, 5, 1),
        visibility="network",
    )
    return markers


def _contacts() -> list[str]:
    found = set()
    for email, phone in Person.objects.values_list("email", "phone"):
        found.update(v for v in (email, phone) if v)
    found.update(e for e in User.objects.values_list("email", flat=True) if e)
    return sorted(found)


def _links(base: str, text: str) -> list[str]:
    hrefs = [urljoin(base, href.replace("&amp;", "&")) for href in HREF.findall(text)]
    return hrefs + LOC.findall(text)


def _crawl(client: Client, markers: list[str], contacts: list[str]) -> tuple[list[str], list[str]]:
    """Every page reachable from the home, the sitemap and the feed; and what leaked."""
    queue = deque(["/public/", "/sitemap.xml", "/public/feed.atom"])
    seen: set[str] = set(queue)
    visited: list[str] = []
    leaks: list[str] = []
    while queue:
        path = queue.popleft()
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        visited.append(path)
        assert response.status_code in (200, 302, 404), f"{path} answered {response.status_code}"
        if response.status_code != 200 or response.streaming:
            continue
        content_type = response.get("Content-Type", "").split(";")[0]
        if not (content_type.startswith("text/") or content_type in TEXT_TYPES):
            continue  # files (PDF, Word, XLSX) of published items
        text = response.content.decode()
        leaks += [f"{path}: {m}" for m in markers if m in text]
        leaks += [f"{path}: contact {c}" for c in contacts if c in text]
        for url in _links(f"http://testserver{path}", text):
            parts = urlsplit(url)
            if parts.netloc not in ("", "testserver"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target.startswith(SKIP) or target in seen:
                continue
            seen.add(target)
            queue.append(target)
        assert len(visited) < LIMIT, "the crawl does not end"
    return visited, leaks


def test_nothing_hidden_reaches_the_public(demo: None, client: Client) -> None:
    markers = _seed_hidden()
    contacts = _contacts()
    assert contacts, "the demo has people with e-mail addresses"
    visited, leaks = _crawl(client, markers, contacts)
    assert not leaks, "\n".join(leaks)
    # The crawl reached the portal's parts, through the pages, the sitemap and the feed.
    demo_contribution = Contribution.objects.get(is_demo=True, meeting__city="Tela")
    for expected in (
        "/public/recommendations/",
        "/network/",
        "/workplan/archive/",
        f"/contributions/{demo_contribution.pk}/",
    ):
        assert expected in visited, expected


def test_the_crawl_finds_what_is_made_public(demo: None, client: Client) -> None:
    """The crawl does see a marker once its contribution is public: it would catch a leak."""
    markers = _seed_hidden()
    Contribution.objects.filter(title="ZQX-network-contribution-7q").update(visibility="public")
    _visited, leaks = _crawl(client, markers, [])
    assert any("ZQX-network-contribution-7q" in leak for leak in leaks)
    assert any("ZQX-network-answer-7q" in leak for leak in leaks)
