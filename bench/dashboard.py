"""Country reports benchmark: the regional dashboard and the public statistics at 1x and 10x
figures, in one run.

Run from the repository root:

    uv run python bench/dashboard.py                    # a few minutes
    uv run python bench/dashboard.py --repeat 15        # steadier medians

Same machinery as bench_pages.py (throw-away SQLite databases in a temporary folder, never the
demo's, never ``DATABASE_URL``; requests through ``django.test.Client`` in-process, the two data
sizes in alternation, in a new random order each round). Each database gets the demo (with its
own ten years of demo reports) and a generated history: the 11 member countries over 30 years
(1995–2024), every report with the full catalogue of figures and their breakdowns (87 figures:
totals, by sex, by age group and band, by form of exploitation, by citizenship, per crime),
published:

- 1x: 105 reporting rounds spread over the 30 years, 11 reports each: 100,485 figures;
- 10x: 1,050 rounds, 1,004,850 figures (the same 30 years, ten times the reports).

Generated with ``bulk_create``, a fixed seed. If building the large data would not fit
``--budget`` seconds, a smaller multiple is used and printed.

It prints, for the dashboard (``/statistics/dashboard/``, all countries and years; and with a
breakdown filter), the public page (``/statistics/``) with its CSV, and the dashboard's API
series, the median time at each size, the ratio 10x/1x (target: at most 1.5) and the SQL
queries of each (target: equal).
"""

from __future__ import annotations

import argparse
import datetime
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# bench_pages sets up the environment (temporary data folder, bench settings) and Django.
import bench_pages
from bench_pages import ALIASES, Target, machine_speed, measure
from bench_settings import ScaleRouter
from django.core.management import call_command
from django.db import connections, transaction
from django.test import Client

from enlace.accounts.models import User
from enlace.countryreports.indicators import all_keys
from enlace.countryreports.models import CountryReport, Figure, FigureTotal, ReportingRound
from enlace.countryreports.totals import rebuild_totals
from enlace.demo.load import load_demo
from enlace.network.models import Country

ROUNDS_PER_UNIT = 105
FIRST_YEAR, YEARS = 1995, 30


def grow(rounds: int, rng: random.Random) -> None:
    """``rounds`` published rounds over the 30 years, each with a report of every member
    country and the full catalogue of figures."""
    members = list(Country.objects.filter(status=Country.Status.MEMBER).order_by("pk"))
    keys = all_keys()
    batch: list[Figure] = []
    for n in range(rounds):
        year = FIRST_YEAR + n * YEARS // rounds
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=n % 300)
        found = ReportingRound.objects.create(
            title=f"Bench {n}",
            period_start=day,
            period_end=day.replace(month=12, day=31),
            deadline=day.replace(month=12, day=31),
        )
        reports = CountryReport.objects.bulk_create(
            CountryReport(round=found, country=c, status="published") for c in members
        )
        for report in reports:
            for key in keys:
                batch.append(
                    Figure(
                        report=report,
                        country_id=report.country_id,
                        year=year,
                        published=True,
                        indicator=key.indicator,
                        crime=key.crime,
                        dimension=key.dimension,
                        category=key.category,
                        value=rng.randrange(0, 60),
                    )
                )
        if len(batch) >= 20_000:
            Figure.objects.bulk_create(batch, batch_size=5000)
            batch = []
    Figure.objects.bulk_create(batch, batch_size=5000)


def build(scale: float, alias: str) -> tuple[dict[str, float], dict[str, str], dict[str, Client]]:
    ScaleRouter.alias = alias
    call_command("migrate", database=alias, interactive=False, verbosity=0)
    with transaction.atomic(using=alias):
        load_demo()
        begin = time.perf_counter()
        grow(round(ROUNDS_PER_UNIT * scale), random.Random(1996))  # noqa: S311
        rebuild_totals()
    counts: dict[str, float] = {
        "seconds": round(time.perf_counter() - begin, 1),
        "rounds": ReportingRound.objects.count(),
        "reports": CountryReport.objects.count(),
        "figures": Figure.objects.count(),
        "totals": FigureTotal.objects.count(),
    }
    pages = {
        "minimal view": "/bench-minimal/",
        "dashboard": "/statistics/dashboard/",
        "dash by form": "/statistics/dashboard/?series=victims_identified&form=sexual",
        "public page": "/statistics/",
        "public csv": "/statistics/?export=csv",
        "api series": "/api/v1/statistics/series?series=convictions.tip",
    }
    officer = Client()
    officer.force_login(User.objects.get(username="honduras"))
    return counts, pages, {"officer": officer, "public": Client()}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9, help="timed requests per page (9)")
    parser.add_argument(
        "--budget", type=float, default=300, help="seconds for building the large data (300)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    small, pages, clients = build(1, ALIASES[1])
    scale: float = 10
    if small["seconds"] * 10 > args.budget:
        scale = max(2, int(args.budget / max(small["seconds"], 0.1)))
    large, _pages, large_clients = build(scale, ALIASES[10])

    targets: list[Target] = []
    for size, users in ((1, clients), (10, large_clients)):
        for page, url in pages.items():
            for user, client in users.items():
                if user == "public" and page.startswith(("dash", "api")):
                    continue
                targets.append(Target(page, user, size, url, client))
    speed_ms = machine_speed()
    samples = measure(targets, args.repeat, random.Random(2008))  # noqa: S311
    label = f"{scale:g}x"
    print(
        f"Enlace dashboard benchmark · SQLite {sqlite3.sqlite_version} · median of "
        f"{args.repeat} requests per page, in-process django.test.Client"
    )
    print(f"machine: a Python loop of 10^6 additions takes {speed_ms:.0f} ms")
    print(f"data  1x: {small}")
    reduced = "" if scale == 10 else f"  [reduced from 10x to {label} to fit the budget]"
    print(f"data {label:>3}: {large}{reduced}")
    print()
    header = (
        f"{'page':<13} {'user':<7} {'ms 1x':>7} {'ms ' + label:>7} {'ratio':>6} "
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
            if page != "minimal view":
                ratios.append((ratio, page, user))
                if a.queries != b.queries:
                    grown.append(f"{page} ({user}): {a.queries} -> {b.queries}")
            print(
                f"{page:<13} {user:<7} {a.median_ms:>7.1f} {b.median_ms:>7.1f} {ratio:>6.2f} "
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
