"""Keep the search index in step with reports and their points.

A report and its points are written together in one transaction (and points may be written
with ``bulk_create``, which sends no signal, so the report's own save is the signal for them).
Every save or delete of a report or a point asks for the report to be indexed again once the
transaction commits, once per report and transaction, from what is then in the database.
Deleted reports and points lose their entries by the foreign keys' CASCADE.

The entries' filter words come from the meeting too (body, date, visibility, delegations): a
save of a meeting, or a save or delete of one of its delegations, asks for its reports likewise.
They name the body by its short name and a country by its code: a body or a country saved with
a new one asks for the reports of its meetings (the body's, or those it took part in).
"""

from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_save

from enlace.meetings.models import Meeting, Participation
from enlace.network.models import Body, Country
from enlace.reports.models import Report, ReportPoint
from enlace.search.services import (
    schedule_reindex,
    schedule_reindex_meeting,
    schedule_reindex_named,
)


def _report_changed(sender: Any, instance: Report, using: str, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata: the command search_reindex follows
        return
    schedule_reindex(instance.pk, using)


def _point_saved(sender: Any, instance: ReportPoint, using: str, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    schedule_reindex(instance.report_id, using)


def _point_deleted(sender: Any, instance: ReportPoint, using: str, **kwargs: Any) -> None:
    schedule_reindex(instance.report_id, using)


def _meeting_saved(sender: Any, instance: Meeting, using: str, **kwargs: Any) -> None:
    if kwargs.get("raw") or kwargs.get("created"):  # a new meeting has no report yet
        return
    schedule_reindex_meeting(instance.pk, using)


def _participation_changed(sender: Any, instance: Participation, using: str, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    schedule_reindex_meeting(instance.meeting_id, using)


# The field of a body and of a country that the filter words hold.
_NAMED_BY: dict[type[Model], str] = {Body: "slug", Country: "code"}


def _name_saving(sender: type[Model], instance: Model, using: str, **kwargs: Any) -> None:
    """Before a body or a country is saved: the short name or code it has in the database."""
    field = _NAMED_BY[sender]
    update_fields = kwargs.get("update_fields")
    if kwargs.get("raw") or instance.pk is None or (update_fields and field not in update_fields):
        return
    stored = sender._default_manager.using(using).filter(pk=instance.pk)
    instance._search_name_was = stored.values_list(field, flat=True).first()  # type: ignore[attr-defined]


def _name_saved(sender: type[Model], instance: Model, using: str, **kwargs: Any) -> None:
    was = instance.__dict__.pop("_search_name_was", None)
    if kwargs.get("raw") or was is None or was == getattr(instance, _NAMED_BY[sender]):
        return
    if sender is Body:
        schedule_reindex_named(instance.pk, None, using)
    else:
        schedule_reindex_named(None, instance.pk, using)


def connect() -> None:
    post_save.connect(_report_changed, sender=Report, dispatch_uid="search_report_saved")
    post_save.connect(_point_saved, sender=ReportPoint, dispatch_uid="search_point_saved")
    post_delete.connect(_point_deleted, sender=ReportPoint, dispatch_uid="search_point_deleted")
    post_save.connect(_meeting_saved, sender=Meeting, dispatch_uid="search_meeting_saved")
    post_save.connect(
        _participation_changed, sender=Participation, dispatch_uid="search_participation_saved"
    )
    post_delete.connect(
        _participation_changed, sender=Participation, dispatch_uid="search_participation_deleted"
    )
    for model in _NAMED_BY:
        name = model.__name__.lower()
        pre_save.connect(_name_saving, sender=model, dispatch_uid=f"search_{name}_saving")
        post_save.connect(_name_saved, sender=model, dispatch_uid=f"search_{name}_saved")
