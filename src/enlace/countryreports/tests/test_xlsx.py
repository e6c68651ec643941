"""The XLSX template of a report's figures, down and up: the round trip, errors named by sheet,
row and column in the user's language, a file refused whole, and a file saved again by
LibreOffice."""

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from enlace.core.tests.files import xlsx_bomb
from enlace.countryreports import services
from enlace.countryreports.indicators import FigureKey
from enlace.countryreports.models import CountryReport

from .conftest import VALID, put_figures


def _download(client: Client, report: CountryReport) -> Any:
    response = client.get(f"/country-reports/{report.pk}/template.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _fill(book: Any, values: dict[str, object]) -> bytes:
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in values:
            row[6].value = values[row[0].value]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client: Client, report: CountryReport, data: bytes, **extra: Any) -> Any:
    return client.post(
        f"/country-reports/{report.pk}/upload/",
        {"file": SimpleUploadedFile("figures.xlsx", data)},
        **extra,
    )


def test_round_trip(officer_client: Client, hnd_report: CountryReport) -> None:
    book = _download(officer_client, hnd_report)
    keys = [row[0].value for row in book.worksheets[0].iter_rows(min_row=2)]
    assert "victims_identified.sex.female" in keys
    assert "convictions.som.total" in keys
    response = _upload(
        officer_client, hnd_report, _fill(book, {k.slug: v for k, v in VALID.items()})
    )
    assert response.status_code == 302
    assert services.stored_figures(hnd_report) == VALID
    # Downloading again gives back what is stored.
    again = _download(officer_client, hnd_report).worksheets[0]
    values = {
        row[0].value: row[6].value for row in again.iter_rows(min_row=2) if row[6].value is not None
    }
    assert values == {k.slug: v for k, v in VALID.items()}


def test_errors_are_named_by_sheet_row_and_column_and_the_file_is_refused_whole(
    officer_client: Client, hnd_report: CountryReport
) -> None:
    book = _download(officer_client, hnd_report)
    sheet = book.worksheets[0]
    row_of = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    values = {k.slug: v for k, v in VALID.items()}
    values["campaigns.total"] = -2
    values["victims_identified.sex.male"] = 16
    response = _upload(officer_client, hnd_report, _fill(book, values), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 400
    title = sheet.title
    assert f"Sheet “{title}”, row {row_of['campaigns.total']}, column G" in page
    assert "cannot be negative" in page
    assert f"row {row_of['victims_identified.sex.female']}, column G" in page
    assert "add up to 41, but the total is 40" in page
    assert not hnd_report.figures.exists()


def test_an_unknown_key_and_a_non_spreadsheet_are_refused(
    officer_client: Client, hnd_report: CountryReport
) -> None:
    book = _download(officer_client, hnd_report)
    book.worksheets[0]["A5"] = "victims_invented.total"
    response = _upload(officer_client, hnd_report, _fill(book, {}), HTTP_ACCEPT_LANGUAGE="en")
    assert "row 5, column A: unknown figure “victims_invented.total”" in response.content.decode()
    response = _upload(officer_client, hnd_report, b"not a spreadsheet", HTTP_ACCEPT_LANGUAGE="en")
    assert "not an XLSX spreadsheet" in response.content.decode()
    assert not hnd_report.figures.exists()


def test_a_zip_bomb_is_refused_before_it_is_opened(
    officer_client: Client, hnd_report: CountryReport
) -> None:
    before = CountryReport.objects.filter(pk=hnd_report.pk).values().get()
    response = _upload(officer_client, hnd_report, xlsx_bomb(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "would unzip to 200.0 MB" in response.content.decode()
    assert not hnd_report.figures.exists()
    assert CountryReport.objects.filter(pk=hnd_report.pk).values().get() == before


def test_the_template_is_in_the_users_language(
    officer_client: Client, hnd_report: CountryReport
) -> None:
    response = officer_client.get(
        f"/country-reports/{hnd_report.pk}/template.xlsx", HTTP_ACCEPT_LANGUAGE="es"
    )
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    labels = {row[0].value: row[2].value for row in sheet.iter_rows(min_row=2)}
    assert labels["victims_identified.total"] == "Víctimas identificadas"


def test_a_file_saved_by_libreoffice_still_imports(
    officer_client: Client, hnd_report: CountryReport, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("soffice is missing: install the Debian package libreoffice-calc-nogui")
    book = _download(officer_client, hnd_report)
    source = tmp_path / "in" / "figures.xlsx"
    source.parent.mkdir()
    source.write_bytes(_fill(book, {k.slug: v for k, v in VALID.items()}))
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
    response = _upload(officer_client, hnd_report, (out / "figures.xlsx").read_bytes())
    assert response.status_code == 302
    assert services.stored_figures(hnd_report) == VALID
    assert FigureKey("campaigns") in services.stored_figures(hnd_report)


def test_a_formula_is_refused_and_the_stored_figures_are_kept(
    officer_client: Client, hnd_report: CountryReport
) -> None:
    stored = {**VALID, FigureKey("agreements"): 4}
    put_figures(hnd_report, stored)
    book = _download(officer_client, hnd_report)
    sheet = book.worksheets[0]
    row_of = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    assert sheet[f"G{row_of['agreements.total']}"].value == 4
    # openpyxl saves no cached value: read with data_only=True, the cell would be empty and
    # the 4 deleted.
    data = _fill(book, {"agreements.total": "=2+2", "campaigns.total": "=1+2"})
    response = _upload(officer_client, hnd_report, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.context["errors"] == [
        f"Sheet “{sheet.title}”, cell G{row_of['campaigns.total']} holds a formula (=1+2): "
        "type the value itself.",
        f"Sheet “{sheet.title}”, cell G{row_of['agreements.total']} holds a formula (=2+2): "
        "type the value itself.",
    ]
    assert "holds a formula (=2+2)" in response.content.decode()
    assert services.stored_figures(hnd_report) == stored


def test_formulas_are_listed_up_to_a_bound(
    officer_client: Client, hnd_report: CountryReport
) -> None:
    put_figures(hnd_report, VALID)
    book = _download(officer_client, hnd_report)
    for row in book.worksheets[0].iter_rows(min_row=2, max_row=31):
        row[6].value = f"={row[0].row}+1"
    response = _upload(officer_client, hnd_report, _fill(book, {}), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    found = response.context["errors"]
    assert len(found) == 21
    assert found[0].endswith("cell G2 holds a formula (=2+1): type the value itself.")
    assert found[20] == "And 10 more cells hold formulas."
    assert services.stored_figures(hnd_report) == VALID
