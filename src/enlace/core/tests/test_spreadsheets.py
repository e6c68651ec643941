"""User text never comes out of an export as a live spreadsheet formula (CSV injection), and an
uploaded formula is noted by its sheet and cell, never read as an empty cell."""

import io

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from enlace.core.spreadsheets import FormulaCells, csv_row, xlsx_append

EVIL = '=HYPERLINK("http://evil.example/?a=1","click")'


def test_csv_cells_that_start_like_a_formula_are_neutralised() -> None:
    row = csv_row([EVIL, "+1", "-2 items", "@SUM(A1)", "\tx", "\rx", "plain", 42, None, -3])
    assert row == [
        "'" + EVIL,
        "'+1",
        "'-2 items",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "plain",
        42,
        "",
        -3,
    ]


def test_xlsx_text_is_stored_as_text_and_reads_back_unchanged() -> None:
    workbook = Workbook()
    xlsx_append(workbook.active, [EVIL, "plain", 7])
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    first = sheet.cell(row=1, column=1)
    assert first.data_type == "s"
    assert first.value == EVIL
    assert sheet.cell(row=1, column=3).value == 7


def _read(workbook: Workbook) -> tuple[list[tuple[object, ...]], FormulaCells]:
    buffer = io.BytesIO()
    workbook.save(buffer)
    book = load_workbook(io.BytesIO(buffer.getvalue()), read_only=True, data_only=False)
    try:
        sheet = book.worksheets[0]
        formulas = FormulaCells(sheet.title)
        rows = [formulas.values(row) for row in sheet.iter_rows(max_col=3)]
    finally:
        book.close()
    return rows, formulas


@pytest.fixture
def english():
    """The messages are read in English (they are translated: the default language is Spanish)."""
    with translation.override("en"):
        yield


def test_every_kind_of_formula_is_noted_and_reads_as_empty(english) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    xlsx_append(sheet, [EVIL, "plain", 7])  # text that starts with "=": not a formula
    sheet.append(["=2+2", "=A1&" + "x" * 80, None])
    sheet["A3"] = ArrayFormula("A3:A3", "=SUM(C1:C2)")
    sheet["B3"] = DataTableFormula("B3:B3", r1="C1", r2="C2")
    rows, formulas = _read(workbook)
    assert rows == [(EVIL, "plain", 7), (None, None, None), (None, None, None)]
    assert formulas.count == 4
    assert formulas.messages == [
        "Sheet “Plan”, cell A2 holds a formula (=2+2): type the value itself.",
        "Sheet “Plan”, cell B2 holds a formula (=A1&" + "x" * 55 + "…): type the value itself.",
        "Sheet “Plan”, cell A3 holds a formula (=SUM(C1:C2)): type the value itself.",
        "Sheet “Plan”, cell B3 holds a formula (=TABLE(C1,C2)): type the value itself.",
    ]


def test_formulas_are_listed_up_to_a_bound_then_counted(english) -> None:
    workbook = Workbook()
    for row in range(1, 24):
        workbook.active.append([f"={row}+1", 1])
    rows, formulas = _read(workbook)
    assert [row[1] for row in rows] == [1] * 23
    assert formulas.count == 23
    assert len(formulas.messages) == 21
    assert formulas.messages[-1] == "And 3 more cells hold formulas."
    workbook = Workbook()
    workbook.active.append([1, "plain"])
    rows, formulas = _read(workbook)
    assert not formulas
    assert formulas.messages == []
