"""Encryption at rest with the case keys: the identifying data of protected cases, request
attachments and the free text of requests (enlace.cooperation uses it; kept in the kernel so that
backups and other kernel code can name the keys without importing the cooperation app).

The keys are Fernet keys: ``ENLACE_CASE_KEYS`` (or ``ENLACE_CASE_KEYS_FILE``), comma-separated;
the first encrypts, all of them decrypt (``MultiFernet``), so a new key can be put first and the
stored data re-encrypted with it by ``enlace rotate-case-keys`` before the old key is dropped.
Without a configured key, the file ``case-keys`` in the data folder is read if it exists; the
demo creates it (``ensure_demo_key``) so that ``enlace demo`` works out of the box. Production
without a key refuses to store identifying data rather than store it in the clear.
"""

import json
import os
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class CaseKeysMissing(ImproperlyConfigured):
    pass


def configured_keys() -> list[str]:
    keys = list(settings.ENLACE_CASE_KEYS)
    if keys:
        return keys
    path = settings.ENLACE_CASE_KEY_FILE
    if path.exists():
        return [k.strip() for k in path.read_text(encoding="utf-8").split(",") if k.strip()]
    return []


def ensure_demo_key() -> None:
    """For the demo only: create a key file in the data folder when no key is configured."""
    if configured_keys():
        return
    path = settings.ENLACE_CASE_KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created readable by its owner only (never world-readable, even for an instant).
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as key_file:
        key_file.write(Fernet.generate_key().decode("ascii") + "\n")


def fernet() -> MultiFernet:
    keys = configured_keys()
    if not keys:
        raise CaseKeysMissing(
            "No key to encrypt case data: set ENLACE_CASE_KEYS (or ENLACE_CASE_KEYS_FILE)."
        )
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise CaseKeysMissing("ENLACE_CASE_KEYS holds a value that is not a Fernet key.") from exc


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    return fernet().decrypt(token)


def encrypt_json(value: dict[str, Any]) -> str:
    return encrypt_bytes(json.dumps(value, ensure_ascii=False).encode("utf-8")).decode("ascii")


def decrypt_json(token: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(decrypt_bytes(token.encode("ascii")).decode("utf-8"))
    return data


def encrypt_text(value: str) -> str:
    return encrypt_bytes(value.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    return decrypt_bytes(token.encode("ascii")).decode("utf-8")


def rotate(token: bytes) -> bytes:
    """The same data encrypted with the first key."""
    return fernet().rotate(token)


__all__ = [
    "CaseKeysMissing",
    "InvalidToken",
    "configured_keys",
    "decrypt_bytes",
    "decrypt_json",
    "decrypt_text",
    "encrypt_bytes",
    "encrypt_json",
    "encrypt_text",
    "ensure_demo_key",
    "fernet",
    "rotate",
]
