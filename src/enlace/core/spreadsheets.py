"""Cells of exported spreadsheets: user text never becomes a formula.

A text cell that starts with ``= + - @``, a tab or a carriage return is read by spreadsheet
programs as a formula (CSV injection: ``=HYPERLINK("http://evil.example/…")``). In CSV, such a
text gets a leading apostrophe, the OWASP rule; in XLSX, the cell is written as text, so the
value round-trips unchanged through an upload and is never evaluated. Numbers, dates and
empty cells are left as they are.
"""

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value for a CSV row: ``None`` as empty, a formula-like text neutralised."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(row: Iterable[Any]) -> list[Any]:
    return [csv_cell(value) for value in row]


def xlsx_append(sheet: Any, row: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet; a text cell is stored as text, never a formula."""
    values = list(row)
    sheet.append(values)
    line = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and value.startswith("="):
            cell = sheet.cell(row=line, column=column)
            cell.value = value
            cell.data_type = "s"
