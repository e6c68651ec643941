"""Keep the search index in step with reports and their points.

A report and its points are written together in one transaction (and points may be written
with ``bulk_create``, which sends no signal, so the report's own save is the signal for them).
Every save or delete of a report or a point asks for the report to be indexed again once the
transaction commits, once per report and transaction, from what is then in the database.
Deleted reports and points lose their entries by the foreign keys' CASCADE.
"""

from typing import Any

from django.db.models.signals import post_delete, post_save

from enlace.reports.models import Report, ReportPoint
from enlace.search.services import schedule_reindex


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
