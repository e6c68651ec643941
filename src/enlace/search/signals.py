"""Keep the search index in step with reports and their points.

A report and its points are written together in one transaction (and points may be written
with ``bulk_create``, which sends no signal, so the report's own save is the signal for them).
Every save or delete of a report or a point asks for the report to be indexed again once the
transaction commits, once per report and transaction, from what is then in the database.
Deleted reports and points lose their entries by the foreign keys' CASCADE.
"""

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import post_delete, post_save

from enlace.meetings.models import Report, ReportPoint


class _Reindex:
    """An on-commit callback that indexes one report (recognisable, so it is asked once)."""

    def __init__(self, report_id: int, using: str) -> None:
        self.report_id = report_id
        self.using = using
        self.settled = False  # ran, or the report was indexed since it was asked

    def __call__(self) -> None:
        from enlace.search.services import search_index_report

        self.settled = True
        search_index_report(self.report_id)


def _pending(report_ids: set[int], using: str) -> list[_Reindex]:
    connection = connections[using]
    if not connection.in_atomic_block:
        return []
    callbacks = [entry[1] for entry in connection.run_on_commit]  # (savepoints, callback, robust)
    return [
        callback
        for callback in callbacks
        if isinstance(callback, _Reindex)
        and callback.report_id in report_ids
        and not callback.settled
    ]


def schedule_reindex(report_id: int, using: str = DEFAULT_DB_ALIAS) -> None:
    """Index the report when the transaction commits (now, outside a transaction)."""
    if not _pending({report_id}, using):
        transaction.on_commit(_Reindex(report_id, using), using=using)


def settle(report_ids: set[int], using: str = DEFAULT_DB_ALIAS) -> None:
    """The reports were just indexed: a later write in this transaction asks again."""
    for callback in _pending(report_ids, using):
        callback.settled = True


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


def connect() -> None:
    post_save.connect(_report_changed, sender=Report, dispatch_uid="search_report_saved")
    post_save.connect(_point_saved, sender=ReportPoint, dispatch_uid="search_point_saved")
    post_delete.connect(_point_deleted, sender=ReportPoint, dispatch_uid="search_point_deleted")
