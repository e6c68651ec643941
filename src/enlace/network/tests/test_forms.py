"""The secretariat's forms of the network: what they accept before a service is called."""

import datetime

import pytest

from enlace.core.services import state_token
from enlace.network.forms import CountryForm, MembershipForm, PresidencyForm
from enlace.network.tests.records import country_post, membership_post


def test_country_code_is_normalised_to_upper_case(net):
    form = CountryForm(country_post(code=" blz "))
    assert form.is_valid(), form.errors
    assert form.model_data()["code"] == "BLZ"


@pytest.mark.parametrize("code", ["HN", "H1D", "123", "H-N"])
def test_country_form_refuses_a_bad_iso_code(net, code):
    form = CountryForm(country_post(code=code))
    assert not form.is_valid()
    assert "code" in form.errors


def test_country_form_carries_the_state_of_the_record_it_opened(net):
    form = CountryForm(instance=net.honduras)
    assert form.initial["state"] == state_token(net.honduras)
    assert CountryForm().initial.get("state") is None


def test_presidency_form_offers_member_countries_only(net):
    form = PresidencyForm()
    offered = set(form.fields["country"].queryset)
    assert net.honduras in offered
    assert net.argentina not in offered
    bound = PresidencyForm(
        {
            "year": "2030",
            "country": net.argentina.pk,
            "start_date": "2030-01-01",
            "end_date": "2030-12-31",
        }
    )
    assert "country" in bound.errors


def test_membership_form_names_the_post_by_its_parts(net, officer):
    form = MembershipForm(membership_post(net, officer.person))
    assert form.is_valid(), form.errors
    data = form.service_data()
    assert data["country"] == net.guatemala
    assert data["organisation"] is None
    assert data["body"] == net.network
    assert data["start_date"] == datetime.date(2021, 3, 1)


def test_membership_form_needs_exactly_one_of_country_and_organisation(net, officer):
    both = MembershipForm(membership_post(net, officer.person, organisation=net.rrocm.pk))
    assert "country" in both.errors
    neither = MembershipForm(membership_post(net, officer.person, country=""))
    assert "country" in neither.errors


def test_membership_form_refuses_an_end_before_the_start(net, officer):
    form = MembershipForm(
        membership_post(net, officer.person, start_date="2021-03-01", end_date="2020-01-01")
    )
    assert not form.is_valid()


def test_membership_form_opens_with_the_post_of_the_membership(net, officer):
    membership = officer.person.memberships.get()
    form = MembershipForm(instance=membership)
    assert form.initial["country"] == net.honduras.pk
    assert form.initial["role"] == "liaison_officer"
    assert form.initial["body"] == net.network.pk
    assert form.initial["state"] == state_token(membership)
