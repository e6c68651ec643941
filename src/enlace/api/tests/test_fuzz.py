"""schemathesis against the API's own OpenAPI schema, as the public, an officer and the secretariat.

Every operation gets a bounded number of generated requests (valid and invalid); none may answer
5xx, and every answer must match the schema the API publishes for it. `.ci/run` runs it with
the rest of the suite, on SQLite and on PostgreSQL.
"""

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from enlace.accounts.services import api_token_create

EXAMPLES = 6  # per operation and role: CI time is bounded, the coverage phase adds edge cases
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def wsgi_in_the_test_transaction() -> Any:
    """schemathesis calls the WSGI application itself, whose end of request closes the database
    connection that is not in autocommit, i.e. the test's transaction (PostgreSQL then has no
    connection left). Django's test client turns that off the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(
    db: None, wsgi_in_the_test_transaction: None, net: Any, officer: Any, secretariat: Any
) -> Any:
    from enlace.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def bearer(officer: Any, secretariat: Any) -> dict[str, dict[str, str]]:
    headers = {"public": {}}
    for role, user in (("officer", officer), ("secretariat", secretariat)):
        _token, raw = api_token_create(user=user, name="fuzz")
        headers[role] = {"Authorization": f"Bearer {raw}"}
    return headers


_bounded = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def _fuzz(api_schema: Any, headers: dict[str, str]) -> None:
    """Every operation of the schema, each with its bounded examples; the failures of all of
    them together (schemathesis's pytest plugin does not run under this pytest)."""
    failures = []
    operations = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @_bounded
        def run(case: Any) -> None:
            # schemathesis's WSGI client reads the body as it comes: no gzip.
            case.call_and_validate(
                checks=CHECKS, headers={**headers, "Accept-Encoding": "identity"}
            )

        try:
            run()
        except Exception as exc:
            failures.append(f"{operation.label}: {str(exc)[:1500]}")
    assert operations > 20
    assert not failures, "\n\n".join(failures)


def test_the_api_as_the_public(api_schema: Any, bearer: dict[str, dict[str, str]]) -> None:
    _fuzz(api_schema, bearer["public"])


def test_the_api_as_an_officer(api_schema: Any, bearer: dict[str, dict[str, str]]) -> None:
    _fuzz(api_schema, bearer["officer"])


def test_the_api_as_the_secretariat(api_schema: Any, bearer: dict[str, dict[str, str]]) -> None:
    _fuzz(api_schema, bearer["secretariat"])
