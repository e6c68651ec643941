"""The reads of reports are scoped to the user."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from enlace.accounts.models import User
from enlace.conftest import Net
from enlace.meetings.models import Visibility
from enlace.meetings.tests.factories import make_meeting, make_report
from enlace.network.models import Presidency
from enlace.reports import selectors
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

    assert list(selectors.reports_visible_to(secretariat)) == [draft]
    assert list(selectors.reports_visible_to(officer)) == [draft]
    assert list(selectors.reports_visible_to(other_officer)) == [draft]
    assert not selectors.reports_visible_to(observer).exists()
    assert not selectors.reports_visible_to(outsider).exists()
    assert not selectors.reports_visible_to(ANONYMOUS).exists()
    with pytest.raises(Http404):
        selectors.report_detail(observer, draft.pk)


def test_draft_report_with_observers_invited(net: Net, observer: User) -> None:
    draft = make_report(make_meeting(net), observers_invited=True)

    assert selectors.report_detail(observer, draft.pk) == draft
    assert not selectors.reports_visible_to(ANONYMOUS).exists()


def test_published_report_is_public_unless_its_meeting_is_not(net: Net, observer: User) -> None:
    public = make_report(make_meeting(net), status=Report.Status.ADOPTED, is_published=True)
    hidden = make_report(
        make_meeting(net, visibility=Visibility.MEMBERS),
        status=Report.Status.ADOPTED,
        is_published=True,
    )

    assert list(selectors.reports_visible_to(ANONYMOUS)) == [public]
    assert list(selectors.reports_visible_to(observer)) == [public]
    assert hidden.pk not in {r.pk for r in selectors.reports_visible_to(observer)}


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

    assert set(selectors.reports_editable_by(secretariat)) == {draft, adopted}
    assert set(selectors.reports_editable_by(officer)) == {draft}  # Honduras presides
    assert not selectors.reports_editable_by(other_officer).exists()
