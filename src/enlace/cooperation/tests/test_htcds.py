"""The case exports against HTCDS 2.0 as IOM publishes it: every field name the export can write
is a field of 2.0 (none deprecated), every code value one of its picklist values, the platform's
own fields apart in its extension, and the cases laid out as the toolkit spreadsheet lays them."""

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from django.db.models import TextChoices
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from enlace.cooperation import exports
from enlace.cooperation.models import (
    CaseStatus,
    ControlMethod,
    CooperationRequest,
    Exploitation,
    ProtectedCase,
    Recruitment,
    Sex,
    TraffickingEvent,
)
from enlace.core.tests.standards import standards_dir

from .conftest import DOCUMENT, NAME

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


@dataclass
class Standard:
    fields: set[str] = field(default_factory=set)
    deprecated: set[str] = field(default_factory=set)
    picklists: dict[str, set[str]] = field(default_factory=dict)


def _ods_rows(path: Path) -> list[list[str]]:
    """The first sheet of an ODS file as rows of cell texts (repeated cells expanded)."""
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("content.xml"))  # noqa: S314 (the standard's own file)
    table = next(root.iter(f"{TABLE}table"))
    rows = []
    for row in table.iter(f"{TABLE}table-row"):
        cells: list[str] = []
        for cell in row:
            if cell.tag not in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
                continue
            text = "\n".join("".join(p.itertext()) for p in cell.iter(f"{TEXT}p"))
            repeat = min(int(cell.get(f"{TABLE}number-columns-repeated", "1")), 50)
            cells.extend([text] * repeat)
        rows.append(cells)
    return rows


@pytest.fixture(scope="module")
def standard() -> Standard:
    rows = _ods_rows(standards_dir("htcds") / "HTCDS Field Standards 2.0.ods")
    header = rows[0]
    at = {name: header.index(name) for name in header if name}
    found = Standard()
    for row in rows[1:]:
        row = row + [""] * (len(header) - len(row))
        name = row[at["Field Name including Prefix"]].strip()
        if not name or name == "N/A":
            continue
        found.fields.add(name)
        if row[at["Status"]].strip().upper() == "DEPRECATED":
            found.deprecated.add(name)
        values = {v.strip() for v in row[at["Value Names (if picklist)"]].split("\n") if v.strip()}
        if "Picklist" in row[at["Field Type"]] and values and not any(" " in v for v in values):
            found.picklists[name] = values
    assert {"prs_Gender", "cas_Status", "con_Consent"} <= found.fields
    return found


# What the platform's vocabularies write into each HTCDS picklist field.
VOCABULARIES: dict[str, type[TextChoices]] = {
    "prs_Gender": Sex,
    "vic_TypeOfExploitation": Exploitation,
    "vic_MethodsOfControl": ControlMethod,
    "vic_MethodOfRecruitment": Recruitment,
    "cas_Status": CaseStatus,
    "hte_Type": TraffickingEvent.Kind,
}


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_every_code_the_platform_keeps_is_a_value_of_the_standards_picklist(
    standard: Standard, name: str
) -> None:
    assert name in standard.picklists, name
    assert set(VOCABULARIES[name].values) <= standard.picklists[name], (
        set(VOCABULARIES[name].values) - standard.picklists[name]
    )


def test_every_field_a_case_export_writes_is_a_current_field_of_2_0(
    standard: Standard, case: ProtectedCase, net: object
) -> None:
    TraffickingEvent.objects.create(
        case=case, kind=TraffickingEvent.Kind.RECRUITMENT, country=case.owner_country, city="X"
    )
    data = exports.case_htcds(case, list(case.events.all()))
    names = set(data["fields"]) | {n for e in data["historic_trafficking_events"] for n in e}
    assert names <= standard.fields, names - standard.fields
    assert not names & standard.deprecated, names & standard.deprecated
    # The consent is 2.0's, not the deprecated field it replaced.
    assert "con_Consent" in names
    # The platform's own fields are apart, under names that are not the standard's.
    assert not set(data["enlace"]) & standard.fields
    for name, values in standard.picklists.items():
        written = data["fields"].get(name)
        if written:
            assert set(written if isinstance(written, list) else [written]) <= values, name


def test_the_toolkit_columns_are_the_toolkits(standard: Standard) -> None:
    path = standards_dir("htcds") / "HTCDS Excel Spreadsheet v2.0.xlsx"
    sheet = load_workbook(path, read_only=True).worksheets[0]
    first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True))
    assert [c for c in first if c] == exports.TOOLKIT_COLUMNS


def _toolkit(client: Client) -> list[dict[str, str]]:
    response = client.get(reverse("cooperation:cases_export_csv"))
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.DictReader(io.StringIO(body)))


def test_the_parties_export_their_cases_as_the_toolkit_lays_them_out(
    request_: CooperationRequest, other_client: Client, officer_client: Client
) -> None:
    case = request_.case
    assert case is not None
    for client in (officer_client, other_client):
        rows = _toolkit(client)
        assert [row["enlace.case_code"] for row in rows] == [case.code]
        [row] = rows
        assert list(row)[: len(exports.TOOLKIT_COLUMNS)] == exports.TOOLKIT_COLUMNS
        assert all(name.startswith("enlace.") for name in list(row)[len(exports.TOOLKIT_COLUMNS) :])
        assert row["prs_Gender"] == "Feminine"
        assert row["vic_TypeOfExploitation"] == "SexualExploitation"
        assert row["cas_Status"] == "Active"
        # The identifying columns are there, and empty: the export identifies no one.
        assert row["prs_FirstName"] == row["prs_Birthdate"] == row["prs_MobilePhone"] == ""
        text = json.dumps(rows)
        assert NAME.split()[0] not in text
        assert DOCUMENT not in text


def test_the_other_country_does_not_export_a_case_it_is_no_party_to(
    request_: CooperationRequest, third_client: Client, observer_client: Client, client: Client
) -> None:
    assert _toolkit(third_client) == []
    assert observer_client.get(reverse("cooperation:cases_export_csv")).status_code == 404
    assert client.get(reverse("cooperation:cases_export_csv")).status_code == 302
