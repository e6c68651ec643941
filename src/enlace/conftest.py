"""Shared test fixtures: one network, and a user of every kind (healthchecks' alice/bob/charlie).

- ``officer``: a liaison officer of Honduras; ``other_officer``: one of Mexico;
- ``secretariat``: Technical Secretariat staff; ``observer``: a RROCM representative;
- ``outsider``: a logged-in account with no role; the anonymous public is Django's ``client``.
Each has a logged-in client: ``officer_client``, ``other_client``, ``secretariat_client``, …
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from enlace.accounts.models import User
from enlace.accounts.second_factor import enrol_totp
from enlace.network.models import Body, Country, Membership, Organisation, Person, Post, Presidency


@dataclass
class Net:
    honduras: Country
    mexico: Country
    guatemala: Country
    argentina: Country
    network: Body
    grcm: Body
    secretariat_org: Organisation
    rrocm: Organisation


@pytest.fixture
def net(db: None) -> Net:
    grcm = Body.objects.create(
        slug="grcm",
        kind=Body.Kind.GRCM,
        name_es="Grupo Regional de Consulta sobre Migración",
        name_en="Regional Consultation Group on Migration",
        name_fr="Groupe régional de consultation",
    )
    return Net(
        honduras=Country.objects.create(
            code="HND", name_es="Honduras", name_en="Honduras", name_fr="Honduras", status="member"
        ),
        mexico=Country.objects.create(
            code="MEX", name_es="México", name_en="Mexico", name_fr="Mexique", status="member"
        ),
        guatemala=Country.objects.create(
            code="GTM",
            name_es="Guatemala",
            name_en="Guatemala",
            name_fr="Guatemala",
            status="member",
        ),
        argentina=Country.objects.create(
            code="ARG",
            name_es="Argentina",
            name_en="Argentina",
            name_fr="Argentine",
            status="observer",
        ),
        network=Body.objects.create(
            slug="trafficking-network",
            kind=Body.Kind.NETWORK,
            name_es="Red de Funcionarios de Enlace",
            name_en="Liaison Officer Network",
            name_fr="Réseau des fonctionnaires de liaison",
            reports_to=grcm,
        ),
        grcm=grcm,
        secretariat_org=Organisation.objects.create(
            acronym="ST",
            kind="secretariat",
            name_es="Secretaría Técnica",
            name_en="Technical Secretariat",
            name_fr="Secrétariat technique",
        ),
        rrocm=Organisation.objects.create(
            acronym="RROCM",
            kind="civil_society",
            is_observer=True,
            name_es="Red Regional de Organizaciones Civiles para las Migraciones",
            name_en="Regional Network of Civil Organizations for Migration",
            name_fr="Réseau régional d'organisations civiles pour les migrations",
        ),
    )


def make_member(
    net: Net,
    username: str,
    *,
    role: str,
    country: Country | None = None,
    organisation: Organisation | None = None,
    start: datetime.date = datetime.date(2020, 1, 1),
    end: datetime.date | None = None,
    email: str = "",
    second_factor: bool = True,
) -> User:
    """A user whose person holds a post in the network, enrolled with an authenticator app
    (unless ``second_factor`` is False) as the platform requires of most posts."""
    user = User.objects.create_user(username=username, password="pw-" + username)
    if second_factor:
        enrol_totp(user)
    person = Person.objects.create(
        given_name=username.title(),
        family_name="Tester",
        email=email or f"{username}@example.org",
        phone="+504 5555 0000",
        user=user,
    )
    post, _created = Post.objects.get_or_create(
        body=net.network, role=role, country=country, organisation=organisation
    )
    Membership.objects.create(
        person=person,
        post=post,
        start_date=start,
        end_date=end,
        institution="Ministerio",
        position="Enlace",
    )
    return user


def make_superuser(username: str = "root") -> User:
    """A system administrator, enrolled with an authenticator app as superusers must be."""
    user = User.objects.create_superuser(username, f"{username}@example.org", "pw-" + username)
    enrol_totp(user)
    return user


@pytest.fixture
def officer(net: Net) -> User:
    return make_member(net, "hnd_officer", role=Post.Role.LIAISON_OFFICER, country=net.honduras)


@pytest.fixture
def other_officer(net: Net) -> User:
    return make_member(net, "mex_officer", role=Post.Role.LIAISON_OFFICER, country=net.mexico)


@pytest.fixture
def secretariat(net: Net) -> User:
    return make_member(
        net, "st_staff", role=Post.Role.SECRETARIAT, organisation=net.secretariat_org
    )


@pytest.fixture
def observer(net: Net) -> User:
    return make_member(net, "rrocm_rep", role=Post.Role.OBSERVER, organisation=net.rrocm)


@pytest.fixture
def outsider(db: None) -> User:
    return User.objects.create_user(username="outsider", password="pw-outsider")


@pytest.fixture
def ppt_honduras(net: Net) -> Presidency:
    """Honduras presides this year: its officers get the PPT's rights."""
    today = datetime.date.today()
    return Presidency.objects.create(
        country=net.honduras,
        year=today.year,
        start_date=datetime.date(today.year, 1, 1),
        end_date=datetime.date(today.year, 12, 31),
    )


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def officer_client(officer: User) -> Client:
    return _client_for(officer)


@pytest.fixture
def other_client(other_officer: User) -> Client:
    return _client_for(other_officer)


@pytest.fixture
def secretariat_client(secretariat: User) -> Client:
    return _client_for(secretariat)


@pytest.fixture
def observer_client(observer: User) -> Client:
    return _client_for(observer)


@pytest.fixture
def outsider_client(outsider: User) -> Client:
    return _client_for(outsider)


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English, whatever test ran before (the platform's default is Spanish)."""
    with translation.override("en"):
        yield


@pytest.fixture
def uncached_pages(settings: Any) -> None:
    """Public pages made anew on every request: for tests that count what a view itself costs
    or that change data behind the services' backs."""
    settings.ENLACE_PAGE_CACHE = False


@pytest.fixture
def demo(db: None) -> None:
    """The whole demo: the network, its accounts, the Tela meeting of 6 May 2008 and the
    invented meetings, reports and states around the day it is loaded."""
    from enlace.demo.load import load_demo

    load_demo()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: object, tmp_path: object) -> None:
    """Uploaded files go to a temporary folder, never the developer's data folder."""
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]


# The browser fixtures (one Chromium per test session) are shared by every app's browser tests:
# registered here once, so that two sync Playwright instances never run in one process.
from enlace.core.tests.browser import browser, log_in, page  # noqa: E402, F401
