"""Page benchmark: time, queries and weight of the main pages at 1x and 10x data.

Run from the repository root:

    uv run python bench/bench_pages.py            # under a minute on an idle machine
    uv run python bench/bench_pages.py --repeat 50 --json results.json

It builds two throw-away SQLite databases in a temporary folder (never the demo's, never
``DATABASE_URL``; see bench_settings.py): each gets the demo (the Tela 2008 meeting and the demo
accounts) plus generated data, at 1x (50 meetings with ten country and two organisation
delegations, representatives, agenda, a document and a report of five points each; 100
directory memberships) and at 10x. Then every page is requested through ``django.test.Client``
in-process, as the public and as a liaison officer (who sees every meeting and the contact
details), against both databases in alternation and in a new random order each round, so that
the load of the machine weighs on everything alike. It prints, measured in this one run:

- the median time of each page (wall clock, and process CPU time), its ratio to a minimal Django
  view (``/bench-minimal/``, the same middleware and nothing else) and between 10x and 1x data;
- the number of SQL queries of each page at 1x and 10x (they should be equal);
- the weight of each page: its HTML, with the CSS and scripts it links, and all of it gzipped.

See bench/README.md for how to read the numbers.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent

# The databases are fresh SQLite files in a temporary folder: settings are read at
# django.setup(), so the environment is set first. A DATABASE_URL of the shell (e.g. the
# PostgreSQL test database) is ignored on purpose: the bench creates and drops its own data.
_TMP = tempfile.TemporaryDirectory(prefix="enlace-bench-")
os.environ["ENLACE_DATA_DIR"] = _TMP.name
os.environ.pop("DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"  # enlace.settings + 2 DBs + bench URLs
os.environ["ENLACE_DEBUG"] = "false"
os.environ["ENLACE_ALLOWED_HOSTS"] = "testserver"
sys.path.insert(0, str(BENCH_DIR))

import django  # noqa: E402

django.setup()

from bench_settings import ScaleRouter  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from enlace.accounts.models import User  # noqa: E402
from enlace.demo.data import TELA_DATE  # noqa: E402
from enlace.demo.load import load_demo  # noqa: E402
from enlace.meetings.models import (  # noqa: E402
    AgendaItem,
    Meeting,
    MeetingDocument,
    Participation,
    Representative,
    Visibility,
)
from enlace.network.models import (  # noqa: E402
    Body,
    Country,
    Membership,
    Organisation,
    Person,
    Post,
)
from enlace.reports.models import Report, ReportPoint  # noqa: E402

MEETINGS_PER_UNIT = 50
MEMBERSHIPS_PER_UNIT = 100
DELEGATIONS_PER_MEETING = 10  # member countries, plus two organisations
SCALES = (1, 10)
ALIASES = {1: "default", 10: "x10"}  # see bench_settings.py

CITIES = ["San José", "Guatemala", "Tegucigalpa", "Panamá", "San Salvador", "Managua", "Belmopán"]
GIVEN = ["Ana", "Luis", "María", "José", "Carmen", "Jorge", "Lucía", "Pedro", "Rosa", "Diego"]
FAMILY = ["García", "Hernández", "López", "Martínez", "Pérez", "Ramírez", "Torres", "Flores"]
POINT_TEXT = (
    "Los países miembros presentaron y discutieron los avances en el combate a la trata de "
    "personas y el tráfico ilícito de migrantes, y acordaron remitir a la Secretaría Técnica, "
    "a más tardar el 21 de julio, la información solicitada."
)


# --- data -----------------------------------------------------------------------------------


def grow(units: int, start: int, rng: random.Random) -> None:
    """Add ``units`` x (50 meetings and 100 memberships) of generated data, in bulk."""
    network = Body.objects.get(slug="trafficking-network")
    grcm = Body.objects.get(slug="grcm")
    countries = list(Country.objects.all())
    members = [c for c in countries if c.status == Country.Status.MEMBER]
    organisations = list(Organisation.objects.all())
    visibilities = [Visibility.PUBLIC] * 8 + [Visibility.NETWORK, Visibility.MEMBERS]

    meetings = []
    for i in range(start * MEETINGS_PER_UNIT, (start + units) * MEETINGS_PER_UNIT):
        day = datetime.date(2009, 1, 1) + datetime.timedelta(days=rng.randrange(6000))
        meetings.append(
            Meeting(
                body=rng.choice([network, network, grcm]),
                title=f"Reunión de la Red de Funcionarios de Enlace n.º {i + 1}",
                start_date=day,
                end_date=day + datetime.timedelta(days=rng.randrange(2)),
                city=rng.choice(CITIES),
                country=rng.choice(members),
                format=rng.choice(list(Meeting.Format)),
                visibility=rng.choice(visibilities),
            )
        )
    meetings = Meeting.objects.bulk_create(meetings)

    participations = []
    agenda = []
    documents = []
    reports = []
    for meeting in meetings:
        for country in rng.sample(members, DELEGATIONS_PER_MEETING):
            participations.append(Participation(meeting=meeting, country=country))
        for organisation in rng.sample(organisations, 2):
            participations.append(Participation(meeting=meeting, organisation=organisation))
        agenda += [
            AgendaItem(meeting=meeting, position=p, title=f"Punto de agenda {p}")
            for p in range(1, 5)
        ]
        documents.append(
            MeetingDocument(
                meeting=meeting,
                title=f"Informe {meeting.title}",
                file="meetings/documents/bench.pdf",
                visibility=meeting.visibility,
            )
        )
        published = rng.random() < 0.8
        reports.append(
            Report(
                meeting=meeting,
                language="es",
                title=f"Informe de la {meeting.title}",
                place_line=f"{meeting.city}, {meeting.country}",
                date_line=f"{meeting.start_date:%d/%m/%Y}",
                opening="La Red de Funcionarios de Enlace se reunió con la participación de "
                "representantes de los países miembros y presenta su informe al GRCM.",
                status=Report.Status.ADOPTED if published else Report.Status.DRAFT,
                adopted_on=meeting.start_date if published else None,
                is_published=published,
            )
        )
    participations = Participation.objects.bulk_create(participations)
    Representative.objects.bulk_create(
        Representative(participation=p, name=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}")
        for p in participations
        if p.country_id
    )
    AgendaItem.objects.bulk_create(agenda)
    MeetingDocument.objects.bulk_create(documents)
    reports = Report.objects.bulk_create(reports)
    ReportPoint.objects.bulk_create(
        ReportPoint(report=report, position=p, level=1 if p == 3 else 0, text=POINT_TEXT)
        for report in reports
        for p in range(1, 6)
    )

    # The directory: working groups with a post per country; each post held in turn by
    # several people, the last of whom holds it today (history is kept).
    posts = []
    for g in range(start, start + units):
        body = Body.objects.create(
            slug=f"bench-working-group-{g + 1}",
            kind=Body.Kind.WORKING_GROUP,
            name_es=f"Grupo de trabajo {g + 1}",
            name_en=f"Working group {g + 1}",
            name_fr=f"Groupe de travail {g + 1}",
            reports_to=grcm,
        )
        posts += Post.objects.bulk_create(
            Post(body=body, role=role, country=country)
            for country in countries
            for role in (Post.Role.LIAISON_OFFICER, Post.Role.ALTERNATE)
        )
    count = units * MEMBERSHIPS_PER_UNIT
    people = Person.objects.bulk_create(
        Person(
            given_name=rng.choice(GIVEN),
            family_name=f"{rng.choice(FAMILY)} {start * MEMBERSHIPS_PER_UNIT + i + 1}",
            email=f"person{start * MEMBERSHIPS_PER_UNIT + i + 1}@example.org",
            phone="+000 0000 0000",
        )
        for i in range(count)
    )
    holders: dict[int, list[Person]] = {}
    for i, person in enumerate(people):
        holders.setdefault(i % len(posts), []).append(person)
    memberships = []
    for index, turn in holders.items():
        for n, person in enumerate(turn):
            first = datetime.date(2008, 1, 1) + datetime.timedelta(days=900 * n)
            last = n == len(turn) - 1
            memberships.append(
                Membership(
                    person=person,
                    post=posts[index],
                    institution="Ministerio de Seguridad",
                    position="Funcionario/a de enlace",
                    start_date=first,
                    end_date=None if last else first + datetime.timedelta(days=899),
                )
            )
    Membership.objects.bulk_create(memberships)


# --- measuring ------------------------------------------------------------------------------


@dataclass
class Sample:
    page: str
    user: str
    scale: int
    median_ms: float
    median_cpu_ms: float
    queries: int
    status: int
    html_bytes: int
    asset_bytes: int
    total_gzip_bytes: int


@dataclass
class Target:
    page: str
    user: str
    scale: int
    url: str
    client: Client


_ASSET = re.compile(
    rb"<link[^>]+rel=\"stylesheet\"[^>]+href=\"([^\"]+)\"|<script[^>]+src=\"([^\"]+)\""
)


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def _assets(client: Client, html: bytes) -> list[bytes]:
    """The stylesheets and scripts a page links (served by WhiteNoise, as in the demo)."""
    found = []
    for match in _ASSET.finditer(html):
        url = (match.group(1) or match.group(2)).decode()
        if url.startswith("/"):
            response = client.get(url)
            if response.status_code == 200:
                found.append(_body(response))
    return found


def _get(target: Target) -> Any:
    ScaleRouter.alias = ALIASES[target.scale]
    return target.client.get(target.url)


def measure(targets: list[Target], repeat: int, rng: random.Random) -> list[Sample]:
    """Request every target ``repeat`` times, in a new random order each round, so that the
    load of the machine weighs on every page and both data sizes alike."""
    for _ in range(3):  # warm up: templates, URL resolver, translations, SQLite page cache
        for target in targets:
            _get(target)
    times: dict[int, list[float]] = {i: [] for i in range(len(targets))}
    cpu: dict[int, list[float]] = {i: [] for i in range(len(targets))}
    order = list(range(len(targets)))
    for _ in range(repeat):
        rng.shuffle(order)
        for i in order:
            begin, begin_cpu = time.perf_counter(), time.process_time()
            response = _get(targets[i])
            _body(response)
            times[i].append(time.perf_counter() - begin)
            cpu[i].append(time.process_time() - begin_cpu)
    samples = []
    for i, target in enumerate(targets):
        # Queries are counted on one more request, apart from the timed ones.
        with CaptureQueriesContext(connections[ALIASES[target.scale]]) as captured:
            response = _get(target)
        queries = len(captured)  # now: a later request empties the connection's query log
        html = _body(response)
        assets = _assets(target.client, html) if html.lstrip().startswith(b"<!DOCTYPE") else []
        samples.append(
            Sample(
                page=target.page,
                user=target.user,
                scale=target.scale,
                median_ms=statistics.median(times[i]) * 1000,
                median_cpu_ms=statistics.median(cpu[i]) * 1000,
                queries=queries,
                status=response.status_code,
                html_bytes=len(html),
                asset_bytes=sum(len(a) for a in assets),
                total_gzip_bytes=len(gzip.compress(html))
                + sum(len(gzip.compress(a)) for a in assets),
            )
        )
    return samples


# --- report ---------------------------------------------------------------------------------


def machine_speed() -> float:
    """Milliseconds of a pure-Python loop of a million additions (best of five), so that the
    absolute times of runs on different machines can be compared."""
    best = float("inf")
    for _ in range(5):
        begin = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i
        best = min(best, time.perf_counter() - begin)
    return best * 1000


def print_report(
    samples: list[Sample], counts: dict[int, dict[str, int]], repeat: int, speed_ms: float
) -> None:
    by_key = {(s.page, s.user, s.scale): s for s in samples}
    low, high = SCALES
    print(
        f"Enlace page benchmark · Python {platform.python_version()} · Django "
        f"{django.get_version()} · SQLite {sqlite3.sqlite_version} · {os.cpu_count()} CPU · "
        f"median of {repeat} requests per page, in-process django.test.Client"
    )
    print(f"machine: a Python loop of 10^6 additions takes {speed_ms:.0f} ms")
    for scale in SCALES:
        c = counts[scale]
        print(
            f"data {scale:>2}x: {c['meetings']} meetings, {c['participations']} delegations, "
            f"{c['reports']} reports, {c['points']} points, {c['memberships']} memberships "
            f"({c['current']} current)"
        )
    print()
    header = (
        f"{'page':<19} {'user':<7} {'ms 1x':>6} {'ms 10x':>6} {'10x/1x':>6} {'/min':>5} "
        f"{'cpu ms':>6} {'q 1x':>4} {'q 10x':>5} {'KB':>5} {'+CSS/JS':>7} {'gzip':>5}"
    )
    print(header)
    print("-" * len(header))
    users = list(dict.fromkeys(s.user for s in samples))
    pages = list(dict.fromkeys(s.page for s in samples))
    for user in users:
        minimal = by_key[("minimal view", user, low)].median_ms
        for page in pages:
            a = by_key[(page, user, low)]
            b = by_key[(page, user, high)]
            status = "" if a.status == b.status == 200 else f"  (HTTP {a.status}/{b.status})"
            print(
                f"{page:<19} {user:<7} {a.median_ms:>6.1f} {b.median_ms:>6.1f} "
                f"{b.median_ms / a.median_ms:>6.2f} {a.median_ms / minimal:>5.0f} "
                f"{a.median_cpu_ms:>6.1f} {a.queries:>4} {b.queries:>5} "
                f"{b.html_bytes / 1024:>5.1f} {(b.html_bytes + b.asset_bytes) / 1024:>7.1f} "
                f"{b.total_gzip_bytes / 1024:>5.1f}{status}"
            )
    pages_only = [s for s in samples if s.page != "minimal view"]
    grown = [
        f"NO, {s.page} ({s.user}): {by_key[(s.page, s.user, low)].queries} -> {s.queries}"
        for s in pages_only
        if s.scale == high and s.queries != by_key[(s.page, s.user, low)].queries
    ]
    heaviest = max(pages_only, key=lambda s: s.html_bytes + s.asset_bytes)
    most_queries = max(pages_only, key=lambda s: s.queries)
    ratios = [
        by_key[(s.page, s.user, high)].median_ms / s.median_ms for s in pages_only if s.scale == low
    ]
    print()
    print("Query counts equal at 1x and 10x: " + ("; ".join(grown) if grown else "yes"))
    print(
        f"Most queries on a page: {most_queries.queries} ({most_queries.page}, "
        f"{most_queries.user}); aim: about ten at most"
    )
    print(
        f"Heaviest page with its CSS and scripts: "
        f"{(heaviest.html_bytes + heaviest.asset_bytes) / 1024:.1f} KB ({heaviest.page}); "
        f"aim: under 150 KB"
    )
    print(f"Time 10x/1x: median {statistics.median(ratios):.2f}, worst {max(ratios):.2f}")


def _counts() -> dict[str, int]:
    return {
        "meetings": Meeting.objects.count(),
        "participations": Participation.objects.count(),
        "reports": Report.objects.count(),
        "points": ReportPoint.objects.count(),
        "memberships": Membership.objects.count(),
        "current": Membership.objects.current().count(),
    }


def build(scale: int) -> tuple[dict[str, int], dict[str, str], dict[str, Client]]:
    """Create the database of one data size; its counts, page URLs and logged-in clients."""
    ScaleRouter.alias = alias = ALIASES[scale]
    call_command("migrate", database=alias, interactive=False, verbosity=0)
    with transaction.atomic(using=alias):
        load_demo()
        grow(scale, 0, random.Random(2008))  # noqa: S311 (the same data on every run)
    tela = Report.objects.get(meeting__start_date=TELA_DATE, language="es")
    pages = {
        "minimal view": "/bench-minimal/",
        "/meetings/": "/meetings/",
        "/meetings/<Tela>/": f"/meetings/{tela.meeting_id}/",
        "/reports/<Tela>/": f"/reports/{tela.pk}/",
        "/directory/": "/directory/",
        "/api/v1/meetings": "/api/v1/meetings",
        "/api/v1/directory": "/api/v1/directory",
    }
    officer = Client()
    officer.force_login(User.objects.get(username="honduras"))  # its session is in this DB
    return _counts(), pages, {"public": Client(), "officer": officer}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page (30)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args()

    started = time.perf_counter()
    counts: dict[int, dict[str, int]] = {}
    targets: list[Target] = []
    for scale in SCALES:
        counts[scale], pages, clients = build(scale)
        targets += [
            Target(page, user, scale, url, client)
            for user, client in clients.items()
            for page, url in pages.items()
        ]
    speed_ms = machine_speed()
    samples = measure(targets, args.repeat, random.Random(1996))  # noqa: S311 (not a secret)
    print_report(samples, counts, args.repeat, speed_ms)
    print(f"(run took {time.perf_counter() - started:.0f} s)")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"machine_ms": speed_ms, "counts": counts, "samples": [asdict(s) for s in samples]},
                indent=2,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    try:
        main()
    finally:
        for conn in connections.all():
            conn.close()
        _TMP.cleanup()
