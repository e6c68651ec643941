"""A country's activities as a spreadsheet, downloaded, filled in and uploaded back (also after
LibreOffice opened and saved the file); every error with its row and column, nothing applied
unless every row is valid, and no silent overwrite of a later change."""

import datetime
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from enlace.audit.models import AuditEvent
from enlace.core.tests.files import xlsx_bomb
from enlace.workplan.models import Activity, Milestone, WorkPlanVersion

HND_FILE = "/workplan/countries/HND/activities.xlsx"
HND_UPLOAD = "/workplan/countries/HND/upload/"
# Honduras's open activities in the version in force, in the file's order (rows 2 to 6).
HND_ROWS = ["1.2.1", "2.1.2", "3.1.1", "3.2.1", "4.1.1"]


def english(client: Client) -> Client:
    client.cookies["enlace_language"] = "en"
    return client


def activity(version: WorkPlanVersion, code: str) -> Activity:
    return Activity.objects.get(version=version, title_es__startswith=code + " ")


def workbook(content: bytes) -> Any:
    return load_workbook(io.BytesIO(content))


def to_bytes(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client: Client, content: bytes, url: str = HND_UPLOAD) -> Any:
    file = io.BytesIO(content)
    file.name = "activities.xlsx"
    return client.post(url, {"file": file})


def errors(response: Any) -> list[str]:
    result = response.context["result"]
    return result.messages if result else []


# --- who may download and upload a country's file -------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("officer_client", 200),
        ("secretariat_client", 200),
        ("other_client", 403),
        ("observer_client", 403),
        ("outsider_client", 403),
    ],
)
def test_who_may_have_a_countrys_file(
    request: pytest.FixtureRequest, who: str, status: int, adopted_version: WorkPlanVersion
) -> None:
    client = request.getfixturevalue(who)
    assert client.get(HND_FILE).status_code == status
    assert client.get(HND_UPLOAD).status_code == status


def test_another_country_cannot_upload(
    officer_client: Client, other_client: Client, adopted_version: WorkPlanVersion
) -> None:
    book = workbook(officer_client.get(HND_FILE).content)
    book.worksheets[0]["D2"] = 90
    response = upload(other_client, to_bytes(book))
    assert response.status_code == 403
    assert activity(adopted_version, "1.2.1").progress == 40


def test_anonymous_is_sent_to_log_in(client: Client, adopted_version: WorkPlanVersion) -> None:
    response = client.get(HND_FILE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_unknown_country_is_not_found(officer_client: Client, net: Any) -> None:
    assert officer_client.get("/workplan/countries/ZZZ/activities.xlsx").status_code == 404


# --- the round trip ---------------------------------------------------------------------------


def test_the_file_holds_the_countrys_open_activities(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    english(officer_client)
    sheet = workbook(officer_client.get(HND_FILE).content).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == (
        "Key (do not change)",
        "Activity",
        "Status",
        "Progress (%)",
        "Completed on",
        "Reason for cancelling",
        "Milestone note",
    )
    assert [r[1].split()[0] for r in rows[1:]] == HND_ROWS
    assert rows[1][0] == str(activity(adopted_version, "1.2.1").key)
    assert rows[1][2:4] == ("In progress", 40)
    assert sheet.column_dimensions["K"].hidden


def fill_in(book: Any) -> None:
    """Row 2 (1.2.1): 70 %, a note; row 4 (3.1.1): completed; row 6 (4.1.1): cancelled."""
    sheet = book.worksheets[0]
    sheet["D2"] = 70
    sheet["G2"] = "Borrador de la guía circulado"
    sheet["C4"] = "Completed"
    sheet["D4"] = 100
    sheet["E4"] = datetime.date(2024, 3, 1)
    sheet["C6"] = "cancelled"
    sheet["F6"] = "Sin presupuesto"


def assert_filled_in(version: WorkPlanVersion) -> None:
    guide = activity(version, "1.2.1")
    assert (guide.status, guide.progress) == ("in_progress", 70)
    assert list(Milestone.objects.filter(activity=guide).values_list("note", flat=True)) == [
        "Borrador de la guía circulado"
    ]
    catalogue = activity(version, "3.1.1")
    assert (catalogue.status, catalogue.progress) == ("completed", 100)
    assert catalogue.completed_on == datetime.date(2024, 3, 1)
    campaign = activity(version, "4.1.1")
    assert (campaign.status, campaign.cancel_reason) == ("cancelled", "Sin presupuesto")
    # Untouched rows are left alone.
    assert activity(version, "2.1.2").updated_at < catalogue.updated_at
    assert AuditEvent.objects.filter(object_id=str(guide.pk)).exists()


def test_round_trip(officer_client: Client, adopted_version: WorkPlanVersion) -> None:
    english(officer_client)
    book = workbook(officer_client.get(HND_FILE).content)
    fill_in(book)
    response = upload(officer_client, to_bytes(book))
    assert response.status_code == 302, errors(response)
    assert_filled_in(adopted_version)
    assert (
        AuditEvent.objects.filter(
            object_type="workplan.activity", action="activity.progress"
        ).count()
        == 3
    )


def test_spanish_labels_are_accepted(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    book = workbook(officer_client.get(HND_FILE).content)
    book.worksheets[0]["C3"] = "Postergada"  # not a label: refused …
    response = upload(officer_client, to_bytes(book))
    assert response.status_code == 400
    from django.utils import translation

    with translation.override("es"):
        label = str(Activity.Status.IN_PROGRESS.label)
    book.worksheets[0]["C3"] = label.upper()  # … the Spanish label, in any case, is accepted
    response = upload(officer_client, to_bytes(book))
    assert response.status_code == 302, errors(response)
    assert activity(adopted_version, "2.1.2").status == "in_progress"


def test_a_file_saved_by_libreoffice_still_imports(
    officer_client: Client, adopted_version: WorkPlanVersion, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("soffice is missing: install the Debian package libreoffice-calc-nogui")
    book = workbook(officer_client.get(HND_FILE).content)
    fill_in(book)
    source = tmp_path / "in" / "activities.xlsx"
    source.parent.mkdir()
    source.write_bytes(to_bytes(book))
    out = tmp_path / "out"
    subprocess.run(  # noqa: S603 (soffice found by which, fixed arguments)
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    saved = (out / "activities.xlsx").read_bytes()
    assert saved != source.read_bytes()  # LibreOffice wrote its own file
    response = upload(officer_client, saved)
    assert response.status_code == 302, errors(response)
    assert_filled_in(adopted_version)


# --- validation: every error with its row and column, nothing applied -------------------------


def test_every_error_is_reported_and_nothing_is_applied(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    english(officer_client)
    book = workbook(officer_client.get(HND_FILE).content)
    sheet = book.worksheets[0]
    sheet["D2"] = 80  # valid on its own: must not be applied
    sheet["C3"] = "Finished"
    sheet["D4"] = 150
    sheet["D5"] = 12.5
    sheet["E5"] = "next week"
    sheet["C6"] = "Cancelled"  # without a reason
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    sheet.append([str(activity(adopted_version, "1.1.2").key), "", "Planned", 0])  # Mexico's
    sheet.append([sheet["A2"].value, "", "Planned", "ten"])  # row 2 again, bad progress
    sheet.append([sheet["A3"].value, "", "Completed", 100, tomorrow])  # row 3 again
    sheet["A10"] = "Completed"
    sheet["C10"] = "Completed"
    sheet["D10"] = 100
    response = upload(officer_client, to_bytes(book))
    assert response.status_code == 400
    assert errors(response) == [
        "Row 3, column C: status must be one of: Planned, In progress, Completed, "
        "Postponed, Cancelled",
        "Row 4, column D: progress must be a whole number from 0 to 100",
        "Row 5, column D: progress must be a whole number from 0 to 100",
        "Row 5, column E: the completion date must be a date (YYYY-MM-DD)",
        "Row 6, column F: a cancelled activity needs the reason it was cancelled",
        "Row 7, column A: this key is not one of Honduras's activities in the plan in force "
        "(or the activity is already in the archive)",
        "Row 8, column A: the same activity is already on row 2",
        "Row 8, column D: progress must be a whole number from 0 to 100",
        "Row 9, column A: the same activity is already on row 3",
        "Row 9, column E: the completion date cannot be in the future",
        "Row 10, column A: this key is not one of Honduras's activities in the plan in force "
        "(or the activity is already in the archive)",
        "Row 10, column E: a completed activity needs its completion date",
    ]
    assert activity(adopted_version, "1.2.1").progress == 40
    assert not AuditEvent.objects.filter(action="activity.progress").exists()
    assert "Row 4, column D" in response.content.decode()


def test_errors_in_the_users_language(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    from django.utils import translation

    officer_client.cookies["enlace_language"] = "es"
    book = workbook(officer_client.get(HND_FILE).content)
    book.worksheets[0]["D2"] = 101
    response = upload(officer_client, to_bytes(book))
    with translation.override("es"):
        expected = translation.gettext("Row %(row)s, column %(column)s: %(message)s") % {
            "row": 2,
            "column": "D",
            "message": translation.gettext("progress must be a whole number from 0 to 100"),
        }
    assert errors(response) == [expected]


def test_a_file_that_is_not_ours_is_refused(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    english(officer_client)
    response = upload(officer_client, b"not a spreadsheet")
    assert errors(response) == ["This file is not an XLSX workbook."]
    book = workbook(officer_client.get(HND_FILE).content)
    book.worksheets[0].delete_cols(11)
    response = upload(officer_client, to_bytes(book))
    assert response.status_code == 400
    assert errors(response)[0].startswith("This is not a file of activities downloaded from Enlace")


def test_a_zip_bomb_is_refused_before_it_is_opened(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    english(officer_client)
    before = list(Activity.objects.order_by("pk").values_list("pk", "status", "progress"))
    events = AuditEvent.objects.count()
    response = upload(officer_client, xlsx_bomb())
    assert response.status_code == 400
    assert len(errors(response)) == 1
    assert "would unzip to 200.0 MB" in errors(response)[0]
    assert list(Activity.objects.order_by("pk").values_list("pk", "status", "progress")) == before
    assert AuditEvent.objects.count() == events
    assert not Milestone.objects.exists()


# --- stale rows ---------------------------------------------------------------------------------


def test_a_row_changed_in_enlace_since_the_download_is_refused(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    english(officer_client)
    book = workbook(officer_client.get(HND_FILE).content)
    # Meanwhile, a colleague records 55 % for 3.1.1 in Enlace.
    catalogue = activity(adopted_version, "3.1.1")
    catalogue.progress = 55
    catalogue.save()
    sheet = book.worksheets[0]
    sheet["D2"] = 70  # 1.2.1: fine on its own
    sheet["D4"] = 90  # 3.1.1: would overwrite the colleague's 55 %
    response = upload(officer_client, to_bytes(book))
    assert response.status_code == 400
    assert errors(response) == [
        "Row 4, column A: “3.1.1 Catalogue of alternatives to detention” was changed in Enlace "
        "after this file was downloaded; download the file again and make your changes there"
    ]
    assert activity(adopted_version, "3.1.1").progress == 55
    assert activity(adopted_version, "1.2.1").progress == 40


def test_a_stale_row_left_as_downloaded_does_not_block(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    book = workbook(officer_client.get(HND_FILE).content)
    catalogue = activity(adopted_version, "3.1.1")
    catalogue.progress = 55
    catalogue.save()
    book.worksheets[0]["D2"] = 70
    response = upload(officer_client, to_bytes(book))
    assert response.status_code == 302, errors(response)
    assert activity(adopted_version, "1.2.1").progress == 70
    assert activity(adopted_version, "3.1.1").progress == 55  # not reverted to 75


# --- formulas: refused, never read as an empty cell -------------------------------------------


def test_a_formula_is_refused_with_its_sheet_and_cell_and_nothing_is_applied(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    english(officer_client)
    book = workbook(officer_client.get(HND_FILE).content)
    sheet = book.worksheets[0]
    sheet["D2"] = 70  # valid on its own: must not be applied
    sheet["G2"] = "=2+2"  # openpyxl saves no cached value: data_only=True would read None
    sheet["D3"] = "=SUM(50,5)"
    before = list(Activity.objects.order_by("pk").values_list("pk", "status", "progress"))
    events = AuditEvent.objects.count()
    response = upload(officer_client, to_bytes(book))
    assert response.status_code == 400
    assert errors(response) == [
        "Sheet “HND”, cell G2 holds a formula (=2+2): type the value itself.",
        "Sheet “HND”, cell D3 holds a formula (=SUM(50,5)): type the value itself.",
    ]
    assert "cell G2 holds a formula" in response.content.decode()
    assert list(Activity.objects.order_by("pk").values_list("pk", "status", "progress")) == before
    assert AuditEvent.objects.count() == events
    assert not Milestone.objects.exists()


def test_formulas_are_listed_up_to_a_bound(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    english(officer_client)
    book = workbook(officer_client.get(HND_FILE).content)
    sheet = book.worksheets[0]
    for row in range(2, 7):
        for column in "CDEFG":
            sheet[f"{column}{row}"] = f"={row}*{ord(column)}"
    book.worksheets[0]["A8"] = "=A2"  # a row the upload would otherwise refuse by its key
    response = upload(officer_client, to_bytes(book))
    assert response.status_code == 400
    found = errors(response)
    assert len(found) == 21
    assert found[0] == "Sheet “HND”, cell C2 holds a formula (=2*67): type the value itself."
    assert found[19].startswith("Sheet “HND”, cell G5 holds a formula")
    assert found[20] == "And 6 more cells hold formulas."
    assert not Milestone.objects.exists()


def test_an_array_formula_is_refused(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    from openpyxl.worksheet.formula import ArrayFormula

    english(officer_client)
    book = workbook(officer_client.get(HND_FILE).content)
    book.worksheets[0]["G2"] = ArrayFormula("G2", '=TEXTJOIN(" ",TRUE,B2:B3)')
    response = upload(officer_client, to_bytes(book))
    assert response.status_code == 400
    assert errors(response) == [
        'Sheet “HND”, cell G2 holds a formula (=TEXTJOIN(" ",TRUE,B2:B3)): type the value itself.'
    ]
    assert not Milestone.objects.exists()


def test_a_text_that_starts_like_a_formula_is_not_one(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    guide = activity(adopted_version, "1.2.1")
    Activity.objects.filter(pk=guide.pk).update(
        title_es="=1.2.1 Guía", title_en="=1.2.1 Guide"
    )  # exported as text, as every user text is
    book = workbook(officer_client.get(HND_FILE).content)
    book.worksheets[0]["D2"] = 70
    book.worksheets[0]["G2"] = "=no es una fórmula"
    book.worksheets[0]["G2"].data_type = "s"  # what "'=…" typed in a spreadsheet program saves
    response = upload(officer_client, to_bytes(book))
    assert response.status_code == 302, errors(response)
    guide.refresh_from_db()
    assert guide.progress == 70
    assert list(Milestone.objects.filter(activity=guide).values_list("note", flat=True)) == [
        "=no es una fórmula"
    ]
