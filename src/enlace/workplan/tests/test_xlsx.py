"""A plan version as a spreadsheet: one row per activity, for whoever may read the version."""

import io

from django.test import Client
from openpyxl import load_workbook

from enlace.workplan.models import WorkPlanVersion


def test_a_version_as_xlsx(client: Client, adopted_version: WorkPlanVersion) -> None:
    client.cookies["enlace_language"] = "en"
    response = client.get(f"/workplan/versions/{adopted_version.pk}/activities.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Axis", "Objective", "Activity", "Title (Spanish)")
    assert len(rows) == 1 + 16
    first = rows[1]
    assert first[0] == "Intelligence and investigation"
    assert first[2] == "1.1.1 Regional workshop on route analysis"
    assert first[5] == "Honduras"
    assert first[10] == "Completed"
    assert first[11] == 100


def test_a_draft_version_xlsx_only_for_the_network(
    client: Client, officer_client: Client, draft_version: WorkPlanVersion
) -> None:
    url = f"/workplan/versions/{draft_version.pk}/activities.xlsx"
    assert client.get(url).status_code == 404
    assert officer_client.get(url).status_code == 200
