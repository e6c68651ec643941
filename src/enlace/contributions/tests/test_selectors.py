"""Who reads what: a contribution in the record for the network, public ones for everyone, an
observer's own in any status; mechanisms for the network, public ones for everyone."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from enlace.accounts.models import User
from enlace.conftest import Net, make_member
from enlace.contributions import selectors
from enlace.contributions.models import Answer, Contribution, Mechanism
from enlace.contributions.tests.conftest import Published
from enlace.network.models import Organisation, Post


@pytest.fixture
def iom_rep(net: Net, iom: Organisation) -> User:
    return make_member(net, "iom_rep", role=Post.Role.OBSERVER, organisation=iom)


def _titles(user: object) -> set[str]:
    return {c.title for c in selectors.contributions_visible_to(user)}


def test_who_sees_which_contribution(
    secretariat: User,
    officer: User,
    observer: User,
    iom_rep: User,
    outsider: User,
    submitted: Contribution,
    public_contribution: Published,
) -> None:
    network_only = Contribution.objects.create(
        meeting=submitted.meeting,
        organisation=submitted.organisation,
        kind="presentation",
        title="En el registro, solo la red",
        status="accepted",
        visibility="network",
    )
    public = public_contribution.contribution.title
    assert _titles(secretariat) == {submitted.title, public, network_only.title}
    assert _titles(officer) == {public, network_only.title}
    assert _titles(observer) == {submitted.title, public, network_only.title}
    assert _titles(iom_rep) == {public, network_only.title}
    assert _titles(outsider) == {public}
    assert _titles(AnonymousUser()) == {public}
    with pytest.raises(Http404):
        selectors.contribution_detail(iom_rep, submitted.pk)
    with pytest.raises(Http404):
        selectors.contribution_detail(AnonymousUser(), network_only.pk)
    assert selectors.contribution_detail(observer, submitted.pk) == submitted


def test_a_private_meeting_hides_its_contributions(
    observer: User, officer: User, public_contribution: Published
) -> None:
    meeting = public_contribution.contribution.meeting
    meeting.visibility = "members"
    meeting.save()
    assert not selectors.contributions_visible_to(observer).exists()
    assert not selectors.contributions_visible_to(AnonymousUser()).exists()
    assert selectors.contributions_visible_to(officer).exists()


def test_answer_table_lists_every_addressed_country(
    net: Net, public_contribution: Published
) -> None:
    Answer.objects.create(
        recommendation=public_contribution.to_all, country=net.mexico, position="accepted"
    )
    table = selectors.answer_table(public_contribution.to_all)
    assert [(c.code, a.position if a else None) for c, a in table] == [
        ("GTM", None),
        ("HND", None),
        ("MEX", "accepted"),
    ]
    assert [c.code for c, _a in selectors.answer_table(public_contribution.to_mexico)] == ["MEX"]


def test_recommendations_of_public_contributions_only_for_the_public(
    officer: User, submitted: Contribution, public_contribution: Published
) -> None:
    submitted.status = "accepted"
    submitted.save()
    submitted.recommendations.create(position=1, text="Solo la red.")
    public = {r.text for r in selectors.recommendations_visible_to(officer, public_only=True)}
    assert "Solo la red." not in public
    assert "Solo la red." in {r.text for r in selectors.recommendations_visible_to(officer)}
    assert public == {public_contribution.to_all.text, public_contribution.to_mexico.text}


def test_mechanisms_visible_to(net: Net, observer: User, outsider: User) -> None:
    public = Mechanism.objects.create(title="Pública", kind="agreement", visibility="public")
    public.countries.set([net.honduras])
    hidden = Mechanism.objects.create(title="Red", kind="agreement", visibility="network")
    hidden.countries.set([net.mexico])
    assert set(selectors.mechanisms_visible_to(observer)) == {public, hidden}
    assert list(selectors.mechanisms_visible_to(outsider)) == [public]
    assert list(selectors.mechanisms_visible_to(observer, country_code="mex")) == [hidden]
    with pytest.raises(Http404):
        selectors.mechanism_detail(AnonymousUser(), hidden.pk)
