"""Cooperation benchmark: the inbox and the case page at 1x and 10x data, in one run, and the
cost of decrypting a page of identities.

Run from the repository root:

    uv run python bench/cooperation.py                  # a few minutes
    uv run python bench/cooperation.py --units 5000     # 1x = 5,000 (10x = 50,000)

Same machinery as bench_pages.py (throw-away SQLite databases in a temporary folder, never the
demo's, never ``DATABASE_URL``; requests through ``django.test.Client`` in-process, the two data
sizes in alternation, in a new random order each round). Each database gets the demo and
generated requests, each about its own protected case with encrypted identifying data
(``bulk_create``):

- 1x: ``--units`` requests and cases (10,000 by default) between the eight Central American and
  North American member countries, two parties each (Honduras party to about a quarter);
- 10x: ten times as many (100,000 requests and 100,000 cases, each identity encrypted).

Ten times the data is ten times the history: the open requests (the working set a country's
inbox shows first) stay a few hundred, as in a network whose requests get answered; all the rest
is completed, declined and closed years of cases. If building the 10x data would not fit
``--budget`` seconds, a smaller multiple is used and printed.

It prints, for the inbox (``/cooperation/``), a request page, a case page and the API list, the
median time at each size, the ratio (target: at most 1.5) and the queries of each (target:
equal); then the time to fetch a page of 50 cases with and without decrypting their identities.
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

import bench_pages
from bench_pages import ALIASES, Target, machine_speed, measure
from bench_settings import ScaleRouter
from django.core.management import call_command
from django.db import connections, transaction
from django.test import Client

from enlace.accounts.models import User
from enlace.cooperation.models import (
    CaseIdentity,
    CooperationRequest,
    ProtectedCase,
    RequestParty,
    RequestType,
)
from enlace.core import crypto
from enlace.demo.load import load_demo
from enlace.network.models import Country

COUNTRIES = ["HND", "MEX", "GTM", "SLV", "NIC", "CRI", "PAN", "BLZ"]
OPEN_PER_UNIT = 300  # open requests, the same at every size
BATCH = 5000


def grow(units: int, rng: random.Random) -> float:
    """``units`` requests and as many cases; returns the seconds spent encrypting."""
    countries = {c.code: c.pk for c in Country.objects.filter(code__in=COUNTRIES)}
    today = datetime.date.today()
    types = list(RequestType.values)
    encrypt_seconds = 0.0
    for start in range(0, units, BATCH):
        size = min(BATCH, units - start)
        cases = []
        pairs = []
        for i in range(size):
            origin, target = rng.sample(COUNTRIES, 2)
            if rng.random() < 0.12:  # Honduras party to about a quarter
                origin = "HND" if target != "HND" else origin
            pairs.append((origin, target))
            cases.append(
                ProtectedCase(
                    code=f"PC-B{start + i:08d}",
                    owner_country_id=countries[origin],
                    age_at_identification=rng.randint(8, 60),
                    sex=rng.choice(["Male", "Female"]),
                    exploitation=[rng.choice(["SexualExploitation", "LabourExploitation"])],
                    sharing_consent=True,
                )
            )
        cases = ProtectedCase.objects.bulk_create(cases, batch_size=1000)
        begin = time.perf_counter()
        identities = [
            CaseIdentity(
                case=case,
                payload=crypto.encrypt_json(
                    {
                        "given_name": f"Bench {case.code}",
                        "family_name": "Persona",
                        "birth_date": "1990-01-01",
                        "documents": f"DOC-{case.code}",
                        "contacts": "+000 0000",
                    }
                ),
            )
            for case in cases
        ]
        encrypt_seconds += time.perf_counter() - begin
        CaseIdentity.objects.bulk_create(identities, batch_size=1000)
        requests = []
        for i, case in enumerate(cases):
            number = start + i
            is_open = number < OPEN_PER_UNIT
            sent = today - datetime.timedelta(
                days=rng.randint(1, 90) if is_open else 200 + number % 3000
            )
            requests.append(
                CooperationRequest(
                    type=rng.choice(types),
                    requesting_country_id=countries[pairs[i][0]],
                    case=case,
                    summary="Bench request about the case.",
                    state=rng.choice(["sent", "acknowledged", "in_progress"])
                    if is_open
                    else "closed",
                    decline_reason="",
                    sent_on=sent,
                    due_on=sent + datetime.timedelta(days=30),
                    completed_on=None if is_open else sent + datetime.timedelta(days=20),
                )
            )
        requests = CooperationRequest.objects.bulk_create(requests, batch_size=1000)
        RequestParty.objects.bulk_create(
            [
                RequestParty(request=r, country_id=countries[pairs[i][0]], role="requesting")
                for i, r in enumerate(requests)
            ]
            + [
                RequestParty(request=r, country_id=countries[pairs[i][1]], role="requested")
                for i, r in enumerate(requests)
            ],
            batch_size=2000,
        )
    return encrypt_seconds


def build(units: int, alias: str) -> tuple[dict[str, float], dict[str, str], dict[str, Client]]:
    ScaleRouter.alias = alias
    call_command("migrate", database=alias, interactive=False, verbosity=0)
    with transaction.atomic(using=alias):
        load_demo()
        begin = time.perf_counter()
        encrypting = grow(units, random.Random(2008))  # noqa: S311
    hnd = Country.objects.get(code="HND")
    request = (
        CooperationRequest.objects.filter(
            requesting_country=hnd, state="sent", case__code__startswith="PC-B"
        )
        .order_by("pk")
        .first()
    )
    assert request is not None
    assert request.case is not None
    counts: dict[str, float] = {
        "seconds": round(time.perf_counter() - begin, 1),
        "encrypting s": round(encrypting, 1),
        "requests": CooperationRequest.objects.count(),
        "cases": ProtectedCase.objects.count(),
        "open": CooperationRequest.objects.exclude(state="closed").count(),
    }
    pages = {
        "minimal view": "/bench-minimal/",
        "inbox": "/cooperation/",
        "request page": f"/cooperation/requests/{request.pk}/",
        "case page": f"/cooperation/cases/{request.case.code}/",
        "api requests": "/api/v1/cooperation/requests",
    }
    officer = Client()
    officer.force_login(User.objects.get(username="honduras"))
    return counts, pages, {"officer": officer}


def decrypt_cost(alias: str, rounds: int) -> tuple[float, float]:
    """Median ms to fetch a page of 50 cases of Honduras: without identity, and with each
    identity fetched and decrypted."""
    ScaleRouter.alias = alias
    hnd = Country.objects.get(code="HND")
    plain: list[float] = []
    decrypted: list[float] = []
    for _ in range(rounds):
        begin = time.perf_counter()
        rows = list(ProtectedCase.objects.filter(owner_country=hnd).order_by("-pk")[:50])
        assert len(rows) == 50
        plain.append((time.perf_counter() - begin) * 1000)
        begin = time.perf_counter()
        rows = list(
            ProtectedCase.objects.filter(owner_country=hnd)
            .select_related("identity")
            .order_by("-pk")[:50]
        )
        names = [crypto.decrypt_json(r.identity.payload)["given_name"] for r in rows]
        assert len(names) == 50
        decrypted.append((time.perf_counter() - begin) * 1000)
    return statistics.median(plain), statistics.median(decrypted)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed requests per page (7)")
    parser.add_argument("--units", type=int, default=10_000, help="1x requests and cases")
    parser.add_argument(
        "--budget", type=float, default=400, help="seconds for building the large data (400)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    crypto.ensure_demo_key()

    begin = time.perf_counter()
    small, pages, clients = build(args.units, ALIASES[1])
    small_seconds = time.perf_counter() - begin
    scale = 10
    if small["seconds"] * 10 > args.budget:
        scale = max(2, int(args.budget / small["seconds"]))
    begin = time.perf_counter()
    large, large_pages, large_clients = build(args.units * scale, ALIASES[10])
    large_seconds = time.perf_counter() - begin

    targets: list[Target] = []
    for size, page_urls, users in ((1, pages, clients), (10, large_pages, large_clients)):
        for page, url in page_urls.items():
            targets += [Target(page, user, size, url, c) for user, c in users.items()]
    speed_ms = machine_speed()
    samples = measure(targets, args.repeat, random.Random(1996))  # noqa: S311

    label = f"{scale}x"
    print(
        f"Enlace cooperation benchmark · SQLite {sqlite3.sqlite_version} · median of "
        f"{args.repeat} requests per page, in-process django.test.Client"
    )
    print(f"machine: a Python loop of 10^6 additions takes {speed_ms:.0f} ms")
    print(f"data  1x: {small} (built in {small_seconds:.0f} s)")
    reduced = "" if scale == 10 else f"  [reduced from 10x to {label} to fit the budget]"
    print(f"data {label:>3}: {large} (built in {large_seconds:.0f} s){reduced}")
    print()
    header = (
        f"{'page':<14} {'user':<7} {'ms 1x':>7} {'ms ' + label:>7} {'ratio':>6} "
        f"{'q 1x':>5} {'q ' + label:>5} {'HTTP':>8}"
    )
    print(header)
    print("-" * len(header))
    by_key = {(s.page, s.user, s.scale): s for s in samples}
    ratios = []
    grown = []
    for user in clients:
        for page in pages:
            a, b = by_key[(page, user, 1)], by_key[(page, user, 10)]
            ratio = b.median_ms / a.median_ms
            if page != "minimal view":
                ratios.append((ratio, page, user))
                if a.queries != b.queries:
                    grown.append(f"{page} ({user}): {a.queries} -> {b.queries}")
            print(
                f"{page:<14} {user:<7} {a.median_ms:>7.1f} {b.median_ms:>7.1f} {ratio:>6.2f} "
                f"{a.queries:>5} {b.queries:>5} {a.status:>4}/{b.status:<3}"
            )
    print()
    print(f"Query counts equal at 1x and {label}: " + ("; ".join(grown) if grown else "yes"))
    worst = max(ratios)
    over = [f"{p} ({u}) {r:.2f}" for r, p, u in ratios if r > 1.5]
    print(
        f"Time {label}/1x: median {statistics.median(r for r, _p, _u in ratios):.2f}, "
        f"worst {worst[0]:.2f} ({worst[1]}, {worst[2]}); target at most 1.5: "
        + ("met" if not over else "NOT met by " + ", ".join(over))
    )
    for size, alias in ((1, ALIASES[1]), (scale, ALIASES[10])):
        plain, decrypted = decrypt_cost(alias, max(args.repeat, 5))
        print(
            f"A page of 50 cases at {size}x: {plain:.1f} ms without identity, {decrypted:.1f} ms "
            f"with every identity fetched and decrypted ({decrypted / plain:.1f}x, "
            f"+{(decrypted - plain) / 50:.3f} ms a case)"
        )
    print(f"(run took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    try:
        main()
    finally:
        for conn in connections.all():
            conn.close()
        bench_pages._TMP.cleanup()
