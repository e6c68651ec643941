"""Which requests wait on a country: the requested countries until they answer, the requesting
country once answered (to close it); nobody else, and nothing once closed."""

import datetime

import pytest

from enlace.accounts.models import User
from enlace.conftest import Net
from enlace.cooperation import selectors
from enlace.cooperation.models import CooperationRequest, RequestParty, RequestState, RequestType

TODAY = datetime.date.today()


def _request(net: Net, state: str) -> CooperationRequest:
    request = CooperationRequest.objects.create(
        type=RequestType.INVESTIGATION,
        requesting_country=net.honduras,
        summary="Contenido",
        state=state,
        sent_on=TODAY,
        due_on=TODAY + datetime.timedelta(days=10),
        decline_reason="No procede" if state == RequestState.DECLINED else "",
    )
    RequestParty.objects.create(
        request=request, country=net.honduras, role=RequestParty.Role.REQUESTING
    )
    RequestParty.objects.create(
        request=request, country=net.mexico, role=RequestParty.Role.REQUESTED
    )
    return request


@pytest.mark.parametrize(
    ("state", "waits_on"),
    [
        (RequestState.SENT, "mexico"),
        (RequestState.ACKNOWLEDGED, "mexico"),
        (RequestState.IN_PROGRESS, "mexico"),
        (RequestState.COMPLETED, "honduras"),
        (RequestState.DECLINED, "honduras"),
        (RequestState.CLOSED, None),
    ],
)
def test_a_request_waits_on_whoever_must_act_next(
    net: Net,
    officer: User,
    other_officer: User,
    secretariat: User,
    state: str,
    waits_on: str | None,
) -> None:
    request = _request(net, state)
    users = {"honduras": officer, "mexico": other_officer}
    for name, user in users.items():
        waiting = list(selectors.requests_waiting_on(user))
        assert (request in waiting) == (name == waits_on), (name, state)
        marked = selectors.mark_waiting_on(user, selectors.requests_visible_to(user)).get()
        assert marked.waits_on_us == (name == waits_on), (name, state)
    assert list(selectors.requests_waiting_on(secretariat)) == []  # no country of its own


def test_the_secretariat_is_asked_to_remind_only_overdue_open_requests(
    net: Net, officer: User, secretariat: User
) -> None:
    late = _request(net, RequestState.SENT)
    CooperationRequest.objects.filter(pk=late.pk).update(
        sent_on=TODAY - datetime.timedelta(days=30), due_on=TODAY - datetime.timedelta(days=1)
    )
    _request(net, RequestState.SENT)  # not due yet
    answered = _request(net, RequestState.COMPLETED)
    CooperationRequest.objects.filter(pk=answered.pk).update(
        sent_on=TODAY - datetime.timedelta(days=30), due_on=TODAY - datetime.timedelta(days=1)
    )
    assert [r.pk for r in selectors.overdue_requests_to_remind(secretariat)] == [late.pk]
    assert list(selectors.overdue_requests_to_remind(officer)) == []
