"""A work plan version in a spreadsheet (XLSX, openpyxl): one row per activity; and what every
workbook of the work plan shares (the follow-up's country files, the archive's export): the
header row, the names of those responsible, the date cells.
"""

import io
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from enlace.core import downloads
from enlace.core.spreadsheets import xlsx_append
from enlace.network.models import Country, Organisation
from enlace.workplan.models import Activity, WorkPlanVersion

XLSX_TYPE = downloads.XLSX_TYPE


def new_workbook() -> Any:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    return Workbook()


def workbook_bytes(workbook: Any) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def header_row(sheet: Any, titles: list[str], widths: list[int]) -> None:
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    xlsx_append(sheet, titles)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"


def responsible_names(activity: Activity) -> str:
    names = [c.name for c in activity.responsible_countries.all()]
    names += [o.acronym or o.name for o in activity.responsible_organisations.all()]
    return ", ".join(names)


def responsible_prefetch() -> list[Any]:
    return [
        Prefetch("responsible_countries", queryset=Country.objects.order_by("name_es")),
        Prefetch("responsible_organisations", queryset=Organisation.objects.order_by("acronym")),
    ]


def date_formats(sheet: Any, columns: list[str]) -> None:
    for column in columns:
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"


def version_activities(version: WorkPlanVersion) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(version=version)
        .select_related("objective__axis")
        .prefetch_related(*responsible_prefetch(), "indicators")
    )


def version_workbook(version: WorkPlanVersion, activities: Iterable[Activity]) -> bytes:
    """One row per activity of the version, in the interface's language."""
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = _("Activities")[:31]
    header_row(
        sheet,
        [
            _("Axis"),
            _("Objective"),
            _("Activity"),
            _("Title (Spanish)"),
            _("Title (English)"),
            _("Responsible"),
            _("Partners"),
            _("Start"),
            _("End (deadline)"),
            _("Weight"),
            _("Status"),
            _("Progress (%)"),
            _("Indicators"),
            _("Completed on"),
            _("Archived on"),
        ],
        [30, 40, 40, 40, 40, 25, 25, 12, 12, 8, 14, 10, 40, 12, 12],
    )
    for activity in activities:
        indicators = "; ".join(
            " / ".join(x for x in (i.name, i.baseline, i.target) if x)
            for i in activity.indicators.all()
        )
        xlsx_append(
            sheet,
            [
                activity.objective.axis.title,
                activity.objective.title,
                activity.title,
                activity.title_es,
                activity.title_en,
                responsible_names(activity),
                activity.partners,
                activity.start_date,
                activity.end_date,
                activity.weight,
                str(activity.get_status_display()),
                activity.progress,
                indicators,
                activity.completed_on,
                activity.archived_on,
            ],
        )
    date_formats(sheet, ["H", "I", "N", "O"])
    sheet.auto_filter.ref = sheet.dimensions
    workbook.properties.title = str(version)
    return workbook_bytes(workbook)
