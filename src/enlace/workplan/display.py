"""How the follow-up of an activity reads: its fields' labels and values as a person sees them,
and which states close it. Shared by the follow-up's reads and writes and by the archive."""

from typing import Any

from django.core.exceptions import FieldDoesNotExist

from enlace.workplan.models import Activity

CLOSED = (Activity.Status.COMPLETED, Activity.Status.CANCELLED)


def display_value(name: str, value: Any) -> str:
    """A snapshot value as a person reads it."""
    if value in (None, ""):
        return "—"
    if name == "status" and value in Activity.Status.values:
        return str(Activity.Status(value).label)
    if name == "progress":
        return f"{value} %"
    return str(value)


def field_label(name: str) -> str:
    try:
        found = Activity._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(found, "verbose_name", name))
