"""Uploaded files waiting between the preview and the confirmation.

They are kept in the default storage under ``imports/pending/<uuid>/`` with a manifest naming
the user who uploaded them; only that user can preview or confirm the batch, and the folder is
deleted once the batch is imported. Batches left unconfirmed are removed after a day.
"""

import contextlib
import datetime
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone

from enlace import access

PREFIX = "imports/pending"
MAX_AGE = datetime.timedelta(days=1)


@dataclass
class PendingBatch:
    id: uuid.UUID
    user_id: int
    files: list[tuple[str, bytes]]
    # The secretariat's corrections of what was recognised, by the file's position.
    corrections: dict[int, dict[str, Any]] = field(default_factory=dict)


def _folder(batch: uuid.UUID) -> str:
    return f"{PREFIX}/{batch}"


def pending_save(*, user: access.Who, files: list[tuple[str, bytes]]) -> uuid.UUID:
    """Keep the uploaded files until the user confirms; returns the batch's id."""
    pending_purge()
    batch = uuid.uuid4()
    manifest: dict[str, Any] = {
        "user": user.pk,
        "created": timezone.now().isoformat(),
        "files": [],
    }
    for index, (name, content) in enumerate(files):
        path = default_storage.save(f"{_folder(batch)}/{index}", ContentFile(content))
        manifest["files"].append({"name": name, "path": path})
    default_storage.save(
        f"{_folder(batch)}/manifest.json", ContentFile(json.dumps(manifest).encode("utf-8"))
    )
    return batch


def _manifest(user: access.Who, batch: uuid.UUID) -> dict[str, Any]:
    try:
        with default_storage.open(f"{_folder(batch)}/manifest.json") as handle:
            manifest: dict[str, Any] = json.loads(handle.read())
    except (FileNotFoundError, OSError, ValueError) as error:
        raise Http404 from error
    if manifest.get("user") != user.pk:
        raise Http404
    return manifest


def pending_load(*, user: access.Who, batch: uuid.UUID) -> PendingBatch:
    """The user's own batch; anyone else's, or one already imported, is not found."""
    manifest = _manifest(user, batch)
    files = []
    for entry in manifest["files"]:
        with default_storage.open(entry["path"]) as handle:
            files.append((str(entry["name"]), handle.read()))
    corrections = {int(k): dict(v) for k, v in manifest.get("corrections", {}).items()}
    return PendingBatch(batch, int(manifest["user"]), files, corrections)


def pending_correct(
    *, user: access.Who, batch: uuid.UUID, index: int, corrections: dict[str, Any]
) -> None:
    """Keep the user's corrections of what was recognised in one file of their batch."""
    manifest = _manifest(user, batch)
    if not 0 <= index < len(manifest["files"]):
        raise Http404
    manifest.setdefault("corrections", {})[str(index)] = corrections
    name = f"{_folder(batch)}/manifest.json"
    default_storage.delete(name)
    default_storage.save(name, ContentFile(json.dumps(manifest).encode("utf-8")))


def pending_delete(batch: uuid.UUID) -> None:
    folder = _folder(batch)
    try:
        _dirs, names = default_storage.listdir(folder)
    except (FileNotFoundError, OSError):
        return
    for name in names:
        default_storage.delete(f"{folder}/{name}")
    with contextlib.suppress(OSError):
        default_storage.delete(folder)


def pending_purge() -> None:
    """Remove batches older than a day that were never confirmed."""
    # A storage that cannot list folders or tell a file's age raises a RuntimeError subclass:
    # then nothing is purged here (the bucket's own lifecycle rule must do it).
    try:
        folders, _files = default_storage.listdir(PREFIX)
    except (FileNotFoundError, OSError, RuntimeError):
        return
    limit = timezone.now() - MAX_AGE
    for folder in folders:
        try:
            batch = uuid.UUID(folder)
            created = default_storage.get_created_time(f"{PREFIX}/{folder}/manifest.json")
        except (ValueError, FileNotFoundError, OSError, RuntimeError):
            continue
        if created < limit:
            pending_delete(batch)
