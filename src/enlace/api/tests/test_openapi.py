"""The OpenAPI document at /api/v1/openapi.json describes what every endpoint answers: each
operation's success has a schema, and no two schemas share a name (a later one would silently
replace the earlier in the document)."""

import json
from typing import Any

import pytest
from django.test import Client
from ninja.openapi.schema import OpenAPISchema
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_spec_validator import validate

from enlace.api.api import api
from enlace.meetings.tests.factories import make_meeting, make_report


@pytest.fixture
def description(client: Client, db: None) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return dict(json.loads(response.content))


def test_every_operation_describes_its_success_with_a_schema(description: dict[str, Any]) -> None:
    undescribed = []
    for path, operations in description["paths"].items():
        for method, operation in operations.items():
            successes = {
                code: answer
                for code, answer in operation["responses"].items()
                if code in ("200", "201")
            }
            schemas = [
                answer.get("content", {}).get("application/json", {}).get("schema")
                for answer in successes.values()
            ]
            if not schemas or not all(
                schema and ("$ref" in schema or "items" in schema or "properties" in schema)
                for schema in schemas
            ):
                undescribed.append(f"{method.upper()} {path}")
    assert undescribed == []


def test_every_reference_names_a_schema_of_the_document(description: dict[str, Any]) -> None:
    text = json.dumps(description)
    names = set(description["components"]["schemas"])
    prefix = '"#/components/schemas/'
    referred = {part.split('"')[0] for part in text.split(prefix)[1:]}
    assert referred <= names


def test_schema_names_are_unique(monkeypatch: pytest.MonkeyPatch, db: None) -> None:
    seen: dict[str, set[str]] = {}
    add = OpenAPISchema.add_schema_definitions

    def record(self: OpenAPISchema, definitions: dict[str, Any]) -> None:
        for name, definition in definitions.items():
            seen.setdefault(name, set()).add(json.dumps(definition, sort_keys=True))
        add(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", record)
    api.get_openapi_schema()
    assert seen
    assert sorted(name for name, shapes in seen.items() if len(shapes) > 1) == []


def test_a_meeting_report_and_a_country_report_are_told_apart(
    description: dict[str, Any],
) -> None:
    def success(path: str) -> str:
        answer = description["paths"][path]["get"]["responses"]["200"]
        return str(answer["content"]["application/json"]["schema"]["$ref"]).rsplit("/", 1)[-1]

    meeting_report = success("/api/v1/reports/{report_id}")
    country_report = success("/api/v1/country-reports/reports/{report_id}")
    assert meeting_report == "MeetingReportOut"
    assert country_report == "CountryReportOut"
    schemas = description["components"]["schemas"]
    assert "points" in schemas[meeting_report]["properties"]
    assert "figures_url" in schemas[country_report]["properties"]


def test_the_document_is_valid_openapi_and_names_its_security_schemes(
    description: dict[str, Any],
) -> None:
    validate(description)  # raises with the first breach of the OpenAPI specification
    schemes = description["components"]["securitySchemes"]
    assert schemes["bearerToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["bearerToken"]["description"],
    }
    assert (schemes["session"]["type"], schemes["session"]["in"]) == ("apiKey", "cookie")
    assert {"bearerToken": []} in description["security"]


# The main endpoints, by who reads them: their live answers must be what the document says.
LIVE = [
    ("public", "/api/v1/countries"),
    ("public", "/api/v1/meetings"),
    ("public", "/api/v1/directory"),
    ("public", "/api/v1/directory/popolo"),
    ("officer", "/api/v1/me"),
    ("officer", "/api/v1/cooperation/requests"),
    ("officer", "/api/v1/commitments"),
    ("officer", "/api/v1/workplan/plans"),
    ("secretariat", "/api/v1/contributions"),
]


@pytest.mark.parametrize(("who", "url"), LIVE, ids=[url for _w, url in LIVE])
def test_live_answers_match_the_document(
    description: dict[str, Any],
    client: Client,
    officer_client: Client,
    secretariat_client: Client,
    who: str,
    url: str,
) -> None:
    caller = {"public": client, "officer": officer_client, "secretariat": secretariat_client}[who]
    response = caller.get(url)
    assert response.status_code == 200, response.content[:300]
    openapi = OpenAPI.from_dict(description)
    openapi.validate_response(
        DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
    )


def test_a_report_answers_as_the_meeting_reports_schema(
    description: dict[str, Any], secretariat_client: Client, net: Any
) -> None:
    report = make_report(make_meeting(net))
    response = secretariat_client.get(f"/api/v1/reports/{report.pk}")
    assert response.status_code == 200
    OpenAPI.from_dict(description).validate_response(
        DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
    )
