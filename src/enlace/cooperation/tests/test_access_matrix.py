"""The access matrix of cooperation, as a table: every page and API endpoint × every role ×
own and others' objects → the status code a user gets.

Roles: ``st`` secretariat; ``hnd`` officer of the requesting country (Honduras); ``mex`` officer
of the requested country (Mexico); ``gtm`` officer of a third country (Guatemala); ``sup``
Honduras's case supervisor; ``obs`` observer (RROCM); ``acct`` an account without a role;
``anon`` the public. Objects: ``own`` is the request Honduras → Mexico and its case (registered by
Honduras); ``others`` is a request Mexico → Guatemala, which Honduras is not party to.

A third country, an observer or an account without a role gets 404 for everything: nothing says
that the request or case exists. The public is sent to the login page (302) on pages and gets 401
from the API.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from enlace.cooperation import services
from enlace.cooperation.models import CooperationRequest

ROLES = ("st", "hnd", "mex", "gtm", "sup", "obs", "acct", "anon")


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    url: Callable[[dict[str, Any]], str]
    expected: dict[str, int]
    data: dict[str, Any] | None = None
    json: bool = False


def _all(code: int, **overrides: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, code) | overrides


PAGE_NONE = _all(404, anon=302)  # a page for nobody of these roles
API_NONE = _all(404, anon=401)

ROWS = [
    # --- pages ---------------------------------------------------------------------------
    Row(
        "inbox",
        "get",
        lambda o: reverse("cooperation:inbox"),
        _all(404, st=200, hnd=200, mex=200, gtm=200, anon=302),
    ),
    Row(
        "request own",
        "get",
        lambda o: reverse("cooperation:request", args=[o["own"].pk]),
        _all(404, st=200, hnd=200, mex=200, anon=302),
    ),
    Row(
        "request others",
        "get",
        lambda o: reverse("cooperation:request", args=[o["others"].pk]),
        _all(404, st=200, mex=200, gtm=200, anon=302),
    ),
    Row(
        "new request form",
        "get",
        lambda o: reverse("cooperation:request_new") + "?type=other",
        _all(404, hnd=200, mex=200, gtm=200, anon=302),
    ),
    Row(
        "acknowledge own",
        "post",
        lambda o: reverse("cooperation:request_transition", args=[o["own"].pk]),
        _all(404, st=404, hnd=403, mex=302, anon=302),
        {"action": "acknowledge"},
    ),
    Row(
        "message own",
        "post",
        lambda o: reverse("cooperation:request_message", args=[o["own"].pk]),
        _all(404, hnd=302, mex=302, anon=302),
        {"body": "Hello"},
    ),
    Row(
        "message others",
        "post",
        lambda o: reverse("cooperation:request_message", args=[o["others"].pk]),
        _all(404, mex=302, gtm=302, anon=302),
        {"body": "Hello"},
    ),
    Row(
        "remind own",
        "post",
        lambda o: reverse("cooperation:request_remind", args=[o["own"].pk]),
        _all(404, st=302, hnd=403, mex=403, anon=302),
        {},
    ),
    Row(
        "attachment own",
        "get",
        lambda o: reverse("cooperation:attachment", args=[o["attachment"].pk]),
        _all(404, hnd=200, mex=200, anon=302),
    ),
    Row(
        "child step own",
        "post",
        lambda o: reverse(
            "cooperation:request_step", args=[o["own"].pk, o["own"].child_steps.first().pk]
        ),
        # The requested country (Mexico) runs a child's return; Honduras, which asked, cannot.
        _all(404, hnd=403, mex=302, anon=302),
        {"state": "done"},
    ),
    Row(
        "cases",
        "get",
        lambda o: reverse("cooperation:cases"),
        _all(404, hnd=200, mex=200, gtm=200, anon=302),
    ),
    Row(
        "case new",
        "get",
        lambda o: reverse("cooperation:case_new"),
        _all(404, hnd=200, mex=200, gtm=200, anon=302),
    ),
    Row(
        "case own",
        "get",
        lambda o: reverse("cooperation:case", args=[o["case"].code]),
        _all(404, hnd=200, mex=200, anon=302),
    ),
    Row(
        "case edit",
        "get",
        lambda o: reverse("cooperation:case_edit", args=[o["case"].code]),
        _all(404, hnd=200, anon=302),
    ),
    Row(
        "case identity (reason form)",
        "get",
        lambda o: reverse("cooperation:case_identity", args=[o["case"].code]),
        _all(404, hnd=200, mex=200, anon=302),
    ),
    Row(
        "case identity shown",
        "post",
        lambda o: reverse("cooperation:case_identity", args=[o["case"].code]),
        _all(404, hnd=200, mex=200, anon=302),
        {"reason": "Preparing the return"},
    ),
    Row(
        "case identity edit",
        "get",
        lambda o: reverse("cooperation:case_identity_edit", args=[o["case"].code]),
        _all(404, hnd=200, anon=302),
    ),
    Row(
        "case event",
        "post",
        lambda o: reverse("cooperation:case_event", args=[o["case"].code]),
        _all(404, hnd=302, anon=302),
        {"kind": "Transit", "country": "", "city": "x"},
    ),
    Row(
        "case export json",
        "get",
        lambda o: reverse("cooperation:case_export_json", args=[o["case"].code]),
        _all(404, hnd=200, mex=200, anon=302),
    ),
    Row(
        "case export csv",
        "get",
        lambda o: reverse("cooperation:case_export_csv", args=[o["case"].code]),
        _all(404, hnd=200, mex=200, anon=302),
    ),
    Row(
        "identity log",
        "get",
        lambda o: reverse("cooperation:identity_log"),
        _all(404, sup=200, anon=302),
    ),
    Row(
        "statistics",
        "get",
        lambda o: reverse("cooperation:statistics"),
        _all(404, st=200, hnd=200, mex=200, gtm=200, obs=200, anon=302),
    ),
    # --- API -----------------------------------------------------------------------------
    Row(
        "api requests",
        "get",
        lambda o: "/api/v1/cooperation/requests",
        _all(404, st=200, hnd=200, mex=200, gtm=200, anon=401),
    ),
    Row(
        "api request own",
        "get",
        lambda o: f"/api/v1/cooperation/requests/{o['own'].pk}",
        _all(404, st=200, hnd=200, mex=200, anon=401),
    ),
    Row(
        "api request others",
        "get",
        lambda o: f"/api/v1/cooperation/requests/{o['others'].pk}",
        _all(404, st=200, mex=200, gtm=200, anon=401),
    ),
    Row(
        "api transition own",
        "post",
        lambda o: f"/api/v1/cooperation/requests/{o['own'].pk}/transitions",
        _all(404, hnd=403, mex=200, anon=401),
        {"action": "acknowledge"},
        json=True,
    ),
    Row(
        "api messages own",
        "get",
        lambda o: f"/api/v1/cooperation/requests/{o['own'].pk}/messages",
        _all(404, hnd=200, mex=200, anon=401),
    ),
    Row(
        "api message add own",
        "post",
        lambda o: f"/api/v1/cooperation/requests/{o['own'].pk}/messages",
        _all(404, hnd=201, mex=201, anon=401),
        {"body": "Hello"},
        json=True,
    ),
    Row(
        "api cases",
        "get",
        lambda o: "/api/v1/cooperation/cases",
        _all(404, hnd=200, mex=200, gtm=200, anon=401),
    ),
    Row(
        "api case own",
        "get",
        lambda o: f"/api/v1/cooperation/cases/{o['case'].code}",
        _all(404, hnd=200, mex=200, anon=401),
    ),
]


@pytest.fixture
def objects(
    request_: CooperationRequest, stranger_request: CooperationRequest, officer: Any
) -> dict[str, Any]:
    attachment = services.request_attachment_add(
        user=officer, cooperation_request=request_, upload=SimpleUploadedFile("a.txt", b"data")
    )
    return {
        "own": request_,
        "others": stranger_request,
        "case": request_.case,
        "attachment": attachment,
    }


@pytest.fixture
def clients(
    secretariat_client: Client,
    officer_client: Client,
    other_client: Client,
    third_client: Client,
    supervisor_client: Client,
    observer_client: Client,
    outsider_client: Client,
    client: Client,
) -> dict[str, Client]:
    return {
        "st": secretariat_client,
        "hnd": officer_client,
        "mex": other_client,
        "gtm": third_client,
        "sup": supervisor_client,
        "obs": observer_client,
        "acct": outsider_client,
        "anon": client,
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_access_matrix(
    row: Row, role: str, objects: dict[str, Any], clients: dict[str, Client]
) -> None:
    client = clients[role]
    url = row.url(objects)
    if row.method == "get":
        response = client.get(url)
    elif row.json:
        response = client.post(url, row.data, content_type="application/json")
    else:
        response = client.post(url, row.data)
    assert response.status_code == row.expected[role], (row.name, role, response.status_code)
    if response.status_code == 404:
        # Nothing of the request or case leaks into the 404 page (the URL typed is echoed in
        # the language form, but nothing that was not in it).
        body = response.content.decode()
        assert "Safe return" not in body
        assert "SexualExploitation" not in body
        assert "Cortés" not in body
