"""The importer killed with SIGKILL in the middle of a batch leaves nothing half-applied.

A real `enlace import-report` process imports a batch of report files into a real SQLite
database; it is killed without warning once some reports are saved. Every report that is in the
database then has all its points and its meeting; running the same batch again imports the rest
and nothing twice.
"""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

TELA = (
    Path(__file__).resolve().parents[5] / "shared" / "reports" / "2008-05-06_tela_honduras.es.txt"
)
if not TELA.exists():  # the copy the demo ships
    TELA = Path(__file__).resolve().parents[2] / "demo" / "2008-05-06_tela_honduras.es.txt"
MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio"]
FILES = 60


def _env(data_dir: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "ENLACE_DATA_DIR": str(data_dir)}


def _report_files(folder: Path) -> list[Path]:
    """Reports of the network's meetings on distinct days, each with the Tela points."""
    text = TELA.read_text(encoding="utf-8")
    files = []
    for n in range(FILES):
        day, month, year = 1 + n % 28, MONTHS[n // 28], 2011
        dated = text.replace("6 de mayo, 2008", f"{day} de {month}, {year}").replace(
            "6 de mayo de 2008", f"{day} de {month} de {year}"
        )
        path = folder / f"report-{n:02}.txt"
        path.write_text(dated, encoding="utf-8")
        files.append(path)
    return files


def _counts(database: Path) -> list[tuple[int, int, int]]:
    """(report, its meeting, its points) for every report the importer saved (the demo's own
    meetings after 2011 are invented ones, marked ``is_demo``)."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=20) as connection:
        return connection.execute(
            "SELECT r.id, r.meeting_id, COUNT(p.id) FROM meetings_report r "
            "LEFT JOIN meetings_reportpoint p ON p.report_id = r.id "
            "JOIN meetings_meeting m ON m.id = r.meeting_id "
            "WHERE m.start_date >= '2011-01-01' AND NOT m.is_demo GROUP BY r.id, r.meeting_id"
        ).fetchall()


def _enlace(data_dir: Path, *args: str, timeout: int) -> subprocess.CompletedProcess[str]:
    """Run an ``enlace`` command against the data folder, as an operator would."""
    return subprocess.run(  # noqa: S603 (our own interpreter and command)
        [sys.executable, "-m", "enlace", *args],
        env=_env(data_dir),
        cwd=data_dir,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_a_killed_import_leaves_whole_reports_and_resumes(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    demo = _enlace(data_dir, "demo", "--no-serve", timeout=300)
    assert demo.returncode == 0, demo.stderr
    database = data_dir / "enlace.sqlite3"
    files = _report_files(tmp_path)
    expected_points = len(re.findall(r"^\d+\. ", TELA.read_text(encoding="utf-8"), re.M))

    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "enlace", "import-report", *map(str, files)],
        env=_env(data_dir),
        cwd=data_dir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 240
    while process.poll() is None and time.monotonic() < deadline:
        if len(_counts(database)) >= 3:
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.02)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the batch ended before it could be killed"

    saved = _counts(database)
    assert 3 <= len(saved) < FILES
    assert all(points == expected_points for _report, _meeting, points in saved), saved

    again = _enlace(data_dir, "import-report", *map(str, files), timeout=600)
    after = _counts(database)
    assert len(after) == FILES, again.stdout + again.stderr
    assert len({meeting for _report, meeting, _points in after}) == FILES
    assert all(points == expected_points for _report, _meeting, points in after)
    # The reports saved before the kill are recognised as already imported, not saved twice.
    assert again.returncode == 0, again.stderr
    assert again.stdout.count(": exists") == len(saved)
    assert again.stdout.count(": created") == FILES - len(saved)
