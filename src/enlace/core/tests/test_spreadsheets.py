"""User text never comes out of an export as a live spreadsheet formula (CSV injection)."""

import io

from openpyxl import Workbook, load_workbook

from enlace.core.spreadsheets import csv_row, xlsx_append

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
