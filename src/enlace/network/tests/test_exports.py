"""The directory as CSV and as Popolo JSON."""

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from django.utils import translation
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from enlace.conftest import make_member
from enlace.core.tests.standards import standards_dir
from enlace.network import exports
from enlace.network.models import Membership, Person, Post
from enlace.network.selectors import directory_visible_to


@pytest.fixture
def directory(net, officer, other_officer, observer, secretariat):
    """The memberships of the fixture network, current and former, as the views read them."""
    make_member(
        net,
        "former_hnd",
        role=Post.Role.LIAISON_OFFICER,
        country=net.honduras,
        start=datetime.date(2008, 1, 1),
        end=datetime.date(2015, 12, 31),
    )
    return directory_visible_to(None, include_former=True)


def read_csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_csv_header_with_and_without_contacts():
    assert exports.csv_header(True)[-2:] == ["email", "phone"]
    assert "email" not in exports.csv_header(False)
    assert "phone" not in exports.csv_header(False)
    assert exports.csv_header(True)[: len(exports.csv_header(False))] == exports.csv_header(False)


def test_csv_rows_describe_each_membership(directory, officer):
    with translation.override("en"):
        rows = read_csv(exports.csv_header(True), exports.csv_rows(directory, True))
    assert len(rows) == directory.count() == 5
    mine = next(r for r in rows if r["person_id"] == str(officer.person.pk))
    assert mine == {
        "person_id": str(officer.person.pk),
        "honorific": "",
        "given_name": "Hnd_Officer",
        "family_name": "Tester",
        "country": "Honduras",
        "country_code": "HND",
        "organisation": "",
        "body": "Liaison Officer Network",
        "role": "Liaison officer",
        "institution": "Ministerio",
        "position": "Enlace",
        "start_date": "2020-01-01",
        "end_date": "",
        "email": "hnd_officer@example.org",
        "phone": "'+504 5555 0000",
    }
    former = next(r for r in rows if r["given_name"] == "Former_Hnd")
    assert (former["start_date"], former["end_date"]) == ("2008-01-01", "2015-12-31")
    observer_row = next(r for r in rows if r["given_name"] == "Rrocm_Rep")
    assert observer_row["country"] == observer_row["country_code"] == ""
    assert observer_row["organisation"] == "Regional Network of Civil Organizations for Migration"


def test_csv_rows_without_contacts(directory):
    rows = list(exports.csv_rows(directory, False))
    assert {len(row) for row in rows} == {len(exports.csv_header(False))}
    assert not any("@example.org" in cell for row in rows for cell in row)


@pytest.mark.parametrize(
    "dangerous",
    ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"],
)
def test_csv_neutralises_formulas(net, officer, dangerous):
    Person.objects.filter(pk=officer.person.pk).update(family_name=dangerous)
    Membership.objects.filter(person=officer.person).update(institution=dangerous)
    [row] = read_csv(exports.csv_header(False), exports.csv_rows(directory_visible_to(None), False))
    assert row["family_name"] == "'" + dangerous
    assert row["institution"] == "'" + dangerous


def test_csv_leaves_ordinary_text_alone(net, officer):
    Person.objects.filter(pk=officer.person.pk).update(family_name="Pérez-Soto = 1")
    [row] = read_csv(exports.csv_header(False), exports.csv_rows(directory_visible_to(None), False))
    assert row["family_name"] == "Pérez-Soto = 1"


def test_csv_export_view_neutralises_formulas(client, net, officer):
    Person.objects.filter(pk=officer.person.pk).update(given_name="=cmd|'/C calc'!A0")
    text = client.get("/directory/export.csv").content.decode("utf-8").lstrip("\ufeff")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["given_name"] == "'=cmd|'/C calc'!A0"


# --- Popolo ----------------------------------------------------------------------------------


def test_popolo_has_persons_organizations_memberships_and_posts(directory):
    with translation.override("en"):
        data = exports.popolo(directory, True)
    assert set(data) == {"persons", "organizations", "memberships", "posts"}
    assert len(data["memberships"]) == directory.count()
    # Each person once, however many memberships.
    assert len(data["persons"]) == len({m.person_id for m in directory})
    assert len({p["id"] for p in data["persons"]}) == len(data["persons"])
    assert len(data["posts"]) == len({m.post_id for m in directory})


def test_popolo_ids_are_consistent(directory):
    data = exports.popolo(directory, True)
    persons = {p["id"] for p in data["persons"]}
    organizations = {o["id"] for o in data["organizations"]}
    posts = {p["id"]: p for p in data["posts"]}
    for membership in data["memberships"]:
        assert membership["person_id"] in persons
        assert membership["organization_id"] in organizations
        assert membership["on_behalf_of_id"] in organizations
        assert membership["post_id"] in posts
        assert posts[membership["post_id"]]["organization_id"] == membership["organization_id"]
    for post in posts.values():
        assert post["organization_id"] in organizations
    used = {m["person_id"] for m in data["memberships"]}
    assert used == persons


def test_popolo_describes_a_country_post(directory, net, officer):
    with translation.override("en"):
        data = exports.popolo(directory, True)
    person_id = f"person/{officer.person.pk}"
    [membership] = [m for m in data["memberships"] if m["person_id"] == person_id]
    assert membership["on_behalf_of_id"] == "country/HND"
    assert membership["organization_id"] == "body/trafficking-network"
    assert membership["role"] == "liaison_officer"
    assert membership["start_date"] == "2020-01-01"
    assert "end_date" not in membership
    honduras = next(o for o in data["organizations"] if o["id"] == "country/HND")
    assert honduras["classification"] == "country"
    assert honduras["identifiers"] == [{"scheme": "ISO 3166-1 alpha-3", "identifier": "HND"}]
    post = next(p for p in data["posts"] if p["id"] == membership["post_id"])
    assert post["label"] == "Liaison officer of Honduras"
    person = next(p for p in data["persons"] if p["id"] == person_id)
    assert {"type": "email", "value": "hnd_officer@example.org"} in person["contact_details"]
    assert {"type": "voice", "value": "+504 5555 0000"} in person["contact_details"]


def test_popolo_describes_an_organisation_post_and_an_ended_membership(directory, net):
    data = exports.popolo(directory, False)
    rrocm = next(o for o in data["organizations"] if o["id"] == f"organization/{net.rrocm.pk}")
    assert rrocm["classification"] == "civil_society"
    assert rrocm["other_names"] == [{"name": "RROCM"}]
    ended = [m for m in data["memberships"] if "end_date" in m]
    assert [m["end_date"] for m in ended] == ["2015-12-31"]


def test_popolo_without_contacts(directory):
    data = exports.popolo(directory, False)
    assert all("contact_details" not in p for p in data["persons"])
    assert "@example.org" not in str(data)


def test_popolo_of_an_empty_directory(db):
    assert exports.popolo([], True) == {
        "persons": [],
        "organizations": [],
        "memberships": [],
        "posts": [],
    }


# The Popolo classes of the export, by the key that lists them.
POPOLO_CLASSES = {
    "persons": "person",
    "organizations": "organization",
    "memberships": "membership",
    "posts": "post",
}


def _popolo_validator(folder: Path, name: str) -> Draft3Validator:
    """The published draft-03 schema of one class, its ``$ref`` resolved to the published
    files beside it (never fetched)."""
    resources = []
    for path in folder.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["id"].rstrip("#"), Resource(schema, DRAFT3)))
        resources.append((schema["id"], Resource(schema, DRAFT3)))
    registry = Registry().with_resources(resources)
    schema = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    return Draft3Validator(schema, registry=registry)


@pytest.mark.parametrize("show_contacts", [True, False], ids=["members", "public"])
def test_popolo_export_validates_against_the_published_schemas(directory, show_contacts):
    folder = standards_dir("popolo")
    with translation.override("fr"):
        data = exports.popolo(directory, show_contacts)
    for key, name in POPOLO_CLASSES.items():
        validator = _popolo_validator(folder, name)
        assert list(validator.iter_errors({"id": 7})), "the schema checks nothing"
        defined = set(validator.schema["properties"])
        assert data[key], key
        for item in data[key]:
            errors = [error.message for error in validator.iter_errors(item)]
            assert not errors, (name, item["id"], errors)
            # Properties the standard does not define are flagged with "+", as the spec's
            # JSON patterns say, so that no consumer takes them for Popolo's own.
            extra = {prop for prop in item if prop not in defined}
            assert all(prop.startswith("+") for prop in extra), (name, extra)


def test_popolo_flags_the_institution_as_the_platforms_own(directory, officer):
    data = exports.popolo(directory, True)
    person_id = f"person/{officer.person.pk}"
    [membership] = [m for m in data["memberships"] if m["person_id"] == person_id]
    assert membership["+institution"] == "Ministerio"
    assert "institution" not in membership
