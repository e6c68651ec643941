"""The work plan in spreadsheets (XLSX, openpyxl).

- ``version_workbook``: a plan version, one row per activity;
- ``archive_workbook``: the archive (as filtered), one row per archived activity;
- ``country_workbook`` / ``country_upload``: a country's open activities of the version in
  force, to fill in (status, progress, completion date, reason for cancelling, a milestone
  note) and upload back. Every row is checked; every error is reported with its row and column,
  in the user's language; nothing is applied unless every row is valid, and a file with a
  formula in any cell it reads is refused whole, each such cell named (a formula is not a
  value). A hidden column holds, per row, the activity's ``updated_at`` and the values
  downloaded: a row the user changed whose activity was changed in Enlace since the download
  is refused, by name, rather than overwriting that change. Rows are applied through the
  follow-up services (``enlace.workplan.follow_services``), which check the rules and write the
  audit events.

Files opened and saved again by LibreOffice or Excel import the same: values are read, not
formats; dates may come back as dates, numbers or text; numbers as whole floats.
"""

import datetime
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from enlace.core import downloads
from enlace.core.spreadsheets import FormulaCells, xlsx_append
from enlace.core.text import strip_accents
from enlace.core.uploads import BROKEN_FILE_ERRORS, check_office_zip
from enlace.network.models import Country, Organisation
from enlace.workplan import follow_services
from enlace.workplan.models import Activity, WorkPlanVersion

XLSX_TYPE = downloads.XLSX_TYPE
MAX_ROWS = 5000
STAMP_HEADER = "enlace:stamp"


def _workbook() -> Any:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    return Workbook()


def _save(workbook: Any) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _header(sheet: Any, titles: list[str], widths: list[int]) -> None:
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    xlsx_append(sheet, titles)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"


def _names(activity: Activity) -> str:
    names = [c.name for c in activity.responsible_countries.all()]
    names += [o.acronym or o.name for o in activity.responsible_organisations.all()]
    return ", ".join(names)


def _activities_prefetch() -> list[Any]:
    return [
        Prefetch("responsible_countries", queryset=Country.objects.order_by("name_es")),
        Prefetch("responsible_organisations", queryset=Organisation.objects.order_by("acronym")),
    ]


# --- a plan version and the archive -----------------------------------------------------------


def version_activities(version: WorkPlanVersion) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(version=version)
        .select_related("objective__axis")
        .prefetch_related(*_activities_prefetch(), "indicators")
    )


def version_workbook(version: WorkPlanVersion, activities: Iterable[Activity]) -> bytes:
    """One row per activity of the version, in the interface's language."""
    workbook = _workbook()
    sheet = workbook.active
    sheet.title = _("Activities")[:31]
    _header(
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
                _names(activity),
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
    _date_formats(sheet, ["H", "I", "N", "O"])
    sheet.auto_filter.ref = sheet.dimensions
    workbook.properties.title = str(version)
    return _save(workbook)


def archive_workbook(activities: Iterable[Activity], *, with_publication: bool) -> bytes:
    """One row per archived activity; ``with_publication`` adds whether it is public."""
    workbook = _workbook()
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
    _header(sheet, titles, widths)
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
            _names(activity),
            activity.results,
            activity.cancel_reason,
            str(activity.noted_by_meeting) if activity.noted_by_meeting else "",
            evidence,
        ]
        if with_publication:
            row.append(_("yes") if activity.archive_published else _("no"))
        xlsx_append(sheet, row)
    _date_formats(sheet, ["A"])
    sheet.auto_filter.ref = sheet.dimensions
    return _save(workbook)


def _date_formats(sheet: Any, columns: list[str]) -> None:
    for column in columns:
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"


# --- a country's activities, down and up --------------------------------------------------------

# The columns of a country's file. Editable: status, progress, completed on, reason, note.
COL_KEY, COL_ACTIVITY, COL_STATUS, COL_PROGRESS, COL_COMPLETED = "A", "B", "C", "D", "E"
COL_REASON, COL_NOTE, COL_DEADLINE, COL_OBJECTIVE, COL_AXIS, COL_STAMP = (
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
)
EDITABLE = (COL_STATUS, COL_PROGRESS, COL_COMPLETED, COL_REASON, COL_NOTE)


def country_activities(country: Country) -> QuerySet[Activity]:
    """The country's activities in the versions in force that are still followed up (not in
    the archive)."""
    return (
        Activity.objects.filter(
            version__status=WorkPlanVersion.Status.ADOPTED,
            responsible_countries=country,
            archived_on__isnull=True,
        )
        .select_related("objective__axis", "version__work_plan")
        .order_by(
            "version__work_plan_id",
            "objective__axis__position",
            "objective__position",
            "position",
            "pk",
        )
    )


def _stamp(activity: Activity) -> str:
    """What the hidden column holds: when the activity was last saved and the values sent."""
    return json.dumps(
        {
            "u": activity.updated_at.isoformat(),
            "s": activity.status,
            "p": activity.progress,
            "c": activity.completed_on.isoformat() if activity.completed_on else "",
            "r": activity.cancel_reason,
        },
        separators=(",", ":"),
    )


def status_labels() -> dict[str, str]:
    """Every way a status may be written, folded, to its code: the code and the label in
    Spanish and in English (and in the interface's language)."""
    accepted: dict[str, str] = {}
    for code, label in Activity.Status.choices:
        accepted[_fold(code)] = code
        accepted[_fold(code.replace("_", " "))] = code
        for language in ("es", "en", translation.get_language() or "es"):
            with translation.override(language):
                accepted[_fold(str(label))] = code
    return accepted


def _fold(value: str) -> str:
    return " ".join(strip_accents(value).lower().split())


def country_workbook(country: Country, activities: Iterable[Activity]) -> bytes:
    """The country's activities to fill in, in the interface's language."""
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    workbook = _workbook()
    sheet = workbook.active
    sheet.title = country.code
    _header(
        sheet,
        [
            _("Key (do not change)"),
            _("Activity"),
            _("Status"),
            _("Progress (%)"),
            _("Completed on"),
            _("Reason for cancelling"),
            _("Milestone note"),
            _("End (deadline)"),
            _("Objective"),
            _("Axis"),
            STAMP_HEADER,
        ],
        [38, 50, 16, 12, 14, 30, 40, 14, 40, 30, 10],
    )
    labels = [str(label) for _code, label in Activity.Status.choices]
    status_list = DataValidation(
        type="list", formula1='"' + ",".join(labels) + '"', allow_blank=False
    )
    sheet.add_data_validation(status_list)
    editable_fill = PatternFill("solid", fgColor="FFF8DC")
    count = 0
    for activity in activities:
        count += 1
        xlsx_append(
            sheet,
            [
                str(activity.key),
                activity.title,
                str(activity.get_status_display()),
                activity.progress,
                activity.completed_on,
                activity.cancel_reason,
                "",
                activity.end_date,
                activity.objective.title,
                activity.objective.axis.title,
                _stamp(activity),
            ],
        )
        for column in EDITABLE:
            sheet[f"{column}{count + 1}"].fill = editable_fill
    if count:
        status_list.add(f"{COL_STATUS}2:{COL_STATUS}{count + 1}")
    _date_formats(sheet, [COL_COMPLETED, COL_DEADLINE])
    sheet.column_dimensions[COL_STAMP].hidden = True
    workbook.properties.title = f"{country.code} — {_('Activities')}"
    return _save(workbook)


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class RowChange:
    row: int
    activity: Activity
    status: str
    progress: int
    completed_on: datetime.date | None
    cancel_reason: str
    note: str


@dataclass
class UploadResult:
    errors: list[CellError] = field(default_factory=list)
    file_error: str = ""
    formulas: list[str] = field(default_factory=list)  # the cells holding a formula, refused
    applied: list[RowChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error and not self.formulas

    @property
    def messages(self) -> list[str]:
        return (
            ([self.file_error] if self.file_error else [])
            + self.formulas
            + [str(e) for e in self.errors]
        )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _text(value).rstrip("%").strip()
    if text.isdigit():
        return int(text)
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


def _date(value: Any) -> tuple[datetime.date | None, bool]:
    """(the date, whether the cell could be read as one); an empty cell is (None, True)."""
    if value is None or _text(value) == "":
        return None, True
    if isinstance(value, datetime.datetime):
        return value.date(), True
    if isinstance(value, datetime.date):
        return value, True
    if isinstance(value, int | float) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel  # type: ignore[import-untyped]

        try:
            converted = from_excel(value)
        except (ValueError, OverflowError):
            return None, False
        return (converted.date() if isinstance(converted, datetime.datetime) else None), (
            isinstance(converted, datetime.datetime)
        )
    text = _text(value)[:10]
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date(), True
        except ValueError:
            continue
    return None, False


def _load_rows(content: bytes) -> tuple[list[tuple[Any, ...]], str, list[str]]:
    """The values of the first sheet's rows, the file's error, and the formula cells found (a
    formula is refused: it has no value to trust, and must not read as an empty cell)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    try:
        check_office_zip(content)  # a zip bomb is refused before openpyxl unzips anything
    except ValidationError as error:
        return [], " ".join(error.messages), []
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (InvalidFileException, *BROKEN_FILE_ERRORS):
        return [], _("This file is not an XLSX workbook."), []
    try:
        sheet = workbook.worksheets[0]
        formulas = FormulaCells(sheet.title)
        # Read-only sheets are parsed as they are read: a damaged part fails here.
        rows = [formulas.values(row) for row in sheet.iter_rows(max_col=11)]
    except (InvalidFileException, *BROKEN_FILE_ERRORS):
        return [], _("This file is not an XLSX workbook."), []
    finally:
        workbook.close()
    return rows, "", formulas.messages


def _cell(row: tuple[Any, ...], column: str) -> Any:
    index = ord(column) - ord("A")
    return row[index] if index < len(row) else None


def country_upload(user: Any, country: Country, content: bytes) -> UploadResult:
    """Check every row of an uploaded file and, if all are valid, apply them all."""

    result = UploadResult()
    rows, result.file_error, result.formulas = _load_rows(content)
    if result.file_error or result.formulas:
        return result
    if not rows or _text(_cell(rows[0], COL_STAMP)) != STAMP_HEADER:
        result.file_error = _(
            "This is not a file of activities downloaded from Enlace: download the file "
            "of your country's activities, fill it in and upload it."
        )
        return result
    if len(rows) - 1 > MAX_ROWS:
        result.file_error = _("The file has more than %(n)s rows.") % {"n": MAX_ROWS}
        return result
    accepted = status_labels()
    today = timezone.localdate()
    with transaction.atomic():
        activities = {
            str(a.key): a for a in country_activities(country).select_for_update(of=("self",))
        }
        seen: dict[str, int] = {}
        changes: list[RowChange] = []
        for number, row in enumerate(rows[1:], 2):
            if all(_text(v) == "" for v in row):
                continue  # an empty row (spreadsheet programs keep some)
            count = len(result.errors)

            def error(
                column: str, message: str, row_number: int = number, found: Any = result.errors
            ) -> None:
                found.append(CellError(row_number, column, message))

            key = _text(_cell(row, COL_KEY)).lower()
            activity = activities.get(key)
            if not key:
                error(COL_KEY, _("the key of the activity is missing"))
            elif key in seen:
                error(
                    COL_KEY,
                    _("the same activity is already on row %(row)s") % {"row": seen[key]},
                )
            elif activity is None:
                error(
                    COL_KEY,
                    _(
                        "this key is not one of %(country)s's activities in the plan in force "
                        "(or the activity is already in the archive)"
                    )
                    % {"country": country.name},
                )
            else:
                seen[key] = number
            raw_status = _text(_cell(row, COL_STATUS))
            status = accepted.get(_fold(raw_status))
            if status is None:
                error(
                    COL_STATUS,
                    _("status must be one of: %(choices)s")
                    % {"choices": ", ".join(str(label) for _c, label in Activity.Status.choices)},
                )
            progress = _whole_number(_cell(row, COL_PROGRESS))
            if progress is None or not 0 <= progress <= 100:
                error(COL_PROGRESS, _("progress must be a whole number from 0 to 100"))
            completed_on, readable = _date(_cell(row, COL_COMPLETED))
            if not readable:
                error(COL_COMPLETED, _("the completion date must be a date (YYYY-MM-DD)"))
            elif completed_on is not None and completed_on > today:
                error(COL_COMPLETED, _("the completion date cannot be in the future"))
            elif completed_on is None and status == Activity.Status.COMPLETED:
                error(COL_COMPLETED, _("a completed activity needs its completion date"))
            reason = _text(_cell(row, COL_REASON))
            if status == Activity.Status.CANCELLED and not reason:
                error(COL_REASON, _("a cancelled activity needs the reason it was cancelled"))
            note = _text(_cell(row, COL_NOTE))
            if len(result.errors) > count or activity is None or status is None or progress is None:
                continue
            change = RowChange(
                row=number,
                activity=activity,
                status=status,
                progress=progress,
                completed_on=completed_on,
                cancel_reason=reason if status == Activity.Status.CANCELLED else "",
                note=note,
            )
            sent = _sent(_cell(row, COL_STAMP))
            if not note and sent is not None and _same_as_sent(change, sent):
                result.unchanged += 1  # the user left it as downloaded
                continue
            if sent is None or sent["u"] != activity.updated_at.isoformat():
                error(
                    COL_KEY,
                    _(
                        "“%(activity)s” was changed in Enlace after this file was downloaded; "
                        "download the file again and make your changes there"
                    )
                    % {"activity": activity.title},
                )
                continue
            changes.append(change)
        if result.errors:
            return result
        current = 0
        try:
            with transaction.atomic():
                for change in changes:
                    current = change.row
                    _apply(follow_services, user, change, today)
        except ValidationError as exc:  # the service's own checks: nothing was applied
            result.errors.append(CellError(current, COL_STATUS, " ".join(exc.messages)))
            return result
        result.applied = changes
    return result


def _sent(value: Any) -> dict[str, Any] | None:
    try:
        data = json.loads(_text(value))
    except ValueError:
        return None
    return data if isinstance(data, dict) and "u" in data else None


def _same_as_sent(change: RowChange, sent: dict[str, Any]) -> bool:
    completed = change.completed_on.isoformat() if change.completed_on else ""
    reason = change.cancel_reason if change.status == Activity.Status.CANCELLED else ""
    sent_reason = sent.get("r", "") if sent.get("s") == Activity.Status.CANCELLED else ""
    return (change.status, change.progress, completed, reason) == (
        sent.get("s"),
        sent.get("p"),
        sent.get("c", ""),
        sent_reason,
    )


def _apply(follow_services: Any, user: Any, change: RowChange, today: datetime.date) -> None:
    activity = change.activity
    follow_services.activity_update_progress(
        user=user,
        activity=activity,
        status=change.status,
        progress=change.progress,
        completed_on=change.completed_on,
        cancel_reason=change.cancel_reason,
    )
    if change.note:
        follow_services.milestone_add(user=user, activity=activity, date=today, note=change.note)
