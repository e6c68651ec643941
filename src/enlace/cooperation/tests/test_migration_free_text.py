"""Migration 0002 encrypts the free text that earlier versions stored in clear, and going back
decrypts it: rows written as plaintext with SQL, the schema moved with the MigrationExecutor."""

import datetime
import importlib
import json
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from enlace.accounts.models import User
from enlace.conftest import Net
from enlace.cooperation.models import CooperationRequest, RequestMessage, StateChange
from enlace.core import crypto

BEFORE = [("cooperation", "0001_initial")]
AFTER = [("cooperation", "0002_encrypt_request_text")]
migration = importlib.import_module("enlace.cooperation.migrations.0002_encrypt_request_text")

SUMMARY = "Return of Quintanilla-Ybarra to Cortés"
DETAILS = {"destination": "Cortés", "receiving_institution": "Home of Hermelinda Ortega"}
BODY = "The aunt, Florentino Beteta, waits."
REASON = "Anacleta Mejicanos is unknown"


def _migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _row(sql: str, params: list[Any]) -> tuple[Any, ...]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    assert row is not None
    return tuple(row)


def _write_plaintext_rows(net: Net, author: User) -> int:
    """What version 0001 stored: the text as typed, the details as JSON."""
    day = datetime.date(2026, 1, 5)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO cooperation_cooperationrequest (type, requesting_country_id, summary, "
            "details, state, decline_reason, sent_on, due_on, is_fictitious, created_at, "
            "updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                "investigation",
                net.honduras.pk,
                SUMMARY,
                json.dumps(DETAILS),
                "declined",
                REASON,
                day,
                day + datetime.timedelta(days=45),
                False,
                datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
                datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
            ],
        )
        pk = int(
            _row("SELECT id FROM cooperation_cooperationrequest WHERE summary = %s", [SUMMARY])[0]
        )
        cursor.execute(
            "INSERT INTO cooperation_requestmessage (request_id, author_id, country_id, body, "
            "created_at) VALUES (%s, %s, %s, %s, %s)",
            [pk, author.pk, net.honduras.pk, BODY, day],
        )
        for from_state, to_state, reason in (("", "sent", ""), ("sent", "declined", REASON)):
            cursor.execute(
                "INSERT INTO cooperation_statechange (request_id, from_state, to_state, reason, "
                "at) VALUES (%s, %s, %s, %s, %s)",
                [pk, from_state, to_state, reason, day],
            )
    return pk


def _raw(pk: int) -> str:
    return repr(
        [
            _row(
                "SELECT summary, details, decline_reason FROM cooperation_cooperationrequest "
                "WHERE id = %s",
                [pk],
            ),
            _row("SELECT body FROM cooperation_requestmessage WHERE request_id = %s", [pk]),
            _row(
                "SELECT reason FROM cooperation_statechange WHERE request_id = %s "
                "AND to_state = 'declined'",
                [pk],
            ),
        ]
    )


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_plaintext_rows_and_back(net: Net, officer: User) -> None:
    _migrate(BEFORE)
    try:
        pk = _write_plaintext_rows(net, officer)
        assert "Quintanilla" in _raw(pk)
        _migrate(AFTER)
        raw = _raw(pk)
        for clear in ("Quintanilla", "Hermelinda", "Florentino", "Anacleta", "Cort"):
            assert clear not in raw, clear
        request = CooperationRequest.objects.get(pk=pk)
        assert (request.summary, request.details, request.decline_reason) == (
            SUMMARY,
            DETAILS,
            REASON,
        )
        assert RequestMessage.objects.get(request=request).body == BODY
        assert [c.reason for c in StateChange.objects.filter(request=request)] == ["", REASON]
        # Back to 0001: the clear text again, the details valid JSON.
        _migrate(BEFORE)
        summary, details, reason = _row(
            "SELECT summary, details, decline_reason FROM cooperation_cooperationrequest "
            "WHERE id = %s",
            [pk],
        )
        assert (summary, json.loads(details), reason) == (SUMMARY, DETAILS, REASON)
        assert BODY in _raw(pk)
    finally:
        _migrate(AFTER)


def test_the_conversion_is_idempotent_and_keeps_the_empty_text() -> None:
    token = migration.encrypt_value(SUMMARY)
    assert token != SUMMARY
    assert crypto.decrypt_text(token) == SUMMARY
    assert migration.encrypt_value(token) == token  # run again: left as it is
    assert migration.encrypt_value("") == ""
    assert migration.encrypt_value(None) is None
    assert migration.decrypt_value(token) == SUMMARY
    assert migration.decrypt_value(SUMMARY) == SUMMARY
    details_token = migration.encrypt_value(json.dumps(DETAILS))
    assert crypto.decrypt_json(details_token) == DETAILS
