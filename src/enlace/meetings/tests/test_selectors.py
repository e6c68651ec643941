"""The reads of meetings, documents and reports are scoped to the user."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from enlace.accounts.models import User
from enlace.conftest import Net
from enlace.meetings import selectors
from enlace.meetings.models import Visibility
from enlace.meetings.tests.factories import make_document, make_meeting, make_report
from enlace.network.models import Presidency
from enlace.reports import selectors as report_selectors
from enlace.reports.models import Report

ANONYMOUS = AnonymousUser()


def test_draft_report_scope(
    net: Net,
    secretariat: User,
    officer: User,
    other_officer: User,
    observer: User,
    outsider: User,
) -> None:
    draft = make_report(make_meeting(net))

    assert list(report_selectors.reports_visible_to(secretariat)) == [draft]
    assert list(report_selectors.reports_visible_to(officer)) == [draft]
    assert list(report_selectors.reports_visible_to(other_officer)) == [draft]
    assert not report_selectors.reports_visible_to(observer).exists()
    assert not report_selectors.reports_visible_to(outsider).exists()
    assert not report_selectors.reports_visible_to(ANONYMOUS).exists()
    with pytest.raises(Http404):
        report_selectors.report_detail(observer, draft.pk)


def test_draft_report_with_observers_invited(net: Net, observer: User) -> None:
    draft = make_report(make_meeting(net), observers_invited=True)

    assert report_selectors.report_detail(observer, draft.pk) == draft
    assert not report_selectors.reports_visible_to(ANONYMOUS).exists()


def test_published_report_is_public_unless_its_meeting_is_not(net: Net, observer: User) -> None:
    public = make_report(make_meeting(net), status=Report.Status.ADOPTED, is_published=True)
    hidden = make_report(
        make_meeting(net, visibility=Visibility.MEMBERS),
        status=Report.Status.ADOPTED,
        is_published=True,
    )

    assert list(report_selectors.reports_visible_to(ANONYMOUS)) == [public]
    assert list(report_selectors.reports_visible_to(observer)) == [public]
    assert hidden.pk not in {r.pk for r in report_selectors.reports_visible_to(observer)}


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


def test_reports_editable_by(
    net: Net,
    secretariat: User,
    officer: User,
    other_officer: User,
    ppt_honduras: Presidency,
) -> None:
    meeting = make_meeting(net)
    draft = make_report(meeting, language="es")
    adopted = make_report(meeting, language="en", status=Report.Status.ADOPTED)

    assert set(report_selectors.reports_editable_by(secretariat)) == {draft, adopted}
    assert set(report_selectors.reports_editable_by(officer)) == {draft}  # Honduras presides
    assert not report_selectors.reports_editable_by(other_officer).exists()
