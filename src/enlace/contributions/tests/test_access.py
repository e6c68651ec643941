"""The actor knows whom an observer speaks for (contributions extend enlace.access.Actor), and the
contribution rules built on it."""

from django.contrib.auth.models import AnonymousUser

from enlace import access
from enlace.accounts.models import User
from enlace.conftest import Net, make_member
from enlace.contributions.models import Contribution, Mechanism
from enlace.network.models import Organisation, Post


def test_an_observer_speaks_for_the_organisation_of_its_post(
    net: Net, observer: User, officer: User
) -> None:
    actor = access.actor_for(observer)
    assert actor.observer_organisation_ids == frozenset({net.rrocm.pk})
    assert actor.observer_country_ids == frozenset()
    assert access.actor_for(officer).observer_organisation_ids == frozenset()


def test_an_observer_countrys_officer_speaks_for_that_country(net: Net) -> None:
    user = make_member(net, "arg_officer", role=Post.Role.LIAISON_OFFICER, country=net.argentina)
    actor = access.actor_for(user)
    assert actor.observer
    assert not actor.is_officer
    assert actor.observer_country_ids == frozenset({net.argentina.pk})
    assert access.can_submit_contribution(actor)
    assert access.can_submit_contribution_for(actor, None, net.argentina.pk)
    assert not access.can_submit_contribution_for(actor, net.rrocm.pk, None)


def test_rules_on_one_contribution(
    net: Net,
    observer: User,
    officer: User,
    secretariat: User,
    submitted: Contribution,
    iom: Organisation,
) -> None:
    other = access.actor_for(make_member(net, "iom", role=Post.Role.OBSERVER, organisation=iom))
    mine = access.actor_for(observer)
    assert access.can_edit_contribution(mine, submitted)
    assert not access.can_edit_contribution(other, submitted)
    assert not access.can_edit_contribution(access.actor_for(officer), submitted)
    assert access.can_view_contribution(mine, submitted)
    assert not access.can_view_contribution(other, submitted)
    assert not access.can_view_contribution(access.actor_for(AnonymousUser()), submitted)
    submitted.status = "accepted"
    assert access.can_view_contribution(other, submitted)
    assert not access.can_view_contribution(access.ANONYMOUS, submitted)
    assert not access.can_edit_contribution(mine, submitted)
    assert access.can_edit_contribution(access.actor_for(secretariat), submitted)
    assert access.can_answer_recommendation(access.actor_for(officer), submitted, net.honduras.pk)
    assert not access.can_answer_recommendation(access.actor_for(officer), submitted, net.mexico.pk)


def test_an_outsider_is_no_observer(outsider: User, net: Net) -> None:
    actor = access.actor_for(outsider)
    assert not access.can_submit_contribution(actor)
    assert not access.can_view_mechanism(actor, Mechanism(visibility="network"))
    assert access.can_view_mechanism(actor, Mechanism(visibility="public"))
    assert not access.can_manage_mechanisms(actor)
