"""`enlace demo`: one command gives a newcomer a working platform with the demo data in it."""

import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from enlace.demo.data import ACCOUNTS, ADMIN_ACCOUNT

SERVE_DEADLINE_SECONDS = 30


def _clean_env(data_dir: Path) -> dict[str, str]:
    """No DATABASE_URL: the demo makes its SQLite database in the data folder."""
    return {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "ENLACE_DATA_DIR": str(data_dir)}


def _demo_no_serve(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "enlace", "demo", "--no-serve"],
        env=_clean_env(data_dir),
        cwd=data_dir,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _row_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in tables
        }


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A data folder after a first `enlace demo --no-serve`, and what that run printed."""
    data_dir = tmp_path_factory.mktemp("enlace-demo")
    result = _demo_no_serve(data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return data_dir, result.stdout


def test_demo_creates_the_database_and_prints_the_accounts(demo_dir: tuple[Path, str]) -> None:
    data_dir, output = demo_dir
    database = data_dir / "enlace.sqlite3"
    assert database.is_file()
    for account in ACCOUNTS:
        assert re.search(rf"^\s*{account.username}\s+{account.password}\s", output, re.M), output
    admin_name, admin_password = ADMIN_ACCOUNT
    assert re.search(rf"^\s*{admin_name}\s+{admin_password}\s", output, re.M), output

    counts = _row_counts(database)
    with sqlite3.connect(database) as connection:
        cities = [city for (city,) in connection.execute("SELECT city FROM meetings_meeting")]
        usernames = {name for (name,) in connection.execute("SELECT username FROM accounts_user")}
        (tela_points,) = connection.execute(
            "SELECT COUNT(*) FROM meetings_reportpoint p JOIN meetings_report r"
            " ON p.report_id = r.id JOIN meetings_meeting m ON r.meeting_id = m.id"
            " WHERE m.city = 'Tela'"
        ).fetchone()
    assert "Tela" in cities
    assert "Tegucigalpa" in cities  # the coming meeting
    assert usernames == {account.username for account in ACCOUNTS} | {admin_name}
    assert tela_points == 4
    assert counts["meetings_reportpoint"] > 4


def test_running_the_demo_again_duplicates_nothing(demo_dir: tuple[Path, str]) -> None:
    data_dir, _output = demo_dir
    database = data_dir / "enlace.sqlite3"
    before = _row_counts(database)

    again = _demo_no_serve(data_dir)

    assert again.returncode == 0, again.stdout + again.stderr
    assert _row_counts(database) == before


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def test_demo_serves_the_platform(demo_dir: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, _output = demo_dir
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "demo.log"
    with log.open("w", encoding="utf-8") as log_file:
        server = subprocess.Popen(  # noqa: S603 (this interpreter, fixed arguments)
            [sys.executable, "-m", "enlace", "demo", "--port", str(port)],
            env=_clean_env(data_dir),
            cwd=data_dir,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + SERVE_DEADLINE_SECONDS
        status = 0
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, _home = _get(f"{base}/")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        output = log.read_text(encoding="utf-8")
        assert server.poll() is None, f"`enlace demo` stopped:\n{output}"
        assert status == 200, f"no answer on {base}/ within {SERVE_DEADLINE_SECONDS} s:\n{output}"

        status, meetings = _get(f"{base}/meetings/")
        assert status == 200
        tela_row = next(row for row in meetings.split("<tr") if "Tela" in row)
        report_path = re.search(r'href="(/reports/\d+/)"', tela_row)
        assert report_path, tela_row
        status, report = _get(base + report_path.group(1))
        assert status == 200
        assert "Tela, Honduras" in report
        assert "Plan de Trabajo-Archivo" in report

        status, _css = _get(f"{base}/static/enlace/enlace.css")
        assert status == 200, "the demo serves its stylesheet"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
