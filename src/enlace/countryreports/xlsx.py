"""A report's figures as an XLSX template, down and up (openpyxl).

The template has one row per figure of the catalogue: its key (column A, which the upload reads;
the same in every language), what it is (pillar, indicator, crime, breakdown, category, in the
user's language) and its value (column G), filled in with what the report holds. The upload
reads the first sheet, checks every row with ``enlace.countryreports.validation`` and names each
error with its sheet, row and column in the user's language. A file with any error is refused
whole: nothing is saved. A cell holding a formula is such an error (the workbook is read with
``data_only=False``: a formula has no value to trust, and must not read as an empty cell that
would erase the stored figure). Files saved again by LibreOffice or Excel read the same (values, not
formats; whole numbers may come back as floats).
"""

import io
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from enlace.core import downloads
from enlace.core.spreadsheets import FormulaCells, xlsx_append
from enlace.core.uploads import BROKEN_FILE_ERRORS, check_office_zip
from enlace.countryreports.indicators import (
    CATEGORIES,
    CRIMES,
    DIMENSIONS,
    INDICATORS,
    PILLARS,
    FigureKey,
    parse_key,
    series_keys,
)
from enlace.countryreports.models import CountryReport
from enlace.countryreports.validation import check_figures

XLSX_TYPE = downloads.XLSX_TYPE
KEY_COLUMN, VALUE_COLUMN = "A", "G"
MAX_ROWS = 2000


def template(report: CountryReport, entries: dict[FigureKey, object]) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped]

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Figures")[:31]
    xlsx_append(
        sheet,
        [
            _("Key (do not change)"),
            _("Pillar"),
            _("Indicator"),
            _("Crime"),
            _("Breakdown"),
            _("Category"),
            _("Value"),
        ],
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF4D6")
    for indicator in INDICATORS.values():
        for key in series_keys(indicator):
            value = entries.get(key)
            xlsx_append(
                sheet,
                [
                    key.slug,
                    str(PILLARS[indicator.pillar]),
                    str(indicator.label),
                    str(CRIMES[key.crime]) if key.crime else "",
                    str(DIMENSIONS[key.dimension]) if key.dimension else _("total"),
                    str(CATEGORIES[key.dimension][key.category]) if key.dimension else "",
                    value if value is not None else None,
                ],
            )
            sheet[f"{VALUE_COLUMN}{sheet.max_row}"].fill = fill
    for column, width in zip("ABCDEFG", (34, 14, 40, 26, 26, 28, 12), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    workbook.properties.title = str(report)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@dataclass
class Upload:
    figures: dict[FigureKey, object]
    errors: list[str]


def read_upload(data: bytes) -> Upload:
    """The figures of an uploaded template, or every error (by sheet, row and column)."""
    from openpyxl import load_workbook

    try:
        check_office_zip(data)  # a zip bomb is refused before openpyxl unzips anything
    except ValidationError as refused:
        return Upload({}, list(refused.messages))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except BROKEN_FILE_ERRORS:
        return Upload({}, [_("This file is not an XLSX spreadsheet.")])
    try:
        figures: dict[FigureKey, object] = {}
        rows: dict[FigureKey, int] = {}
        errors: list[str] = []
        try:
            # Read-only sheets are parsed as they are read: a damaged part fails here.
            sheet = workbook.worksheets[0]
            title = sheet.title
            formulas = FormulaCells(title)
            read = [
                formulas.values(cells)
                for cells in islice(sheet.iter_rows(min_row=2, max_col=7), MAX_ROWS)
            ]
        except BROKEN_FILE_ERRORS:
            return Upload({}, [_("This file is not an XLSX spreadsheet.")])
        for number, row in enumerate(read, 2):
            if number > MAX_ROWS:
                errors.append(_("The file has too many rows."))
                break
            slug = row[0] if row else None
            value = row[6] if len(row) > 6 else None
            if slug is None or str(slug).strip() == "":
                if value not in (None, ""):
                    errors.append(
                        _("Sheet “%(sheet)s”, row %(row)s, column %(col)s: a value without a key.")
                        % {"sheet": title, "row": number, "col": KEY_COLUMN}
                    )
                continue
            key = parse_key(str(slug))
            if key is None:
                errors.append(
                    _("Sheet “%(sheet)s”, row %(row)s, column %(col)s: unknown figure “%(key)s”.")
                    % {"sheet": title, "row": number, "col": KEY_COLUMN, "key": str(slug)[:60]}
                )
                continue
            if key in rows:
                errors.append(
                    _(
                        "Sheet “%(sheet)s”, row %(row)s, column %(col)s: “%(key)s” is also in row "
                        "%(other)s."
                    )
                    % {
                        "sheet": title,
                        "row": number,
                        "col": KEY_COLUMN,
                        "key": key.slug,
                        "other": rows[key],
                    }
                )
                continue
            rows[key] = number
            figures[key] = value
    finally:
        workbook.close()
    if formulas:  # a formula is no value: the file is refused whole, every such cell named
        return Upload({}, formulas.messages)
    if errors:
        return Upload({}, errors)
    checked = check_figures(figures)
    for error in checked.errors:
        errors.append(
            _("Sheet “%(sheet)s”, row %(row)s, column %(col)s: %(message)s")
            % {
                "sheet": title,
                "row": rows.get(error.key, rows.get(error.key.total, "?")),
                "col": VALUE_COLUMN,
                "message": error.message,
            }
        )
    return Upload({} if errors else figures, errors)


def rows_for_table(header: list[Any], rows: list[list[Any]], title: str) -> bytes:
    """Any table of the dashboard as an XLSX sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31] or "Data"
    xlsx_append(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        xlsx_append(sheet, row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
