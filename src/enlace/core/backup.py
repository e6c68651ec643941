"""One archive of an installation: its database and its uploaded files (``enlace backup``,
``enlace restore``).

The archive is a tar file (gzip-compressed when its name ends in ``.tar.gz`` or ``.tgz``) with:

- ``manifest.json``: the format version, the database engine, the version of Enlace, the
  applied migrations, the time of the backup and every file of the archive with its size and
  sha256 (written last, once the hashes are known);
- ``database.sqlite3`` (a copy made by SQLite's online backup API) or ``database.pgdump``
  (``pg_dump --format=custom``, uncompressed): a consistent snapshot, taken while the platform runs;
- ``media/…``: the files of MEDIA_ROOT, read after the snapshot, so that every file the
  snapshot names is there (a file uploaded meanwhile is there too, unnamed, and harmless).

The secrets never go in: not the secret key, not the case keys (``ENLACE_CASE_KEYS``, the file
``<data folder>/case-keys``). Their files are left out by path, and every byte that goes into
the archive is searched for the key strings: a backup that would hold one fails.
"""

import datetime
import hashlib
import importlib.metadata
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from enlace.core.crypto import configured_keys
from enlace.core.pagecache import bump_version

FORMAT = "enlace-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024
# Tables that `enlace migrate` fills by itself: rows there do not make an installation non-empty.
MIGRATE_FILLED = {"django_content_type", "auth_permission", "django_migrations"}
# The full-text indexes of SQLite: the reports' (enlace.search, migration 0002) and the Work Plan
# Archive's (enlace.archive, migration 0001).
SEARCH_INDEX_PREFIXES = ("search_fts", "archive_fts")


class BackupError(Exception):
    """The backup or the restore cannot go on; the message says why and what to do."""


# --- what every engine needs -------------------------------------------------------------


def engine() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _secret_strings() -> list[bytes]:
    """The strings that must never be in an archive: the secret key(s) and the case keys."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    secrets += configured_keys()
    secrets += list(settings.ENLACE_CASE_KEYS)
    return sorted({s.encode("utf-8") for s in secrets if s and len(s) >= 16})


def _secret_paths() -> set[Path]:
    """Files that hold secrets (left out of the archive even if they sit in MEDIA_ROOT)."""
    paths = {settings.DATA_DIR / "secret_key", Path(settings.ENLACE_CASE_KEY_FILE)}
    for name in ("ENLACE_SECRET_KEY_FILE", "ENLACE_CASE_KEYS_FILE"):
        if os.environ.get(name):
            paths.add(Path(os.environ[name]))
    if engine() == "sqlite":
        database = Path(str(settings.DATABASES["default"]["NAME"]))
        for suffix in ("", "-wal", "-shm", "-journal"):
            paths.add(Path(str(database) + suffix))
    return {path.resolve() for path in paths}


class _Guard:
    """Searches a stream of bytes for the secret strings, across chunk boundaries."""

    def __init__(self, secrets: list[bytes], where: str) -> None:
        self.secrets = secrets
        self.where = where
        self.keep = max((len(s) for s in secrets), default=1) - 1
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        window = self.tail + chunk
        for secret in self.secrets:
            if secret in window:
                raise BackupError(
                    f"{self.where} holds a secret key or a case key: the backup is refused"
                    " (keys never go into an archive). Remove the key from it, or rotate it."
                )
        self.tail = window[-self.keep :] if self.keep else b""


class _HashingReader(io.RawIOBase):
    """Reads a file while hashing it and searching it for secrets."""

    def __init__(self, raw: IO[bytes], guard: _Guard | None) -> None:
        self.raw = raw
        self.guard = guard
        self.sha256 = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        self.sha256.update(chunk)
        self.size += len(chunk)
        if self.guard is not None:
            self.guard.feed(chunk)
        return chunk


def _version() -> str:
    try:
        return importlib.metadata.version("enlace")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> dict[str, str]:
    """libpq's variables for the configured database: nothing goes on a command line."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    values = {
        "PGHOST": db.get("HOST"),
        "PGPORT": db.get("PORT"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGDATABASE": db.get("NAME"),
    }
    options = db.get("OPTIONS") or {}
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
        ("connect_timeout", "PGCONNECT_TIMEOUT"),
        ("options", "PGOPTIONS"),
    ):
        if options.get(option):
            values[variable] = options[option]
    for variable, value in values.items():
        env.pop(variable, None)
        if value:
            env[variable] = str(value)
    return env


def _run_pg(tool: str, arguments: list[str]) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client).")
    result = subprocess.run(  # noqa: S603 (a PostgreSQL tool, arguments of our own)
        [executable, "--no-password", *arguments],
        env=_pg_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{tool} failed:\n{result.stderr.strip()}")


def applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _sqlite_migrations(database: Path) -> list[list[str]]:
    db = sqlite3.connect(database)
    try:
        rows = db.execute("SELECT app, name FROM django_migrations").fetchall()
    except sqlite3.OperationalError as exc:
        raise BackupError("The database is not migrated: there is nothing to back up.") from exc
    finally:
        db.close()
    return sorted([app, name] for app, name in rows)


def media_root() -> Path:
    storage = settings.STORAGES["default"]
    backend = str(storage.get("BACKEND") if isinstance(storage, dict) else storage)
    if backend != "django.core.files.storage.FileSystemStorage":
        raise BackupError(
            f"The uploaded files are in {backend}, not in a folder: back up the bucket with the"
            " object store's own tools; `enlace backup` covers MEDIA_ROOT (FileSystemStorage)."
        )
    return Path(settings.MEDIA_ROOT).resolve()


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == str(path)


# --- backup --------------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    engine: str
    files: int
    bytes: int


def _media_files(root: Path, excluded: set[Path], warn: Any) -> Iterator[tuple[str, Path]]:
    if not root.is_dir():
        return
    for folder, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(folder) / filename
            relative = path.relative_to(root).as_posix()
            if path.is_symlink() or not path.is_file():
                warn(f"left out (not a regular file): {relative}")
                continue
            if path.resolve() in excluded:
                warn(f"left out (a secret or the database): {relative}")
                continue
            yield relative, path


def _compressed(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith((".tar.gz", ".tgz")):
        return True
    if name.endswith(".tar"):
        return False
    raise BackupError(f"{path.name}: the archive's name must end in .tar, .tar.gz or .tgz.")


def _add_file(archive: tarfile.TarFile, name: str, path: Path, guard: _Guard) -> dict[str, Any]:
    try:
        handle = path.open("rb")
    except FileNotFoundError as exc:
        raise BackupError(f"{name} was deleted during the backup: run it again.") from exc
    with handle:
        stat = os.fstat(handle.fileno())
        info = tarfile.TarInfo(name)
        info.size = stat.st_size
        info.mtime = int(stat.st_mtime)
        info.mode = stat.st_mode & 0o777
        reader = _HashingReader(handle, guard)
        try:
            archive.addfile(info, reader)
        except OSError as exc:
            raise BackupError(
                f"{name} changed while it was read ({exc}): run the backup again."
            ) from exc
    return {"path": name, "size": reader.size, "sha256": reader.sha256.hexdigest()}


def create_backup(output: Path, warn: Any) -> BackupResult:
    """Writes the archive at ``output`` (mode 0600; refused if the file exists)."""
    output = output.absolute()
    compressed = _compressed(output)
    if output.exists():
        raise BackupError(f"{output} exists already: give the backup a new name.")
    if not output.parent.is_dir():
        raise BackupError(f"The folder {output.parent} does not exist.")
    vendor = engine()
    root = media_root()
    if output.resolve().is_relative_to(root):
        raise BackupError(f"Write the backup outside the media folder {root}.")
    secrets = _secret_strings()
    excluded = _secret_paths()
    created_at = datetime.datetime.now(datetime.UTC)

    with tempfile.TemporaryDirectory(prefix=".enlace-backup-", dir=output.parent) as staging:
        snapshot = Path(staging) / DATABASE_MEMBERS[vendor]
        # 1. The database: a consistent snapshot, while the platform goes on writing.
        if vendor == "sqlite":
            connection.close()
            source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
            target = sqlite3.connect(snapshot)
            try:
                with target:
                    source.backup(target)
            finally:
                target.close()
                source.close()
            migrations = _sqlite_migrations(snapshot)
        else:
            before = applied_migrations()
            if not before:
                raise BackupError("The database is not migrated: there is nothing to back up.")
            # Uncompressed: the search for keys below reads its rows, and .tar.gz compresses.
            _run_pg("pg_dump", ["--format=custom", "--compress=0", f"--file={snapshot}"])
            migrations = applied_migrations()
            if migrations != before:
                raise BackupError("Migrations ran during the backup: run the backup again.")
        snapshot.chmod(0o600)

        # 2. The archive, written beside its final name and moved there when complete.
        fd, partial_name = tempfile.mkstemp(
            prefix=f".{output.name}.", suffix=".partial", dir=output.parent
        )
        partial = Path(partial_name)
        try:
            os.fchmod(fd, 0o600)
            with (
                os.fdopen(fd, "wb") as raw,
                (
                    tarfile.open(fileobj=raw, mode="w:gz")
                    if compressed
                    else tarfile.open(fileobj=raw, mode="w")
                ) as archive,
            ):
                database = _add_file(
                    archive, snapshot.name, snapshot, _Guard(secrets, "The database")
                )
                # 3. The uploaded files, after the snapshot.
                files = []
                for relative, path in _media_files(root, excluded, warn):
                    name = MEDIA_PREFIX + relative
                    _Guard(secrets, f"The file name {relative!r}").feed(name.encode())
                    files.append(_add_file(archive, name, path, _Guard(secrets, relative)))
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "engine": vendor,
                    "enlace_version": _version(),
                    "created_at": created_at.isoformat(),
                    "migrations": migrations,
                    "database": database,
                    "files": files,
                    "secrets": "not included: the secret key and the case keys are kept apart",
                }
                data = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
                _Guard(secrets, "The manifest").feed(data)
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(created_at.timestamp())
                info.mode = 0o600
                archive.addfile(info, io.BytesIO(data))
            exists = BackupError(f"{output} exists already: give the backup a new name.")
            try:
                os.link(partial, output)  # never over a file made meanwhile
            except FileExistsError as exc:
                raise exists from exc
            except OSError:  # a file system without hard links
                if output.exists():
                    raise exists from None
                os.replace(partial, output)
        finally:
            partial.unlink(missing_ok=True)
    total = database["size"] + sum(f["size"] for f in files)
    return BackupResult(output, vendor, len(files), total)


# --- restore -------------------------------------------------------------------------------


def _open_archive(path: Path) -> tarfile.TarFile:
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    try:
        return tarfile.open(path, mode="r:*")
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise BackupError(f"{path} is not a readable backup archive: {exc}") from exc


def read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.getmember(MANIFEST)
        handle = archive.extractfile(member)
        if handle is None:
            raise KeyError(MANIFEST)
        manifest: dict[str, Any] = json.loads(handle.read().decode("utf-8"))
    except KeyError as exc:
        raise BackupError("The archive has no manifest.json: it is not an Enlace backup.") from exc
    except (tarfile.TarError, OSError, EOFError, zlib.error, ValueError) as exc:
        raise BackupError(f"The archive is corrupt (its manifest cannot be read: {exc}).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError("The archive's manifest is not that of an Enlace backup.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"The archive is of format version {manifest.get('format_version')}; this version"
            f" of Enlace reads version {FORMAT_VERSION}."
        )
    entries = [manifest.get("database"), *(manifest.get("files") or [])]
    well_formed = (
        isinstance(manifest.get("engine"), str)
        and isinstance(manifest.get("migrations"), list)
        and all(isinstance(m, list) and len(m) == 2 for m in manifest["migrations"])
        and isinstance(manifest.get("files"), list)
        and all(
            isinstance(entry, dict)
            and isinstance(entry.get("path"), str)
            and isinstance(entry.get("size"), int)
            and isinstance(entry.get("sha256"), str)
            for entry in entries
        )
    )
    if not well_formed:
        raise BackupError("The archive is corrupt: its manifest is incomplete.")
    return manifest


def _bookkeeping(table: str) -> bool:
    """A table that `enlace migrate` fills by itself: its rows hold no data of the platform."""
    cache_tables = {
        cache.get("LOCATION")
        for cache in settings.CACHES.values()
        if "DatabaseCache" in cache.get("BACKEND", "")
    }
    return (
        table in MIGRATE_FILLED
        or table in cache_tables
        # The internal tables of SQLite's full-text indexes: FTS5 writes its configuration
        # there even when nothing is indexed.
        or table.startswith(SEARCH_INDEX_PREFIXES)
    )


def _check_empty_target(root: Path, archive_migrations: list[list[str]]) -> None:
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        filled = []
        for table in sorted(existing):
            if not _bookkeeping(table):
                quoted = connection.ops.quote_name(table)
                cursor.execute(f"SELECT 1 FROM {quoted} LIMIT 1")  # noqa: S608 (a table of the database, quoted)
                if cursor.fetchone() is not None:
                    filled.append(table)
    if filled:
        shown = ", ".join(filled[:5]) + (", …" if len(filled) > 5 else "")
        raise BackupError(
            f"The database is not empty ({len(filled)} tables hold rows: {shown}). A backup is"
            " restored only into an empty installation: a new database, or one just migrated"
            " and never used. Nothing was changed."
        )
    if engine() == "postgresql" and existing:
        # pg_restore --clean replaces what the dump holds; a table made by a migration the
        # backup never ran would be left behind, unknown to the restored migration state.
        further = {tuple(m) for m in applied_migrations()} - {tuple(m) for m in archive_migrations}
        if further:
            raise BackupError(
                f"The database is migrated further than the backup ({len(further)} migrations"
                " the backup has not run). Restore into a new, empty database (createdb), then"
                " run `enlace migrate`. Nothing was changed."
            )
    if root.exists():
        present = next((p for p in root.rglob("*") if not p.is_dir()), None)
        if present is not None:
            raise BackupError(
                f"The media folder {root} is not empty ({present.relative_to(root)}). A backup"
                " is restored only into an empty installation. Nothing was changed."
            )


def _check_migrations_known(archive_migrations: list[list[str]]) -> list[list[str]]:
    """Refuses a backup of a newer version; returns the migrations still to run after it."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = {(app, name) for app, name in loader.disk_migrations}
    taken = {(app, name) for app, name in archive_migrations}
    unknown = sorted(taken - known)
    if unknown:
        app, name = unknown[0]
        raise BackupError(
            f"The backup was taken by a newer version of Enlace ({len(unknown)} migrations this"
            f" version does not have, e.g. {app}.{name}): install that version, then restore."
        )
    return sorted([app, name] for app, name in known - taken)


def _extract_verified(
    archive: tarfile.TarFile, manifest: dict[str, Any], staging: Path
) -> tuple[Path, list[tuple[str, Path]]]:
    """Writes every member into ``staging`` and checks it against the manifest."""
    expected = {manifest["database"]["path"]: manifest["database"]}
    for entry in manifest["files"]:
        expected[entry["path"]] = entry
    database_name = DATABASE_MEMBERS[manifest["engine"]]
    if manifest["database"]["path"] != database_name:
        raise BackupError("The archive is corrupt: its manifest names no database.")
    seen: set[str] = set()
    media: list[tuple[str, Path]] = []
    try:
        for member in archive:
            if member.name == MANIFEST:
                continue
            entry = expected.get(member.name)
            if entry is None or member.name in seen or not _safe_member_name(member.name):
                raise BackupError(
                    f"The archive is corrupt: {member.name!r} is not in its manifest."
                )
            if not member.isfile():
                raise BackupError(f"The archive is corrupt: {member.name!r} is not a file.")
            seen.add(member.name)
            target = staging / member.name
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            source = archive.extractfile(member)
            if source is None:
                raise BackupError(f"The archive is corrupt: {member.name!r} cannot be read.")
            reader = _HashingReader(source, None)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                shutil.copyfileobj(reader, handle, CHUNK)
            if reader.size != entry["size"] or reader.sha256.hexdigest() != entry["sha256"]:
                raise BackupError(
                    f"The archive is corrupt: {member.name} differs from its manifest (sha256)."
                    " Nothing was changed."
                )
            if member.name.startswith(MEDIA_PREFIX):
                target.chmod(member.mode & 0o777 or 0o600)
                media.append((member.name.removeprefix(MEDIA_PREFIX), target))
    except (tarfile.TarError, EOFError, zlib.error) as exc:
        raise BackupError(f"The archive is corrupt ({exc}). Nothing was changed.") from exc
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(
            f"The archive is corrupt: {len(missing)} files of its manifest are missing"
            f" (e.g. {missing[0]}). Nothing was changed."
        )
    return staging / database_name, media


@dataclass
class RestoreResult:
    engine: str
    files: int
    created_at: str
    pending_migrations: list[list[str]]


def restore_backup(path: Path) -> RestoreResult:
    """Brings an archive back onto this (empty) installation, or refuses and changes nothing."""
    vendor = engine()
    root = media_root()
    with _open_archive(path) as archive:
        manifest = read_manifest(archive)
        if manifest.get("engine") != vendor:
            raise BackupError(
                f"The archive holds a {manifest.get('engine')} database and this installation"
                f" uses {vendor}: restore it into an installation on {manifest.get('engine')}."
                " Nothing was changed."
            )
        pending = _check_migrations_known(manifest["migrations"])
        _check_empty_target(root, manifest["migrations"])
        staging_parent = root.parent if root.parent.is_dir() else Path(tempfile.gettempdir())
        with tempfile.TemporaryDirectory(prefix=".enlace-restore-", dir=staging_parent) as tmp:
            staging = Path(tmp)
            snapshot, media = _extract_verified(archive, manifest, staging)

            # The database, then the files.
            if vendor == "sqlite":
                connection.close()
                database = Path(str(settings.DATABASES["default"]["NAME"]))
                if not database.exists():  # the owner alone reads it, as settings.py makes it
                    os.close(os.open(database, os.O_CREAT | os.O_WRONLY, 0o600))
                source = sqlite3.connect(snapshot)
                target = sqlite3.connect(database)
                try:
                    with target:
                        source.backup(target)
                finally:
                    target.close()
                    source.close()
            else:
                connection.close()
                _run_pg(
                    "pg_restore",
                    [
                        "--no-owner",
                        "--no-acl",
                        "--clean",
                        "--if-exists",
                        "--single-transaction",
                        "--exit-on-error",
                        f"--dbname={settings.DATABASES['default']['NAME']}",
                        str(snapshot),
                    ],
                )
            root.mkdir(parents=True, exist_ok=True)
            for relative, staged in media:
                final = root / relative
                final.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(staged, final)
            expected = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
            for relative, _staged in media:
                if sha256_of(root / relative) != expected[MEDIA_PREFIX + relative]:
                    raise BackupError(f"{root / relative} differs from the archive after restore.")
    bump_version()  # no public page kept before the restore is shown after it
    return RestoreResult(vendor, len(media), str(manifest.get("created_at")), pending)
