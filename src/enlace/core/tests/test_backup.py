"""`enlace backup` and `enlace restore`: one archive of the database and the uploaded files, and
its round trip onto an empty installation, run as an operator runs them (subprocesses against
a data folder of their own)."""

import gzip
import hashlib
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

TIMEOUT = 300


def _env(data_dir: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    """A clean environment: the data folder and its media folder, SQLite unless told."""
    env = {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "ENLACE_DATA_DIR": str(data_dir),
        "ENLACE_MEDIA_ROOT": str(data_dir / "uploads"),
        **extra,
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _enlace(
    data_dir: Path, *args: str, database_url: str | None = None, umask: int = -1, **extra: str
) -> subprocess.CompletedProcess[str]:
    data_dir.mkdir(parents=True, exist_ok=True)
    return subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
        [sys.executable, "-m", "enlace", *args],
        env=_env(data_dir, database_url, **extra),
        cwd=data_dir,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        umask=umask,
    )


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _add_media(data_dir: Path) -> None:
    """Files beside the demo's document: nested, binary, empty, with a non-ASCII name."""
    uploads = data_dir / "uploads"
    (uploads / "contributions" / "2025").mkdir(parents=True, exist_ok=True)
    (uploads / "contributions" / "2025" / "informe-año.pdf").write_bytes(
        b"%PDF-1.4\n" + bytes(range(256)) * 40
    )
    (uploads / "workplan" / "evidence").mkdir(parents=True, exist_ok=True)
    (uploads / "workplan" / "evidence" / "empty.txt").write_bytes(b"")


CACHE_TABLES = ("enlace_cache", "enlace_page_cache")


def _sqlite_tables(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, ordered by primary key (by rowid where there is none)."""
    dump: dict[str, list[tuple[Any, ...]]] = {}
    with sqlite3.connect(database) as db:
        names = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        # The cache is no data: a restore leaves the pages kept for the public behind.
        for name in [n for n in names if n not in CACHE_TABLES]:
            keys = [
                row[1]
                for row in sorted(db.execute(f'PRAGMA table_info("{name}")'), key=lambda r: r[5])
                if row[5]
            ]
            order = ", ".join(f'"{key}"' for key in keys) or "rowid"
            dump[name] = db.execute(f'SELECT * FROM "{name}" ORDER BY {order}').fetchall()  # noqa: S608
        dump["sqlite_master"] = db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    db.close()
    return dump


def _media(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _archive_bytes(archive: Path) -> bytes:
    raw = archive.read_bytes()
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def _rewrite(archive: Path, target: Path, change: Any) -> None:
    """A copy of a plain tar archive with ``change(name, data)`` applied to every member."""
    with tarfile.open(archive) as source, tarfile.open(target, "w") as copy:
        for member in source:
            handle = source.extractfile(member)
            assert handle is not None
            data = change(member.name, handle.read())
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the demo loaded and a few more uploaded files."""
    data_dir = tmp_path_factory.mktemp("enlace-source")
    _ok(_enlace(data_dir, "demo", "--no-serve"))
    _add_media(data_dir)
    assert (data_dir / "case-keys").is_file()
    assert (data_dir / "secret_key").is_file()
    return data_dir


@pytest.fixture(scope="module")
def archive(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A compressed backup of ``source``, written under a permissive umask."""
    path = tmp_path_factory.mktemp("backups") / "enlace.tar.gz"
    output = _ok(_enlace(source, "backup", str(path), umask=0))
    assert "Backup written" in output
    return path


@pytest.fixture(scope="module")
def plain_archive(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("backups") / "enlace.tar"
    _ok(_enlace(source, "backup", str(path)))
    return path


def _assert_same_installation(source: Path, target: Path) -> None:
    assert _sqlite_tables(target / "enlace.sqlite3") == _sqlite_tables(source / "enlace.sqlite3")
    assert _media(target / "uploads") == _media(source / "uploads")


def test_the_archive_is_the_owners_alone(archive: Path) -> None:
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert not list(archive.parent.glob(".*")), "no partial file or staging folder is left"


def test_the_manifest_describes_the_archive(archive: Path, source: Path) -> None:
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        handle = tar.extractfile("manifest.json")
        assert handle is not None
        manifest = json.loads(handle.read())
        contents = {}
        for member in tar:
            if member.isfile() and member.name != "manifest.json":
                data = tar.extractfile(member)
                assert data is not None
                contents[member.name] = data.read()
    assert manifest["format"] == "enlace-backup"
    assert manifest["format_version"] == 1
    assert manifest["engine"] == "sqlite"
    assert manifest["enlace_version"]
    assert manifest["created_at"]
    assert ["meetings", "0001_initial"] in manifest["migrations"]
    with sqlite3.connect(source / "enlace.sqlite3") as db:
        applied = sorted([a, n] for a, n in db.execute("SELECT app, name FROM django_migrations"))
    db.close()
    assert manifest["migrations"] == applied
    listed = [manifest["database"], *manifest["files"]]
    assert sorted(entry["path"] for entry in listed) == sorted(set(names) - {"manifest.json"})
    for entry in listed:
        assert entry["size"] == len(contents[entry["path"]])
        assert entry["sha256"] == hashlib.sha256(contents[entry["path"]]).hexdigest()
    assert {entry["path"].removeprefix("media/") for entry in manifest["files"]} == set(
        _media(source / "uploads")
    )


def test_the_archive_holds_no_key(archive: Path, plain_archive: Path, source: Path) -> None:
    secrets = [
        (source / "secret_key").read_text(encoding="utf-8").strip(),
        *(
            key.strip()
            for key in (source / "case-keys").read_text(encoding="utf-8").split(",")
            if key.strip()
        ),
    ]
    for path in (archive, plain_archive):
        with tarfile.open(path) as tar:
            names = tar.getnames()
        assert not [n for n in names if "secret_key" in n or "case-keys" in n], names
        data = _archive_bytes(path)
        for secret in secrets:
            assert secret.encode() not in data


def test_round_trip_onto_an_empty_installation(archive: Path, source: Path, tmp_path: Path) -> None:
    target = tmp_path / "restored"

    output = _ok(_enlace(target, "restore", str(archive)))

    assert "Restored the sqlite database and 3 uploaded files" in output
    _assert_same_installation(source, target)
    assert not (target / "case-keys").exists(), "the restore brings back no key"


def test_round_trip_onto_a_migrated_installation(
    plain_archive: Path, source: Path, tmp_path: Path
) -> None:
    target = tmp_path / "migrated"
    _ok(_enlace(target, "migrate", "--no-input"))

    _ok(_enlace(target, "restore", str(plain_archive)))

    _assert_same_installation(source, target)


def test_a_non_empty_installation_is_refused_and_unchanged(archive: Path, source: Path) -> None:
    before = _sqlite_tables(source / "enlace.sqlite3"), _media(source / "uploads")

    result = _enlace(source, "restore", str(archive))

    assert result.returncode != 0
    assert "not empty" in result.stderr
    assert "Nothing was changed" in result.stderr
    assert (_sqlite_tables(source / "enlace.sqlite3"), _media(source / "uploads")) == before


def test_a_database_with_other_data_is_refused_and_unchanged(archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "other-data"
    target.mkdir()
    with sqlite3.connect(target / "enlace.sqlite3") as db:
        db.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER)")
        db.execute("INSERT INTO ledger (amount) VALUES (42)")
    db.close()
    before = _sqlite_tables(target / "enlace.sqlite3")

    result = _enlace(target, "restore", str(archive))

    assert result.returncode != 0
    assert "ledger" in result.stderr
    assert _sqlite_tables(target / "enlace.sqlite3") == before


def test_a_media_folder_with_files_is_refused(archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "with-files"
    (target / "uploads").mkdir(parents=True)
    (target / "uploads" / "stray.txt").write_text("kept", encoding="utf-8")

    result = _enlace(target, "restore", str(archive))

    assert result.returncode != 0
    assert "media folder" in result.stderr
    assert "not empty" in result.stderr
    assert _media(target / "uploads") == {"stray.txt": hashlib.sha256(b"kept").hexdigest()}
    with sqlite3.connect(target / "enlace.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone() == (0,)
    db.close()


def test_a_corrupt_archive_is_refused_and_changes_nothing(
    plain_archive: Path, tmp_path: Path
) -> None:
    corrupt = tmp_path / "corrupt.tar"

    def flip(name: str, data: bytes) -> bytes:
        if name.endswith("informe-año.pdf"):
            return data[:100] + bytes([data[100] ^ 0xFF]) + data[101:]
        return data

    _rewrite(plain_archive, corrupt, flip)
    target = tmp_path / "target"

    result = _enlace(target, "restore", str(corrupt))

    assert result.returncode != 0
    assert "corrupt" in result.stderr
    assert "informe-año.pdf" in result.stderr
    with sqlite3.connect(target / "enlace.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone() == (0,)
    db.close()
    assert not _media(target / "uploads")


def test_a_truncated_archive_is_refused(archive: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])

    result = _enlace(tmp_path / "target", "restore", str(truncated))

    assert result.returncode != 0
    assert "corrupt" in result.stderr or "not a readable" in result.stderr


def test_an_archive_of_another_engine_is_refused(plain_archive: Path, tmp_path: Path) -> None:
    other = tmp_path / "postgresql.tar"

    def relabel(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["engine"] = "postgresql"
        return json.dumps(manifest).encode()

    _rewrite(plain_archive, other, relabel)

    result = _enlace(tmp_path / "target", "restore", str(other))

    assert result.returncode != 0
    assert "postgresql database" in result.stderr
    assert "uses sqlite" in result.stderr


def test_an_incomplete_manifest_is_refused(plain_archive: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.tar"

    def strip(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        del manifest["files"]
        return json.dumps(manifest).encode()

    _rewrite(plain_archive, broken, strip)

    result = _enlace(tmp_path / "target", "restore", str(broken))

    assert result.returncode != 0
    assert "manifest is incomplete" in result.stderr


def test_a_member_outside_the_media_folder_is_refused(plain_archive: Path, tmp_path: Path) -> None:
    """A crafted archive whose manifest and member agree on a path out of MEDIA_ROOT."""
    evil = tmp_path / "evil.tar"
    payload = b"written outside"
    name = "media/../../escaped.txt"
    with tarfile.open(plain_archive) as source, tarfile.open(evil, "w") as copy:
        for member in source:
            handle = source.extractfile(member)
            assert handle is not None
            data = handle.read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["files"].append(
                    {
                        "path": name,
                        "size": len(payload),
                        "sha256": hashlib.sha256(payload).hexdigest(),
                    }
                )
                data = json.dumps(manifest).encode()
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
        info = tarfile.TarInfo(name)
        info.size = len(payload)
        copy.addfile(info, io.BytesIO(payload))
    target = tmp_path / "data" / "target"

    result = _enlace(target, "restore", str(evil))

    assert result.returncode != 0
    assert "corrupt" in result.stderr
    assert not list(tmp_path.rglob("escaped.txt"))


def test_a_backup_taken_while_the_platform_writes_is_consistent(tmp_path: Path) -> None:
    """Rows committed one by one during the backup: the archive holds a prefix of them."""
    data_dir = tmp_path / "busy"
    _ok(_enlace(data_dir, "migrate", "--no-input"))
    database = data_dir / "enlace.sqlite3"
    stop = threading.Event()
    written: list[int] = []

    def write() -> None:
        db = sqlite3.connect(database, timeout=30)
        try:
            number = 0
            while not stop.is_set():
                number += 1
                with db:
                    db.execute(
                        "INSERT INTO django_session (session_key, session_data, expire_date)"
                        " VALUES (?, 'x', '2099-01-01 00:00:00')",
                        [f"key{number:08d}"],
                    )
                written.append(number)
                time.sleep(0.002)  # a busy platform, not a lock held for good
        finally:
            db.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(written) < 50:
            time.sleep(0.01)
        path = tmp_path / "busy.tar"
        _ok(_enlace(data_dir, "backup", str(path)))
    finally:
        stop.set()
        writer.join(timeout=30)
    target = tmp_path / "restored"
    _ok(_enlace(target, "restore", str(path)))

    with sqlite3.connect(target / "enlace.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        keys = [key for (key,) in db.execute("SELECT session_key FROM django_session ORDER BY 1")]
    db.close()
    assert len(keys) >= 50
    assert len(written) > len(keys), "rows were still written after the snapshot"
    assert keys == [f"key{number:08d}" for number in range(1, len(keys) + 1)]


def test_a_backup_that_would_hold_a_key_is_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "leaky"
    key = "0Zk7c3Qm1xR2bY9nT4vW6pL8sD5fH0jK2gA3eU7iO1c="
    _ok(_enlace(data_dir, "migrate", "--no-input", ENLACE_CASE_KEYS=key))
    (data_dir / "uploads").mkdir()
    (data_dir / "uploads" / "notes.txt").write_text(f"the key is {key}\n", encoding="utf-8")
    path = tmp_path / "leaky.tar"

    result = _enlace(data_dir, "backup", str(path), ENLACE_CASE_KEYS=key)

    assert result.returncode != 0
    assert "case key" in result.stderr
    assert not path.exists()
    assert not list(tmp_path.glob(".*")), "no partial file or staging folder is left"


def test_an_existing_archive_is_not_overwritten(archive: Path, source: Path) -> None:
    before = archive.read_bytes()

    result = _enlace(source, "backup", str(archive))

    assert result.returncode != 0
    assert "exists already" in result.stderr
    assert archive.read_bytes() == before


# --- PostgreSQL ------------------------------------------------------------------------------

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRESQL = DATABASE_URL.startswith(("postgres://", "postgresql://"))


def _url_for(database: str) -> str:
    parts = urlsplit(DATABASE_URL)
    return urlunsplit(parts._replace(path=f"/{database}"))


def _recreate(name: str) -> None:
    import psycopg

    with psycopg.connect(DATABASE_URL, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture
def pg_databases() -> Iterator[tuple[str, str]]:
    """Two databases of their own on the server of DATABASE_URL, dropped at the end."""
    import psycopg

    names = ("enlace_bk_src", "enlace_bk_dst")

    def drop_all(db: Any) -> None:
        for name in names:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    with psycopg.connect(DATABASE_URL, autocommit=True) as db:
        drop_all(db)
        for name in names:
            db.execute(f'CREATE DATABASE "{name}"')
    try:
        yield names
    finally:
        with psycopg.connect(DATABASE_URL, autocommit=True) as db:
            drop_all(db)


def _pg_tables(url: str) -> dict[str, list[tuple[Any, ...]]]:
    import psycopg

    dump: dict[str, list[tuple[Any, ...]]] = {}
    with psycopg.connect(url) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                " AND table_type = 'BASE TABLE' ORDER BY table_name"
            )
            # The caches are no data: a restore leaves the pages kept for the public behind.
            if name not in CACHE_TABLES
        ]
        for table in tables:
            keys = [
                name
                for (name,) in db.execute(
                    "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid ="
                    " i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass"
                    " AND i.indisprimary ORDER BY a.attnum",
                    [f'public."{table}"'],
                )
            ]
            order = ", ".join(f'"{key}"' for key in keys) or "1"
            rows = db.execute(f'SELECT * FROM public."{table}" ORDER BY {order}').fetchall()  # noqa: S608
            dump[table] = [tuple(row) for row in rows]
        for (sequence,) in db.execute(
            "SELECT sequence_name FROM information_schema.sequences"
            " WHERE sequence_schema = 'public' ORDER BY sequence_name"
        ).fetchall():
            dump[f"sequence {sequence}"] = db.execute(
                f'SELECT last_value, is_called FROM public."{sequence}"'  # noqa: S608
            ).fetchall()
    return dump


@pytest.mark.skipif(not ON_POSTGRESQL, reason="DATABASE_URL does not point to PostgreSQL")
def test_round_trip_on_postgresql(pg_databases: tuple[str, str], tmp_path: Path) -> None:
    src_db, dst_db = pg_databases
    src_url, dst_url = _url_for(src_db), _url_for(dst_db)
    src_dir, dst_dir = tmp_path / "src", tmp_path / "dst"
    _ok(_enlace(src_dir, "demo", "--no-serve", database_url=src_url))
    _add_media(src_dir)
    path = tmp_path / "enlace.tar.gz"

    _ok(_enlace(src_dir, "backup", str(path), database_url=src_url, umask=0))
    output = _ok(_enlace(dst_dir, "restore", str(path), database_url=dst_url))

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Restored the postgresql database and 3 uploaded files" in output
    source_tables = _pg_tables(src_url)
    assert source_tables["accounts_user"], "the demo was loaded"
    assert _pg_tables(dst_url) == source_tables
    assert _media(dst_dir / "uploads") == _media(src_dir / "uploads")
    with tarfile.open(path) as tar:
        assert "database.pgdump" in tar.getnames()
    data = _archive_bytes(path)
    for secret_file in ("secret_key", "case-keys"):
        assert (src_dir / secret_file).read_text(encoding="utf-8").strip().encode() not in data

    refused = _enlace(src_dir, "restore", str(path), database_url=src_url)
    assert refused.returncode != 0
    assert "not empty" in refused.stderr
    assert _pg_tables(src_url) == source_tables

    other = _enlace(tmp_path / "sqlite", "restore", str(path))
    assert other.returncode != 0
    assert "postgresql database" in other.stderr
    assert "uses sqlite" in other.stderr

    # Again, onto a database just migrated (its tables there, empty): pg_restore --clean.
    _recreate(dst_db)
    migrated_dir = tmp_path / "migrated"
    _ok(_enlace(migrated_dir, "migrate", "--no-input", database_url=dst_url))
    _ok(_enlace(migrated_dir, "restore", str(path), database_url=dst_url))
    assert _pg_tables(dst_url) == source_tables
    assert _media(migrated_dir / "uploads") == _media(src_dir / "uploads")
