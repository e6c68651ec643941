"""The inbox, the case list and the API lists do as many queries with 200 requests as with 10."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enlace.conftest import Net
from enlace.cooperation.models import (
    CooperationRequest,
    ProtectedCase,
    RequestParty,
)

pytestmark = pytest.mark.django_db


def _make(net: Net, n: int) -> None:
    CooperationRequest.objects.all().delete()
    cases = ProtectedCase.objects.bulk_create(
        [ProtectedCase(owner_country=net.honduras) for _i in range(n)]
    )
    requests = CooperationRequest.objects.bulk_create(
        [
            CooperationRequest(
                type="other",
                requesting_country=net.honduras,
                summary="s",
                sent_on="2026-01-01",
                due_on="2026-02-01" if i % 2 else "2036-01-01",
                case=cases[i],
            )
            for i in range(n)
        ]
    )
    RequestParty.objects.bulk_create(
        [RequestParty(request=r, country=net.honduras, role="requesting") for r in requests]
        + [RequestParty(request=r, country=net.mexico, role="requested") for r in requests]
    )


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        reverse("cooperation:inbox"),
        reverse("cooperation:cases"),
        "/api/v1/cooperation/requests",
        "/api/v1/cooperation/cases",
    ],
)
def test_lists_do_not_grow_with_the_data(
    url: str, net: Net, officer_client: Client, other_officer: Any
) -> None:
    _make(net, 10)
    small = _count(officer_client, url)
    _make(net, 200)
    assert _count(officer_client, url) == small


def test_statistics_do_not_grow_with_the_data(net: Net, secretariat_client: Client) -> None:
    _make(net, 10)
    small = _count(secretariat_client, reverse("cooperation:statistics"))
    _make(net, 200)
    assert _count(secretariat_client, reverse("cooperation:statistics")) == small
