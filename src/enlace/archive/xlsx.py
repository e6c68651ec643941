"""The Work Plan Archive in a spreadsheet (XLSX, openpyxl): one row per archived activity, as
filtered on the archive's page."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from enlace.core.spreadsheets import xlsx_append
from enlace.workplan.models import Activity
from enlace.workplan.xlsx import (
    date_formats,
    header_row,
    new_workbook,
    responsible_names,
    workbook_bytes,
)


def archive_workbook(activities: Iterable[Activity], *, with_publication: bool) -> bytes:
    """One row per archived activity; ``with_publication`` adds whether it is public."""
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = _("Archive")[:31]
    titles = [
        _("Completed on"),
        _("Status"),
        _("Work plan"),
        _("Version"),
        _("Axis"),
        _("Objective"),
        _("Activity"),
        _("Responsible"),
        _("Results"),
        _("Reason for cancelling"),
        _("Meeting that took note"),
        _("Evidence"),
    ]
    widths = [12, 14, 30, 8, 30, 40, 40, 25, 50, 30, 30, 40]
    if with_publication:
        titles.append(_("Published"))
        widths.append(10)
    header_row(sheet, titles, widths)
    for activity in activities:
        evidence = "; ".join(
            " ".join(x for x in (e.title, e.url) if x) for e in activity.evidence.all()
        )
        row = [
            activity.completed_on,
            str(activity.get_status_display()),
            activity.version.work_plan.name,
            activity.version.number,
            activity.objective.axis.title,
            activity.objective.title,
            activity.title,
            responsible_names(activity),
            activity.results,
            activity.cancel_reason,
            str(activity.noted_by_meeting) if activity.noted_by_meeting else "",
            evidence,
        ]
        if with_publication:
            row.append(_("yes") if activity.archive_published else _("no"))
        xlsx_append(sheet, row)
    date_formats(sheet, ["A"])
    sheet.auto_filter.ref = sheet.dimensions
    return workbook_bytes(workbook)
