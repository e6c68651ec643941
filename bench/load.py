"""Load benchmark: the production server under concurrent clients of every role.

Run from the repository root:

    uv run python bench/load.py                       # about a minute on an idle machine
    uv run python bench/load.py --requests 2000 --clients 16

It loads the demo into a throw-away data folder (never the demo's own, never ``DATABASE_URL``),
gives each demo account a signed-in session, starts the production server the way
docs/deployment.md does (gunicorn, 2 workers, DEBUG off) on a free loopback port, and drives it
with ``--clients`` concurrent clients, each request a random (role, page) pair from the main
pages and API calls, until ``--requests`` requests are done (bounded in count and in time: every
request has a timeout and the run stops after ``--seconds``). It prints the throughput, the
median and 99th-percentile latency, per row and overall, and the error count (any status the
row does not expect, any 5xx, any connection error). The target is no error at all.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Who asks for what, and the statuses that are a right answer (an officer of another country
# gets 404 on a request it is not party to: that is the rule, not an error).
PAGES: list[tuple[str, str, tuple[int, ...]]] = [
    ("public", "/", (200,)),
    ("public", "/meetings/", (200,)),
    ("public", "/directory/", (200,)),
    ("public", "/public/", (200,)),
    ("public", "/statistics/", (200,)),
    ("public", "/workplan/archive/", (200,)),
    ("public", "/api/v1/meetings", (200,)),
    ("public", "/api/v1/directory", (200,)),
    ("honduras", "/", (200,)),
    ("honduras", "/meetings/", (200,)),
    ("honduras", "/cooperation/", (200,)),
    ("honduras", "/cooperation/cases/", (200,)),
    ("honduras", "/workplan/", (200,)),
    ("honduras", "/country-reports/", (200,)),
    ("honduras", "/api/v1/me", (200,)),
    ("honduras", "/api/v1/cooperation/requests", (200,)),
    ("mexico", "/cooperation/", (200,)),
    ("mexico", "/statistics/dashboard/", (200,)),
    ("secretariat", "/manage/", (200,)),
    ("secretariat", "/cooperation/", (200,)),
    ("secretariat", "/audit/", (200,)),
    ("secretariat", "/workplan/dashboard/", (200,)),
    ("observer", "/contributions/", (200,)),
    ("observer", "/meetings/", (200,)),
    ("supervisor", "/cooperation/identity-log/", (200,)),
]


@dataclass
class Sample:
    role: str
    path: str
    status: int
    seconds: float
    error: str = ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def demo_env(data_dir: str) -> dict[str, str]:
    """The environment of a production-like server on a throw-away data folder (never the
    demo's own, never ``DATABASE_URL``)."""
    return {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "ENLACE_DATA_DIR": data_dir,
        "ENLACE_DEBUG": "false",
        "ENLACE_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "enlace.settings",
        "ENLACE_LOG_LEVEL": "WARNING",
    }


def load_demo_into(env: dict[str, str], data_dir: str) -> None:
    print("loading the demo into", data_dir, flush=True)
    subprocess.run(
        [sys.executable, "-m", "enlace", "demo", "--no-serve"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start_gunicorn(
    env: dict[str, str], port: int, extra: tuple[str, ...] = ()
) -> subprocess.Popen[bytes]:
    """gunicorn as docs/deployment.md runs it: 2 workers, on a loopback port."""
    return subprocess.Popen(  # noqa: S603 (our own interpreter and server)
        [
            *(sys.executable, "-m", "gunicorn", "enlace.wsgi", "--workers", "2"),
            *("--bind", f"127.0.0.1:{port}", "--log-level", "warning", *extra),
        ],
        env=env,
        cwd=ROOT,
    )


def wait_for(port: int, server: subprocess.Popen[bytes], seconds: float = 30) -> bool:
    """True once the server answers on its port; False if it stopped or took too long."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                return False
            time.sleep(0.2)


def _sessions(env: dict[str, str], roles: set[str]) -> dict[str, str]:
    """A signed-in session key for each demo account, made in a child process with the
    server's settings (as a browser would hold after signing in with both factors)."""
    script = (
        "import django, sys\n"
        "django.setup()\n"
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY\n"
        "from django.conf import settings\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "from enlace.accounts.models import User\n"
        "for name in sys.argv[1:]:\n"
        "    user = User.objects.get(username=name)\n"
        "    s = SessionStore()\n"
        "    s[SESSION_KEY] = str(user.pk)\n"
        "    s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]\n"
        "    s[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "    s.create()\n"
        "    print(name, s.session_key)\n"
    )
    names = sorted(roles - {"public"})
    out = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script, *names],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(line.split() for line in out.splitlines() if line.strip())


def _request(port: int, role: str, path: str, cookie: str, timeout: float) -> Sample:
    headers = {"Accept-Encoding": "gzip", "Host": "127.0.0.1"}
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}"
    start = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        return Sample(role, path, response.status, time.perf_counter() - start)
    except OSError as exc:
        return Sample(role, path, 0, time.perf_counter() - start, type(exc).__name__)


def _p(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=300.0, help="stop after this long")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="enlace-load-")
    port = _free_port()
    env = demo_env(tmp.name)
    load_demo_into(env, tmp.name)
    cookies = _sessions(env, {role for role, _path, _ok in PAGES})
    server = start_gunicorn(env, port)
    try:
        if not wait_for(port, server):
            print("the server did not start", file=sys.stderr)
            return 1
        rng = random.Random(args.seed)  # noqa: S311 (a reproducible mix of pages, not a secret)
        plan = [rng.choice(PAGES) for _ in range(args.requests)]
        expected = {(role, path): ok for role, path, ok in PAGES}
        # Warm-up: every row once, unmeasured.
        for role, path, _ok in PAGES:
            _request(port, role, path, cookies.get(role, ""), 30)
        samples: list[Sample] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds

        def run(item: tuple[str, str, tuple[int, ...]]) -> None:
            if time.monotonic() > stop_at:
                return
            role, path, _ok = item
            sample = _request(port, role, path, cookies.get(role, ""), 30)
            with lock:
                samples.append(sample)

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            list(pool.map(run, plan))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
        tmp.cleanup()

    rows: dict[tuple[str, str], list[Sample]] = defaultdict(list)
    for sample in samples:
        rows[(sample.role, sample.path)].append(sample)
    errors = [s for s in samples if s.error or s.status not in expected[(s.role, s.path)]]
    print(f"\n{'role':<12} {'page':<34} {'n':>4} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
    for (role, path), group in sorted(rows.items()):
        times = [s.seconds * 1000 for s in group]
        bad = sum(1 for s in group if s in errors)
        print(
            f"{role:<12} {path:<34} {len(group):>4} {statistics.median(times):>8.1f} "
            f"{_p(times, 0.99):>8.1f} {bad:>6}"
        )
    all_times = [s.seconds * 1000 for s in samples]
    print(
        f"\n{len(samples)} requests by {args.clients} clients in {elapsed:.1f} s: "
        f"{len(samples) / elapsed:.1f} requests/s; median {statistics.median(all_times):.1f} ms, "
        f"p99 {_p(all_times, 0.99):.1f} ms; errors {len(errors)}"
    )
    for sample in errors[:10]:
        print(f"  error: {sample.role} {sample.path} -> {sample.status} {sample.error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
