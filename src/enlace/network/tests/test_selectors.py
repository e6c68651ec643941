"""Reads of the network and its directory."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from enlace.conftest import make_member
from enlace.network import selectors
from enlace.network.models import Person, Post, Presidency

TODAY = datetime.date.today()
ANONYMOUS = AnonymousUser()


@pytest.fixture
def former(net):
    """Honduras's previous liaison officer, whose membership ended."""
    return make_member(
        net,
        "former_hnd",
        role=Post.Role.LIAISON_OFFICER,
        country=net.honduras,
        start=datetime.date(2008, 1, 1),
        end=datetime.date(2015, 12, 31),
    )


def people(memberships):
    return {m.person.user.username for m in memberships}


def test_directory_lists_current_memberships_only(net, officer, other_officer, observer, former):
    assert people(selectors.directory_visible_to(ANONYMOUS)) == {
        "hnd_officer",
        "mex_officer",
        "rrocm_rep",
    }


def test_directory_with_former_members(net, officer, former):
    assert people(selectors.directory_visible_to(ANONYMOUS, include_former=True)) == {
        "hnd_officer",
        "former_hnd",
    }


def test_directory_by_country(net, officer, other_officer, observer, former):
    by_country = selectors.directory_visible_to(ANONYMOUS, country=net.honduras)
    assert people(by_country) == {"hnd_officer"}
    with_former = selectors.directory_visible_to(
        ANONYMOUS, country=net.honduras, include_former=True
    )
    assert people(with_former) == {"hnd_officer", "former_hnd"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hnd_officer", {"hnd_officer"}),  # given name (make_member titles the username)
        ("TESTER", {"hnd_officer", "mex_officer"}),  # family name, any case
        ("ministerio", {"hnd_officer", "mex_officer"}),  # institution
        ("enlace", {"hnd_officer", "mex_officer"}),  # position
        ("nobody", set()),
    ],
)
def test_directory_search(net, officer, other_officer, query, expected):
    assert people(selectors.directory_visible_to(ANONYMOUS, query=query)) == expected


def test_person_detail_has_the_whole_history(net, officer):
    person = officer.person
    old_post = Post.objects.create(body=net.network, role=Post.Role.ALTERNATE, country=net.honduras)
    person.memberships.create(
        post=old_post, start_date=datetime.date(2012, 1, 1), end_date=datetime.date(2019, 12, 31)
    )
    detail = selectors.person_detail(ANONYMOUS, person.pk)
    assert [m.post.role for m in detail.memberships.all()] == ["liaison_officer", "alternate"]


def test_person_without_any_post_is_not_in_the_directory(net):
    stranger = Person.objects.create(given_name="No", family_name="Post")
    with pytest.raises(Http404):
        selectors.person_detail(ANONYMOUS, stranger.pk)
    assert stranger not in selectors.people_visible_to(ANONYMOUS)


def test_country_by_code_ignores_case(net):
    assert selectors.country_by_code(ANONYMOUS, "hnd") == net.honduras
    with pytest.raises(Http404):
        selectors.country_by_code(ANONYMOUS, "ZZZ")


def test_people_managed_by_the_secretariat_only(net, secretariat, officer, observer, outsider):
    unlisted = Person.objects.create(given_name="No", family_name="Post")
    assert unlisted in selectors.people_managed_by(secretariat)
    for user in (officer, observer, outsider, ANONYMOUS):
        with pytest.raises(PermissionDenied):
            selectors.people_managed_by(user)


def test_presidency_on_a_day(net):
    Presidency.objects.create(
        country=net.honduras,
        year=2008,
        start_date=datetime.date(2008, 1, 1),
        end_date=datetime.date(2008, 12, 31),
    )
    assert selectors.presidency_on(datetime.date(2008, 5, 6)).country == net.honduras
    assert selectors.presidency_on(datetime.date(2009, 5, 6)) is None
