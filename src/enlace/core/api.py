"""What every router of the JSON API shares: bounded integers and pagination, CSRF for session
calls, and the shapes of its errors. Kernel code: the routers of every app use it, and the API
app on top mounts them."""

from collections.abc import Callable
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination
from ninja.responses import Status
from ninja.utils import check_csrf


class MappedQuerySet:
    """A sliceable, countable view of a queryset that maps each row, for pagination: only the
    page's rows are fetched and turned into API objects."""

    def __init__(self, queryset: Any, func: Callable[[Any], Any]) -> None:
        self.queryset = queryset
        self.func = func

    def count(self) -> int:
        return int(self.queryset.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[Any]:
        return [self.func(row) for row in self.queryset[item]]


def require_csrf(request: HttpRequest) -> None:
    """A write by the browser session needs the CSRF token; one by a personal API token does
    not (it carries no cookie to forge; the token middleware marks such requests)."""
    if not getattr(request, "_dont_enforce_csrf_checks", False) and check_csrf(request):
        raise HttpError(403, _("CSRF verification failed: send the CSRF token or an API token."))


# Bounded integers for every query, path and body parameter: out of range is a 422 naming the
# field, never an OverflowError (SQLite) or DataError (PostgreSQL) from the database.
Year = Annotated[int, Field(ge=1900, le=2200)]
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Limit = Annotated[int, Field(ge=1, le=500)]
Offset = Annotated[int, Field(ge=0, le=10**9)]


class BoundedPagination(LimitOffsetPagination):
    """Limit/offset pagination whose limit and offset are bounded."""

    class Input(Schema):
        limit: Limit = 50
        offset: Offset = 0


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


def field_errors(
    exc: ValidationError, *, whole: str = "", named_whole: str | None = None
) -> list[FieldErrorOut]:
    """The messages of a refused write as a 422 lists them, each with the field it is about.
    A message about no field is listed under ``whole``; one Django files under ``__all__``,
    under ``named_whole`` (``whole`` unless given)."""
    if not hasattr(exc, "error_dict"):
        return [FieldErrorOut(field=whole, message=str(message)) for message in exc.messages]
    all_name = whole if named_whole is None else named_whole
    return [
        FieldErrorOut(field=all_name if name == "__all__" else name, message=str(message))
        for name, messages in exc.message_dict.items()
        for message in messages
    ]


def unprocessable(errors: list[FieldErrorOut]) -> Status[ValidationErrorOut]:
    """The 422 answer to a refused write."""
    return Status(422, ValidationErrorOut(detail=_("The request has errors."), errors=errors))
