"""Serving benchmark: the main pages' throughput as a ratio to a bare view, served the
production way.

Run from the repository root:

    uv run python bench/serve.py                     # about four minutes
    uv run python bench/serve.py --seconds 1 --rounds 2   # a quick smoke run

It loads the demo into a throw-away data folder (never the demo's own, never ``DATABASE_URL``),
gives each demo account a signed-in session, and starts gunicorn as docs/deployment.md does
(2 workers, DEBUG off) with the platform's settings and one more URL, ``/bench-minimal/``: a view
that goes through the same middleware but renders and queries nothing (bench_urls.py). Then, in
``--rounds`` rounds, each (user, page) and the bare view are driven in a random order with
``wrk -t2 -c16`` for ``--seconds`` each, over loopback, with ``Accept-Encoding: gzip``. For each
page it prints the median over the rounds of its throughput as a ratio to the bare view's
throughput *in the same round* (so the machine's other work weighs on both), its p50 and p99
latency and the bytes of its compressed answer. Targets: public pages at least 0.25 of the bare
view, signed-in pages at least 0.10.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

from load import _free_port, _sessions, demo_env, load_demo_into, start_gunicorn, wait_for  # noqa: E402

PUBLIC_TARGET = 0.25
SIGNED_IN_TARGET = 0.10

# What each row asks for; {meeting}, {report}, {draft}, {request} are filled from the demo.
PUBLIC_PAGES = [
    ("home", "/"),
    ("meeting", "/meetings/{meeting}/"),
    ("report", "/reports/{report}/"),
    ("portal", "/public/"),
    ("directory", "/directory/"),
    ("statistics", "/statistics/"),
    ("search", "/search/?q=trata"),
]
SIGNED_IN_PAGES = [
    ("honduras", "home", "/"),
    ("honduras", "inbox", "/cooperation/"),
    ("honduras", "request", "/cooperation/requests/{request}/"),
    ("honduras", "work plan dashboard", "/workplan/dashboard/"),
    ("mexico", "regional dashboard", "/statistics/dashboard/"),
    ("secretariat", "home", "/"),
    ("secretariat", "report draft", "/reports/{draft}/"),
    ("observer", "home", "/"),
    ("supervisor", "home", "/"),
]
LANGUAGES = ("es", "en", "fr")

_IDS_SCRIPT = """
import django
django.setup()
from enlace.reports.models import Report
from enlace.cooperation.models import CooperationRequest
from enlace.network.models import Country
published = Report.objects.filter(is_published=True).order_by("-meeting__start_date").first()
draft = Report.objects.filter(status="draft").first() or published
honduras = Country.objects.get(code="HND")
request = CooperationRequest.objects.filter(requesting_country=honduras).order_by("pk").first()
print("meeting", published.meeting_id)
print("report", published.pk)
print("draft", draft.pk)
print("request", request.pk)
"""


@dataclass
class Row:
    label: str
    path: str
    cookie: str
    language: str
    public: bool
    ratios: list[float] = field(default_factory=list)
    rps: list[float] = field(default_factory=list)
    p50: list[float] = field(default_factory=list)
    p99: list[float] = field(default_factory=list)
    status: int = 0
    compressed: int = 0
    plain: int = 0


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def _wrk(port: int, row: Row, seconds: float) -> tuple[float, float, float]:
    """Requests per second, p50 and p99 in ms of one wrk run on one page."""
    headers = ["-H", "Accept-Encoding: gzip", "-H", f"Cookie: {_cookie_header(row)}"]
    out = subprocess.run(  # noqa: S603 (wrk with our own arguments)
        [
            shutil.which("wrk") or "wrk",
            "-t2",
            "-c16",
            f"-d{seconds:g}s",
            "--latency",
            *headers,
            f"http://127.0.0.1:{port}{row.path}",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    if "Non-2xx or 3xx responses" in out:
        raise RuntimeError(f"{row.label}: wrong answers\n{out}")
    return rps, p50, p99


def _cookie_header(row: Row) -> str:
    parts = [f"enlace_language={row.language}"]
    if row.cookie:
        parts.append(f"sessionid={row.cookie}")
    return "; ".join(parts)


def _fetch(port: int, row: Row, encoding: str) -> tuple[int, bytes, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "GET",
        row.path,
        headers={"Accept-Encoding": encoding, "Cookie": _cookie_header(row), "Host": "127.0.0.1"},
    )
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body, response.getheader("Content-Encoding", "")


def _measure_size(port: int, row: Row) -> None:
    status, body, encoding = _fetch(port, row, "gzip")
    row.status = status
    row.compressed = len(body)
    row.plain = len(gzip.decompress(body)) if encoding == "gzip" else len(body)
    if status != 200:
        raise RuntimeError(f"{row.label} {row.path}: HTTP {status}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=2, help="wrk duration per page (2)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (3)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is needed: apt-get install wrk", file=sys.stderr)
        return 2

    tmp = tempfile.TemporaryDirectory(prefix="enlace-serve-")
    port = _free_port()
    env = demo_env(tmp.name)
    load_demo_into(env, tmp.name)
    roles = {role for role, _label, _path in SIGNED_IN_PAGES}
    cookies = _sessions(env, roles | {"public"})
    ids = dict(
        line.split()
        for line in subprocess.run(  # noqa: S603 (our own interpreter and script)
            [sys.executable, "-c", _IDS_SCRIPT], env=env, check=True, capture_output=True, text=True
        ).stdout.splitlines()
    )
    rows = [
        Row(f"public {label} [{language}]", path.format(**ids), "", language, True)
        for label, path in PUBLIC_PAGES
        for language in LANGUAGES
    ] + [
        Row(f"{role} {label}", path.format(**ids), cookies[role], "es", False)
        for role, label, path in SIGNED_IN_PAGES
    ]
    bare = Row("bare view", "/bench-minimal/", "", "es", True)

    server_env = {**env, "DJANGO_SETTINGS_MODULE": "bench_urls_settings"}
    server = start_gunicorn(server_env, port, ("--pythonpath", str(BENCH_DIR)))
    try:
        if not wait_for(port, server):
            print("the server did not start", file=sys.stderr)
            return 1
        for row in [bare, *rows]:
            _measure_size(port, row)
        rng = random.Random(args.seed)  # noqa: S311 (a reproducible order, not a secret)
        for number in range(args.rounds):
            order = [bare, *rows]
            rng.shuffle(order)
            results = {id(row): _wrk(port, row, args.seconds) for row in order}
            bare_rps = results[id(bare)][0]
            for row in [bare, *rows]:
                rps, p50, p99 = results[id(row)]
                row.rps.append(rps)
                row.ratios.append(rps / bare_rps)
                row.p50.append(p50)
                row.p99.append(p99)
            print(f"round {number + 1}/{args.rounds}: bare view {bare_rps:.0f} req/s", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
        tmp.cleanup()

    load = os.getloadavg()
    print(
        f"\nwrk -t2 -c16, {args.seconds:g} s per page, {args.rounds} interleaved rounds; "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPU"
    )
    header = (
        f"{'page':<40} {'req/s':>7} {'× bare':>7} {'target':>6} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'gzip B':>7} {'plain B':>8}"
    )
    print(header)
    print("-" * len(header))
    missed = []
    for row in [bare, *rows]:
        ratio = statistics.median(row.ratios)
        target = PUBLIC_TARGET if row.public else SIGNED_IN_TARGET
        met = row is bare or ratio >= target
        if not met:
            missed.append(row.label)
        print(
            f"{row.label:<40} {statistics.median(row.rps):>7.0f} {ratio:>7.3f} "
            f"{'' if row is bare else ('met' if met else 'NOT'):>6} "
            f"{statistics.median(row.p50):>7.1f} {statistics.median(row.p99):>7.1f} "
            f"{row.compressed:>7} {row.plain:>8}"
        )
    print(
        f"\nTargets: public pages ≥ {PUBLIC_TARGET}× the bare view, signed-in pages ≥ "
        f"{SIGNED_IN_TARGET}×. Not met: {len(missed)} of {len(rows)}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
