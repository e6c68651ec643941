"""``access.actor_for`` for the roles the network's memberships give."""

import datetime

from enlace import access
from enlace.accounts.models import User
from enlace.conftest import make_member
from enlace.network.models import Post, Presidency

TODAY = datetime.date.today()


def fresh(user: User) -> User:
    """The user as the next request loads it (the actor is cached on the user object)."""
    return User.objects.get(pk=user.pk)


def test_liaison_officer_is_an_officer_of_their_country(net, officer):
    actor = access.actor_for(officer)
    assert actor.officer_country_ids == {net.honduras.pk}
    assert actor.is_officer
    assert actor.is_network_member
    assert not actor.is_secretariat
    assert not actor.observer
    assert not actor.is_ppt
    assert actor.role_codes == ["officer"]


def test_alternate_is_an_officer_of_their_country(net):
    user = make_member(net, "gtm_alternate", role=Post.Role.ALTERNATE, country=net.guatemala)
    actor = access.actor_for(user)
    assert actor.officer_country_ids == {net.guatemala.pk}
    assert actor.role_codes == ["officer"]


def test_former_member_whose_membership_ended_has_no_role(net):
    user = make_member(
        net,
        "former_hnd",
        role=Post.Role.LIAISON_OFFICER,
        country=net.honduras,
        start=datetime.date(2010, 1, 1),
        end=TODAY - datetime.timedelta(days=1),
    )
    actor = access.actor_for(user)
    assert actor.is_authenticated
    assert not actor.is_officer
    assert not actor.is_network_member
    assert actor.role_codes == ["account"]


def test_membership_that_has_not_started_gives_no_role_yet(net):
    user = make_member(
        net,
        "future_hnd",
        role=Post.Role.LIAISON_OFFICER,
        country=net.honduras,
        start=TODAY + datetime.timedelta(days=10),
    )
    assert not access.actor_for(user).is_network_member


def test_membership_ending_today_still_counts(net):
    user = make_member(
        net,
        "last_day",
        role=Post.Role.LIAISON_OFFICER,
        country=net.honduras,
        end=TODAY,
    )
    assert access.actor_for(user).officer_country_ids == {net.honduras.pk}


def test_observer_organisation_representative_is_an_observer(net, observer):
    actor = access.actor_for(observer)
    assert actor.observer
    assert not actor.is_officer
    assert actor.is_network_member
    assert actor.role_codes == ["observer"]


def test_officer_of_an_observer_country_is_an_observer_not_an_officer(net):
    user = make_member(net, "arg_officer", role=Post.Role.LIAISON_OFFICER, country=net.argentina)
    actor = access.actor_for(user)
    assert actor.observer
    assert actor.officer_country_ids == frozenset()
    assert actor.role_codes == ["observer"]


def test_secretariat(net, secretariat):
    actor = access.actor_for(secretariat)
    assert actor.is_secretariat
    assert not actor.is_officer
    assert actor.is_network_member
    assert actor.role_codes == ["secretariat"]
    assert access.can_manage_directory(actor)
    assert access.can_view_audit(actor)


def test_outsider_and_anonymous_have_no_role(outsider):
    from django.contrib.auth.models import AnonymousUser

    assert access.actor_for(outsider).role_codes == ["account"]
    assert not access.actor_for(outsider).is_network_member
    assert access.actor_for(AnonymousUser()) == access.ANONYMOUS
    assert access.actor_for(None).role_codes == ["public"]


def test_ppt_while_presiding_and_not_after(net):
    user = make_member(
        net,
        "hnd_2008",
        role=Post.Role.LIAISON_OFFICER,
        country=net.honduras,
        start=datetime.date(2005, 1, 1),
    )
    Presidency.objects.create(
        country=net.honduras,
        year=2008,
        start_date=datetime.date(2008, 1, 1),
        end_date=datetime.date(2008, 12, 31),
    )
    during = access.actor_for(user, on=datetime.date(2008, 5, 6))
    assert during.ppt_country_ids == {net.honduras.pk}
    assert "ppt" in during.role_codes
    after = access.actor_for(user, on=datetime.date(2009, 1, 1))
    assert not after.is_ppt
    assert after.is_officer
    before = access.actor_for(user, on=datetime.date(2007, 12, 31))
    assert not before.is_ppt


def test_ppt_of_this_year(net, officer, other_officer, ppt_honduras):
    assert access.actor_for(officer).ppt_country_ids == {net.honduras.pk}
    assert access.actor_for(officer).role_codes == ["ppt", "officer"]
    assert not access.actor_for(other_officer).is_ppt


def test_presidency_does_not_make_a_non_officer_ppt(net, secretariat, observer, ppt_honduras):
    assert not access.actor_for(secretariat).is_ppt
    assert not access.actor_for(observer).is_ppt


def test_membership_ended_by_the_secretariat_takes_effect_on_the_next_request(net, officer):
    assert access.actor_for(officer).is_officer
    officer.person.memberships.update(end_date=TODAY - datetime.timedelta(days=1))
    assert not access.actor_for(fresh(officer)).is_officer


def test_officer_of_two_countries(net):
    user = make_member(net, "two_hats", role=Post.Role.LIAISON_OFFICER, country=net.honduras)
    post = Post.objects.create(body=net.network, role=Post.Role.ALTERNATE, country=net.guatemala)
    user.person.memberships.create(post=post, start_date=datetime.date(2020, 1, 1))
    assert access.actor_for(user).officer_country_ids == {net.honduras.pk, net.guatemala.pk}
