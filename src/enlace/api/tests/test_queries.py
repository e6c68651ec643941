"""The API's lists do as many queries with 200 records as with 10."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from enlace.accounts.models import User
from enlace.accounts.services import api_token_create
from enlace.conftest import Net
from enlace.meetings.tests.factories import bulk_meetings
from enlace.network.models import Country, Membership, Organisation, Person, Post


def count_queries(client: Client, path: str) -> int:
    client.get(path)  # warm up: sessions, caches of the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def bulk_memberships(net: Net, count: int, *, first: int = 0) -> None:
    """``count`` people, each in a post of their own country or organisation, some former."""
    countries = Country.objects.bulk_create(
        Country(
            code=f"{chr(65 + i // 100)}{i % 100:02d}",  # A00, A01, …: never a real ISO code
            name_es=f"País {i}",
            name_en=f"Country {i}",
            name_fr=f"Pays {i}",
            status="member",
        )
        for i in range(first, first + count // 2)
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            acronym=f"O{i}", kind="international", name_es=f"Org {i}", name_en="", name_fr=""
        )
        for i in range(first, first + count - len(countries))
    )
    posts = Post.objects.bulk_create(
        [Post(body=net.network, role="liaison_officer", country=c) for c in countries]
        + [Post(body=net.network, role="observer", organisation=o) for o in organisations]
    )
    people = Person.objects.bulk_create(
        Person(given_name=f"Persona{i}", family_name="Prueba", email=f"p{i}@example.org")
        for i in range(first, first + len(posts))
    )
    Membership.objects.bulk_create(
        Membership(
            person=person,
            post=post,
            start_date=datetime.date(2015, 1, 1),
            end_date=datetime.date(2018, 1, 1) if n % 5 == 0 else None,
            institution="Ministerio",
        )
        for n, (person, post) in enumerate(zip(people, posts, strict=True))
    )


@pytest.fixture(params=["anonymous", "session", "token"])
def api_client(request: pytest.FixtureRequest, officer: User) -> Client:
    if request.param == "anonymous":
        return Client()
    if request.param == "session":
        client = Client()
        client.force_login(officer)
        return client
    _token, raw = api_token_create(user=officer, name="bench")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.mark.parametrize(
    "path", ["/api/v1/meetings", "/api/v1/meetings?body=grcm&year=2000&limit=500"]
)
def test_meetings_queries_do_not_grow_with_the_data(
    api_client: Client, net: Net, path: str
) -> None:
    bulk_meetings(net, 10)
    with_ten = count_queries(api_client, path)

    bulk_meetings(net, 190, first=10)
    with_two_hundred = count_queries(api_client, path)

    assert with_two_hundred == with_ten


@pytest.mark.parametrize(
    "path",
    ["/api/v1/directory?limit=500&former=true", "/api/v1/directory/popolo"],
)
def test_directory_queries_do_not_grow_with_the_data(
    api_client: Client, net: Net, path: str
) -> None:
    bulk_memberships(net, 10)
    with_ten = count_queries(api_client, path)

    bulk_memberships(net, 190, first=10)
    with_two_hundred = count_queries(api_client, path)

    assert with_two_hundred == with_ten
