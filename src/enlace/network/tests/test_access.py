"""``access.actor_for`` for the roles the network's memberships give."""

import datetime
from types import SimpleNamespace

from django.db.models import Q

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


# --- rules asked by services, selectors and views (one actor per role, the other country) ----

HONDURAS, MEXICO = 1, 2
HND_OFFICER = access.Actor(user_id=10, officer_country_ids=frozenset({HONDURAS}))
HND_PPT = access.Actor(
    user_id=11, officer_country_ids=frozenset({HONDURAS}), ppt_country_ids=frozenset({HONDURAS})
)
SECRETARIAT = access.Actor(user_id=12, is_secretariat=True)
OBSERVER = access.Actor(user_id=13, observer=True, observer_organisation_ids=frozenset({7}))
ACCOUNT = access.Actor(user_id=14)


def thing(**fields: object) -> SimpleNamespace:
    return SimpleNamespace(**fields)


def test_an_officer_acts_for_its_own_country_only() -> None:
    assert access.own_country_ids(HND_OFFICER) == {HONDURAS}
    assert access.can_act_for_country(HND_OFFICER, HONDURAS)
    assert not access.can_act_for_country(HND_OFFICER, MEXICO)
    assert not access.can_act_for_country(SECRETARIAT, HONDURAS)
    assert access.own_country_ids(OBSERVER) == frozenset()


def test_a_meeting_is_seen_by_its_visibility() -> None:
    members = thing(visibility=access.Visibility.MEMBERS)
    network = thing(visibility=access.Visibility.NETWORK)
    assert access.can_view_meeting(HND_OFFICER, members)
    assert not access.can_view_meeting(OBSERVER, members)
    assert access.can_view_meeting(OBSERVER, network)
    assert not access.can_view_meeting(access.ANONYMOUS, network)


def test_the_editor_opens_drafts_for_the_ppt_and_everything_for_the_secretariat() -> None:
    assert access.editable_report_filter(SECRETARIAT) == Q()
    assert access.editable_report_filter(HND_PPT) == Q(status="draft")
    assert access.editable_report_filter(HND_OFFICER) == Q(pk__in=[])
    assert access.editable_report_filter(access.ANONYMOUS) == Q(pk__in=[])


def test_who_is_told_a_commitment_is_not_open() -> None:
    done_hnd = thing(status="done", actor_kind="country", country_id=HONDURAS)
    done_mex = thing(status="done", actor_kind="country", country_id=MEXICO)
    dismissed = thing(status="dismissed", actor_kind="country", country_id=HONDURAS)
    assert access.can_be_told_commitment_status(HND_OFFICER, done_hnd)
    assert not access.can_be_told_commitment_status(HND_OFFICER, done_mex)
    assert not access.can_be_told_commitment_status(HND_OFFICER, dismissed)
    assert access.can_be_told_commitment_status(SECRETARIAT, done_mex)
    assert access.can_be_told_commitment_status(SECRETARIAT, dismissed)


def test_who_changed_a_commitment_is_for_the_secretariat() -> None:
    assert access.can_see_commitment_history_authors(SECRETARIAT)
    assert not access.can_see_commitment_history_authors(HND_OFFICER)
    assert not access.can_see_commitment_history_authors(access.ANONYMOUS)


def test_own_commitments_are_the_countrys_all_members_and_the_ppts() -> None:
    assert access.own_commitment_filter(SECRETARIAT) == Q()
    officer = access.own_commitment_filter(HND_OFFICER)
    assert "('country_id__in', frozenset({1}))" in str(officer)
    assert "'ppt'" not in str(officer)
    assert "'ppt'" in str(access.own_commitment_filter(HND_PPT))
    assert access.own_commitment_filter(OBSERVER) == Q(pk__in=[])
    assert access.lists_own_commitments_first(HND_OFFICER)
    assert not access.lists_own_commitments_first(SECRETARIAT)
    assert not access.lists_own_commitments_first(OBSERVER)


def test_my_activities_are_the_own_countrys_and_the_secretariat_follows_all() -> None:
    assert access.own_activity_country_ids(HND_OFFICER) == {HONDURAS}
    assert access.own_activity_country_ids(SECRETARIAT) is None
    assert access.can_list_country_activities(HND_OFFICER, HONDURAS)
    assert not access.can_list_country_activities(HND_OFFICER, MEXICO)
    assert access.can_list_country_activities(SECRETARIAT, MEXICO)


def test_the_network_reads_work_plan_drafts_and_the_archive_publication() -> None:
    for actor in (HND_OFFICER, SECRETARIAT, OBSERVER):
        assert access.can_read_workplan_drafts(actor)
        assert access.can_see_archive_publication(actor)
    for actor in (ACCOUNT, access.ANONYMOUS):
        assert not access.can_read_workplan_drafts(actor)
        assert not access.can_see_archive_publication(actor)


def test_protected_cases_and_the_request_contents_are_for_officers() -> None:
    assert access.can_use_protected_cases(HND_OFFICER)
    assert not access.can_use_protected_cases(SECRETARIAT)
    assert not access.can_use_protected_cases(OBSERVER)
    assert access.inbox_is_metadata_only(SECRETARIAT)
    assert not access.inbox_is_metadata_only(HND_OFFICER)


def test_contributions_after_a_meeting_and_the_resubmission_of_returned_ones() -> None:
    assert access.can_contribute_after_meeting(SECRETARIAT)
    assert not access.can_contribute_after_meeting(OBSERVER)
    assert access.edit_resubmits_contribution(OBSERVER)
    assert not access.edit_resubmits_contribution(SECRETARIAT)


def test_reporting_rounds_and_who_did_what_on_a_country_report() -> None:
    assert access.can_view_reporting_rounds(OBSERVER)
    assert not access.can_view_reporting_rounds(ACCOUNT)
    honduras_report = thing(country_id=HONDURAS)
    assert access.can_see_country_report_authors(HND_OFFICER, honduras_report)
    assert access.can_see_country_report_authors(SECRETARIAT, honduras_report)
    assert not access.can_see_country_report_authors(HND_OFFICER, thing(country_id=MEXICO))
    assert not access.can_see_country_report_authors(OBSERVER, honduras_report)
