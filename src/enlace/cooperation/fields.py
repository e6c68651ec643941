"""Model fields whose value is stored as a Fernet token made by enlace.core.crypto.

The free text of cooperation requests (what is asked, the details of the type, messages, decline
reasons, the reasons of state changes) is written by officers who may name a person: it is
encrypted at rest with the case keys, like the identifying data of a case. The model attribute
keeps the clear value (text, or the JSON value of the details), so services, views, the API and
templates read and write it as before; only the database holds tokens.

A token is random (a new one at each save), so the database cannot compare, search or order
these columns: the fields refuse every lookup (a ``FieldError`` at once, not a query that
silently finds nothing), except ``isnull`` and the comparison with the empty text. The empty
text is stored empty, so that "is there a reason?" stays a database constraint
(``request_declined_has_reason``); it says nothing about the person.

Reading a token needs one of the keys of ``ENLACE_CASE_KEYS``; ``enlace rotate-case-keys``
re-encrypts these columns with the first key.
"""

import json
from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldError
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Combinable
from django.db.models.lookups import Exact, IsNull

from enlace.core import crypto


class EmptyTextExact(Exact):
    """``field=""`` only: whether the text is empty (stored empty), never what it says."""

    def get_prep_lookup(self) -> Any:
        if self.rhs != "":
            raise FieldError(
                f"{self.lhs.output_field.name} is encrypted: it can only be compared with ''."
            )
        return super().get_prep_lookup()


ALLOWED_LOOKUPS: dict[str, type[Any]] = {"exact": EmptyTextExact, "isnull": IsNull}


if TYPE_CHECKING:
    _TextBase = models.TextField[str | Combinable, str]
    _JSONBase = models.TextField[dict[str, Any] | Combinable, dict[str, Any]]
else:
    _TextBase = _JSONBase = models.TextField


class _NoSQLLookups:
    """What the database cannot do on a column of tokens."""

    def get_lookup(self, lookup_name: str) -> Any:
        return ALLOWED_LOOKUPS.get(lookup_name)

    def get_transform(self, lookup_name: str) -> Any:
        return None


class EncryptedTextField(_NoSQLLookups, _TextBase):
    """A text stored as a Fernet token (the empty text stays empty)."""

    def from_db_value(self, value: Any, expression: Any, connection: BaseDatabaseWrapper) -> Any:
        if value is None or value == "":
            return value
        return crypto.decrypt_text(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt_text(value)


class EncryptedJSONField(_NoSQLLookups, _JSONBase):
    """A JSON object (the type-specific details) stored as a Fernet token of its JSON text."""

    def from_db_value(self, value: Any, expression: Any, connection: BaseDatabaseWrapper) -> Any:
        if value is None:
            return None
        return crypto.decrypt_json(value)

    def to_python(self, value: Any) -> Any:
        return value  # already the JSON value (never a token: tokens are read by from_db_value)

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return crypto.encrypt_json(value)

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(self.value_from_object(obj), ensure_ascii=False)
