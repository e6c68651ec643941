"""Work plan benchmark: the plan's pages at 1x and 10x data, in one run.

Run from the repository root:

    uv run python bench/workplan.py                 # about two to three minutes
    uv run python bench/workplan.py --repeat 15 --budget 60   # steadier medians, smaller 10x

Same machinery as bench_pages.py (throw-away SQLite databases in a temporary folder, never the
demo's, never ``DATABASE_URL``; requests through ``django.test.Client`` in-process, the two data
sizes in alternation, in a new random order each round). Each database gets the demo and a
generated work plan history:

- 1x: 20 versions (19 superseded, the last adopted: the version in force) of 500 activities
  each, 10,000 activities in all, under 4 axes and 20 objectives per version; one or two
  responsible member countries per activity; in each version a tenth of the activities are in
  the Work Plan Archive (completed or cancelled, most published);
- 10x: ten times the history (200 versions, 100,000 activities, ten times the archive), the
  version in force keeping the size of a real plan. If building it would not fit ``--budget``
  seconds, a smaller multiple is used and printed.

It prints, for the plan version page (the version in force), the follow-up dashboard
(``/workplan/dashboard/``) and an archive search (``/workplan/archive/?q=…``), plus their API
counterparts, and the comparison of the version in force with the one before it
(``/workplan/compare/``), the median time at each size, the ratio 10x/1x (target: at most 1.5)
and the SQL queries of each (target: equal). A page whose URL does not resolve yet is skipped,
and said so.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sqlite3
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# bench_pages sets up the environment (temporary data folder, bench settings) and Django.
import bench_pages
from bench_pages import ALIASES, Target, machine_speed, measure
from bench_settings import ScaleRouter
from django.core.management import call_command
from django.db import connections, transaction
from django.test import Client
from django.urls import Resolver404, resolve

from enlace.accounts.models import User
from enlace.demo.load import load_demo
from enlace.network.models import Body, Country
from enlace.workplan.models import (
    Activity,
    Axis,
    Objective,
    PlanOfAction,
    WorkPlan,
    WorkPlanVersion,
)

VERSIONS_PER_UNIT = 20
AXES = 4
OBJECTIVES_PER_AXIS = 5
ACTIVITIES_PER_OBJECTIVE = 25  # 4 x 5 x 25 = 500 per version
ARCHIVED_SHARE = 0.1
SEARCH = "taller regional"
WORDS = [
    "taller",
    "regional",
    "protocolo",
    "guía",
    "intercambio",
    "capacitación",
    "estudio",
    "campaña",
    "reunión",
    "directorio",
    "informe",
    "mecanismo",
]
AXIS_TITLES = [
    ("Inteligencia e investigación", "Intelligence and investigation"),
    ("Cooperación judicial transfronteriza", "Cross-border judicial cooperation"),
    ("Detención administrativa y alternativas", "Administrative detention and alternatives"),
    ("Protección", "Protection"),
]


def _title(rng: random.Random, n: int) -> str:
    return " ".join(rng.sample(WORDS, 3)).capitalize() + f" n.º {n}"


def grow(versions: int, rng: random.Random) -> int:
    """A generated plan with ``versions`` versions of 500 activities; returns the version in
    force's id. Bulk inserts, a fixed seed."""
    network = Body.objects.get(slug="trafficking-network")
    plan = WorkPlan.objects.create(
        slug="bench-plan",
        body=network,
        plan_of_action=PlanOfAction.objects.get(slug="crm-plan-of-action"),
        period_start=2000,
        period_end=2030,
        name_es="Plan de prueba",
        name_en="Bench plan",
        name_fr="Plan d'essai",
    )
    members = list(Country.objects.filter(status=Country.Status.MEMBER))
    through = Activity.responsible_countries.through
    today = datetime.date.today()
    statuses = list(Activity.Status)
    keys = [uuid.UUID(int=rng.getrandbits(128)) for _ in range(AXES * OBJECTIVES_PER_AXIS * 30)]
    previous: WorkPlanVersion | None = None
    for number in range(1, versions + 1):
        in_force = number == versions
        version = WorkPlanVersion.objects.create(
            work_plan=plan,
            number=number,
            status=WorkPlanVersion.Status.ADOPTED
            if in_force
            else WorkPlanVersion.Status.SUPERSEDED,
            based_on=previous,
            adopted_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=40 * number),
        )
        previous = version
        axes = Axis.objects.bulk_create(
            Axis(version=version, position=a + 1, title_es=es, title_en=en, key=keys[a])
            for a, (es, en) in enumerate(AXIS_TITLES[:AXES])
        )
        objectives = Objective.objects.bulk_create(
            Objective(
                version=version,
                axis=axis,
                position=o + 1,
                key=keys[10 + a * OBJECTIVES_PER_AXIS + o],
                title_es=f"Objetivo {a + 1}.{o + 1}",
                title_en=f"Objective {a + 1}.{o + 1}",
                weight=rng.randint(1, 3),
            )
            for a, axis in enumerate(axes)
            for o in range(OBJECTIVES_PER_AXIS)
        )
        activities: list[Activity] = []
        for objective in objectives:
            for p in range(ACTIVITIES_PER_OBJECTIVE):
                n = len(activities) + 1
                archived = rng.random() < ARCHIVED_SHARE
                status = (
                    rng.choice([Activity.Status.COMPLETED, Activity.Status.CANCELLED])
                    if archived
                    else rng.choice(statuses)
                )
                end = today + datetime.timedelta(days=rng.randrange(-400, 400))
                done = end - datetime.timedelta(days=rng.randrange(30))
                activities.append(
                    Activity(
                        version=version,
                        objective=objective,
                        position=p + 1,
                        title_es=_title(rng, n),
                        title_en=f"Activity {n}",
                        status=status,
                        progress=100
                        if status == Activity.Status.COMPLETED
                        else rng.randrange(0, 100),
                        weight=rng.randint(1, 3),
                        start_date=end - datetime.timedelta(days=365),
                        end_date=end,
                        completed_on=done if status == Activity.Status.COMPLETED else None,
                        results="Resultados del taller y del informe" if archived else "",
                        cancel_reason="Sustituida" if status == Activity.Status.CANCELLED else "",
                        archived_on=done if archived else None,
                        archive_published=archived and rng.random() < 0.8,
                    )
                )
        activities = Activity.objects.bulk_create(activities, batch_size=500)
        through.objects.bulk_create(
            (
                through(activity_id=a.pk, country_id=c.pk)
                for a in activities
                for c in rng.sample(members, rng.choice([1, 1, 2]))
            ),
            batch_size=1000,
        )
    assert previous is not None
    return previous.pk


def build(scale: int, alias: str) -> tuple[dict[str, float], dict[str, str], dict[str, Client]]:
    """One database: migrated, the demo, the generated history; its counts (and the seconds
    the history took), the page URLs and the clients (public, a liaison officer)."""
    ScaleRouter.alias = alias
    call_command("migrate", database=alias, interactive=False, verbosity=0)
    with transaction.atomic(using=alias):
        load_demo()
        begin = time.perf_counter()
        versions_in_force = VERSIONS_PER_UNIT * scale
        in_force = grow(versions_in_force, random.Random(2019))  # noqa: S311
    counts: dict[str, float] = {
        "seconds": round(time.perf_counter() - begin, 1),
        "versions": WorkPlanVersion.objects.filter(work_plan__slug="bench-plan").count(),
        "activities": Activity.objects.filter(version__work_plan__slug="bench-plan").count(),
        "archived": Activity.objects.filter(
            version__work_plan__slug="bench-plan", archived_on__isnull=False
        ).count(),
    }
    q = SEARCH.replace(" ", "+")
    # The version before the one in force, for the comparison of the two (500 activities each).
    before = (
        WorkPlanVersion.objects.filter(work_plan__slug="bench-plan", number__lt=versions_in_force)
        .order_by("-number")
        .values_list("pk", flat=True)
        .first()
    )
    pages = {
        "minimal view": "/bench-minimal/",
        "version page": f"/workplan/versions/{in_force}/",
        "dashboard": "/workplan/dashboard/",
        "archive search": f"/workplan/archive/?q={q}",
        "api version": f"/api/v1/workplan/versions/{in_force}",
        "compare": f"/workplan/compare/?a={before}&b={in_force}",
        "api archive q": f"/api/v1/workplan/archive?q={q}",
    }
    officer = Client()
    officer.force_login(User.objects.get(username="honduras"))
    return counts, pages, {"public": Client(), "officer": officer}


def resolves(url: str) -> bool:
    try:
        resolve(url.split("?", 1)[0])
    except Resolver404:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed requests per page (7)")
    parser.add_argument(
        "--budget", type=float, default=150, help="seconds for building the large data (150)"
    )
    args = parser.parse_args()
    started = time.perf_counter()

    begin = time.perf_counter()
    small, pages, clients = build(1, ALIASES[1])
    small_seconds = time.perf_counter() - begin
    # Migrations and the demo cost the same at any size; the generated history is what grows.
    scale = 10
    if small["seconds"] * 10 > args.budget:
        scale = max(2, int(args.budget / small["seconds"]))
    begin = time.perf_counter()
    large, large_pages, large_clients = build(scale, ALIASES[10])
    large_seconds = time.perf_counter() - begin

    targets: list[Target] = []
    skipped = []
    for size, page_urls, users in ((1, pages, clients), (10, large_pages, large_clients)):
        for page, url in page_urls.items():
            if not resolves(url):
                if size == 1:
                    skipped.append(f"{page} ({url})")
                continue
            targets += [Target(page, user, size, url, c) for user, c in users.items()]
    speed_ms = machine_speed()
    samples = measure(targets, args.repeat, random.Random(1996))  # noqa: S311

    label = f"{scale}x"
    print(
        f"Enlace work plan benchmark · SQLite {sqlite3.sqlite_version} · median of "
        f"{args.repeat} requests per page, in-process django.test.Client"
    )
    print(f"machine: a Python loop of 10^6 additions takes {speed_ms:.0f} ms")
    print(f"data  1x: {small} (built in {small_seconds:.0f} s)")
    reduced = "" if scale == 10 else f"  [reduced from 10x to {label} to fit the budget]"
    print(f"data {label:>3}: {large} (built in {large_seconds:.0f} s){reduced}")
    for page in skipped:
        print(f"skipped, URL does not resolve yet: {page}")
    print()
    header = (
        f"{'page':<15} {'user':<7} {'ms 1x':>7} {'ms ' + label:>7} {'ratio':>6} "
        f"{'q 1x':>5} {'q ' + label:>5} {'HTTP':>8}"
    )
    print(header)
    print("-" * len(header))
    by_key = {(s.page, s.user, s.scale): s for s in samples}
    ratios = []
    grown = []
    for user in clients:
        for page in pages:
            a, b = by_key.get((page, user, 1)), by_key.get((page, user, 10))
            if a is None or b is None:
                continue
            ratio = b.median_ms / a.median_ms
            if page != "minimal view" and a.status == 200:
                ratios.append((ratio, page, user))
                if a.queries != b.queries:
                    grown.append(f"{page} ({user}): {a.queries} -> {b.queries}")
            print(
                f"{page:<15} {user:<7} {a.median_ms:>7.1f} {b.median_ms:>7.1f} {ratio:>6.2f} "
                f"{a.queries:>5} {b.queries:>5} {a.status:>4}/{b.status:<3}"
            )
    print()
    print(f"Query counts equal at 1x and {label}: " + ("; ".join(grown) if grown else "yes"))
    if ratios:
        worst = max(ratios)
        over = [f"{p} ({u}) {r:.2f}" for r, p, u in ratios if r > 1.5]
        print(
            f"Time {label}/1x: median {statistics.median(r for r, _p, _u in ratios):.2f}, "
            f"worst {worst[0]:.2f} ({worst[1]}, {worst[2]}); target at most 1.5: "
            + ("met" if not over else "NOT met by " + ", ".join(over))
        )
    print(f"(run took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    try:
        main()
    finally:
        for conn in connections.all():
            conn.close()
        bench_pages._TMP.cleanup()
