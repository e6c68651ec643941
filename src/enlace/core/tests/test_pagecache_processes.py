"""The kept public pages across processes: the production server (gunicorn, two workers) serves
the public while another process writes through the services, as the secretariat does on
another web process. Every answer after each write shows what the public may see then."""

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]

WRITE = """
import sys, django
django.setup()
from enlace.accounts.models import User
from enlace.reports import services
from enlace.reports.models import Report
secretariat = User.objects.get(username="secretariat")
report = Report.objects.get(pk=int(sys.argv[2]))
if sys.argv[1] == "withdraw":
    services.report_publish(user=secretariat, report=report, published=False)
elif sys.argv[1] == "publish":
    services.report_publish(user=secretariat, report=report, published=True)
else:
    services.report_revise(
        user=secretariat, report=report, reason="A typing error", changes={"title": sys.argv[1]}
    )
"""
FIND = """
import django
django.setup()
from enlace.reports.models import Report
print(Report.objects.filter(is_published=True).order_by("pk").values_list("pk", flat=True)[0])
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, dict[str, str]]]:
    data = tmp_path_factory.mktemp("two-processes")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "ENLACE_DATA_DIR": str(data),
        "ENLACE_DEBUG": "false",
        "ENLACE_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "enlace.settings",
        "ENLACE_LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "-m", "enlace", "demo", "--no-serve"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and server)
        [
            *(sys.executable, "-m", "gunicorn", "enlace.wsgi", "--workers", "2"),
            *("--bind", f"127.0.0.1:{port}", "--log-level", "warning"),
        ],
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
    yield port, env
    process.terminate()
    process.wait(timeout=30)


def _get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Host": "127.0.0.1", "Accept-Language": "es"})
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    return response.status, body


def _write(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-c", WRITE, *args], env=env, check=True, cwd=ROOT)  # noqa: S603


def test_a_write_in_one_process_is_seen_by_the_public_on_every_worker(
    server: tuple[int, dict[str, str]],
) -> None:
    port, env = server
    pk = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", FIND], env=env, check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    path = f"/reports/{pk}/"

    def answers() -> list[tuple[int, str]]:
        # Several times, so that both workers answer and both have kept the page.
        return [_get(port, path) for _ in range(6)]

    assert all(status == 200 for status, _ in answers())

    _write(env, "withdraw", pk)
    assert all(status == 404 for status, _ in answers())
    assert all(f'href="{path}"' not in _get(port, "/")[1] for _ in range(3))

    _write(env, "publish", pk)
    assert all(status == 200 for status, _ in answers())

    _write(env, "Título corregido, visto por el público en seguida", pk)
    for status, body in answers():
        assert status == 200
        assert "Título corregido, visto por el público en seguida" in body
