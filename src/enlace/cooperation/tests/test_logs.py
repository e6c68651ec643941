"""No identifying data of a protected case reaches the logs, on any path, errors included."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from enlace.cooperation.tests.conftest import DOCUMENT, NAME
from enlace.core.logs import JsonFormatter

SECRETS = [*NAME.split(), DOCUMENT, "9999 1234"]


@pytest.fixture
def all_logs():
    """Every record of every logger, DEBUG up, formatted as production writes it."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    root = logging.getLogger()
    handler = Keep(level=logging.DEBUG)
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield lambda: [JsonFormatter().format(r) for r in records]
    root.removeHandler(handler)
    root.setLevel(previous)


def test_no_identity_in_the_logs_of_reading_exporting_and_failing(
    all_logs, officer_client, other_client, request_, case, monkeypatch
):
    identity = reverse("cooperation:case_identity", args=[case.code])
    assert NAME.split()[0] in other_client.post(identity, {"reason": "Return"}).content.decode()
    officer_client.get(reverse("cooperation:case", args=[case.code]))
    officer_client.get(reverse("cooperation:case_export_csv", args=[case.code]))
    officer_client.get(reverse("cooperation:case_export_json", args=[case.code]))
    officer_client.get(f"/api/v1/cooperation/cases/{case.code}")
    # A page that breaks while it shows the identity: a 500, logged with its traceback.
    import enlace.cooperation.views as views

    def broken(*args, **kwargs):
        raise RuntimeError("the template engine failed")

    monkeypatch.setattr(views, "render", broken)
    failing = Client(raise_request_exception=False)
    failing.force_login(_officer_of(other_client))
    response = failing.post(identity, {"reason": "Return"})
    assert response.status_code == 500
    lines = all_logs()
    assert any("Internal Server Error" in line and "RuntimeError" in line for line in lines)
    leaked = [line for line in lines for secret in SECRETS if secret in line]
    assert not leaked, leaked


def _officer_of(client: Client):
    from django.contrib.auth import SESSION_KEY

    from enlace.accounts.models import User

    return User.objects.get(pk=client.session[SESSION_KEY])
