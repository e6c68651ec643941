"""The reads of meetings and documents, and the reports they prefetch, are scoped to the user."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from enlace.accounts.models import User
from enlace.conftest import Net
from enlace.meetings import selectors
from enlace.meetings.models import Visibility
from enlace.meetings.tests.factories import make_document, make_meeting, make_report

ANONYMOUS = AnonymousUser()


def test_meeting_scope_by_visibility(
    net: Net, officer: User, observer: User, secretariat: User
) -> None:
    public = make_meeting(net, visibility=Visibility.PUBLIC)
    network = make_meeting(net, visibility=Visibility.NETWORK)
    members = make_meeting(net, visibility=Visibility.MEMBERS)

    assert set(selectors.meetings_visible_to(ANONYMOUS)) == {public}
    assert set(selectors.meetings_visible_to(observer)) == {public, network}
    assert set(selectors.meetings_visible_to(officer)) == {public, network, members}
    assert set(selectors.meetings_visible_to(secretariat)) == {public, network, members}
    for user in (ANONYMOUS, observer):
        with pytest.raises(Http404):
            selectors.meeting_detail(user, members.pk)


def test_meeting_detail_prefetches_only_visible_documents_and_reports(
    net: Net, observer: User
) -> None:
    meeting = make_meeting(net)
    shown = make_document(meeting, visibility=Visibility.NETWORK)
    make_document(meeting, visibility=Visibility.MEMBERS)
    make_report(meeting)  # a draft the observer was not invited to

    found = selectors.meeting_detail(observer, meeting.pk)

    assert list(found.documents.all()) == [shown]
    assert list(found.reports.all()) == []


@pytest.mark.parametrize(
    ("visibility", "allowed"),
    [
        (Visibility.PUBLIC, {"anonymous", "observer", "officer"}),
        (Visibility.NETWORK, {"observer", "officer"}),
        (Visibility.MEMBERS, {"officer"}),
    ],
)
def test_document_for_download(
    net: Net, officer: User, observer: User, visibility: str, allowed: set[str]
) -> None:
    document = make_document(make_meeting(net), visibility=visibility)
    users = {"anonymous": ANONYMOUS, "observer": observer, "officer": officer}

    for name, user in users.items():
        if name in allowed:
            assert selectors.document_for_download(user, document.pk) == document
        else:
            with pytest.raises(Http404):
                selectors.document_for_download(user, document.pk)


def test_meeting_list_filters(net: Net) -> None:
    old = make_meeting(net, start_date="2019-02-01", end_date="2019-02-02")
    new = make_meeting(net, start_date="2024-02-01", end_date="2024-02-01")
    grcm = make_meeting(net, body=net.grcm, start_date="2024-07-01", end_date="2024-07-01")

    assert set(selectors.meeting_list(ANONYMOUS, year=2024)) == {new, grcm}
    assert set(selectors.meeting_list(ANONYMOUS, body_slug="grcm")) == {grcm}
    assert set(selectors.meeting_list(ANONYMOUS, body_slug=net.network.slug, year=2019)) == {old}


def test_meeting_list_prefetches_only_visible_reports(net: Net, officer: User) -> None:
    meeting = make_meeting(net)
    draft = make_report(meeting)

    assert list(selectors.meeting_list(ANONYMOUS).get().reports.all()) == []
    assert list(selectors.meeting_list(officer).get().reports.all()) == [draft]


def test_only_the_secretariat_manages_meetings(
    net: Net, secretariat: User, officer: User, observer: User
) -> None:
    meeting = make_meeting(net, visibility=Visibility.MEMBERS)

    assert list(selectors.meetings_managed_by(secretariat)) == [meeting]
    for user in (officer, observer, ANONYMOUS):
        with pytest.raises(PermissionDenied):
            selectors.meetings_managed_by(user)
