"""The public archive spreadsheet never carries a user's text as a live formula."""

import io
from typing import Any

from django.test import Client
from openpyxl import load_workbook

from enlace.workplan.models import Activity, WorkPlanVersion

EVIL = '=HYPERLINK("http://evil.example/?a=1","click")'


def _formulas(content: bytes) -> list[Any]:
    workbook = load_workbook(io.BytesIO(content))
    return [
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def test_the_public_archive_xlsx_carries_no_formula(
    client: Client, adopted_version: WorkPlanVersion
) -> None:
    archived = Activity.objects.filter(archive_published=True, archived_on__isnull=False)
    assert archived.exists()
    archived.update(results=EVIL)
    content = client.get("/workplan/archive/archive.xlsx").content
    assert _formulas(content) == []
    texts = [c for row in load_workbook(io.BytesIO(content)).active.iter_rows() for c in row]
    assert any(cell.value == EVIL and cell.data_type == "s" for cell in texts)
