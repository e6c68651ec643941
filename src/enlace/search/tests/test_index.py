"""The index follows the reports: writes of reports and points, and the reindex command."""

import datetime
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from enlace.conftest import Net
from enlace.meetings.models import Participation, Visibility
from enlace.meetings.tests.factories import make_meeting
from enlace.reports.models import Report, ReportPoint
from enlace.search.models import SearchEntry
from enlace.search.services import _Reindex
from enlace.search.tests.helpers import found_ids, indexed_report

Capture = Callable[..., Any]


def test_a_report_written_in_a_transaction_is_indexed_once_at_commit(
    client: Client, net: Net, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = Report.objects.create(
            meeting=make_meeting(net),
            title="Informe",
            opening="La Red se reunió.",
            status=Report.Status.ADOPTED,
            is_published=True,
        )
        ReportPoint.objects.create(report=report, position=1, text="Sobre la trata.")
        ReportPoint.objects.bulk_create(  # no signal: the report's own save covers them
            [ReportPoint(report=report, position=2, text="Sobre los refugiados.")]
        )
    assert len([c for c in callbacks if isinstance(c, _Reindex)]) == 1
    assert found_ids(client, "q=trata") == [report.pk]
    assert found_ids(client, "q=refugiado") == [report.pk]
    assert SearchEntry.objects.filter(report=report).count() == 3  # heading and two points


def test_an_edited_point_is_found_by_its_new_words_only(
    client: Client, net: Net, django_capture_on_commit_callbacks: Capture
) -> None:
    report = indexed_report(net, ["Sobre la trata."])
    point = report.points.get()
    with django_capture_on_commit_callbacks(execute=True):
        point.text = "Sobre el asilo."
        point.save()
    assert found_ids(client, "q=trata") == []
    assert found_ids(client, "q=asilo") == [report.pk]


def test_a_deleted_point_is_no_longer_found(
    client: Client, net: Net, django_capture_on_commit_callbacks: Capture
) -> None:
    report = indexed_report(net, ["Sobre la trata.", "Sobre el asilo."])
    with django_capture_on_commit_callbacks(execute=True):
        report.points.get(position=1).delete()
    assert found_ids(client, "q=trata") == []
    assert found_ids(client, "q=asilo") == [report.pk]


def test_a_retitled_report_and_an_unpublished_one(
    client: Client, net: Net, django_capture_on_commit_callbacks: Capture
) -> None:
    report = indexed_report(net, ["Punto."], title="Informe de Tela")
    with django_capture_on_commit_callbacks(execute=True):
        report.title = "Informe de Antigua"
        report.save()
    assert found_ids(client, "q=tela") == []
    assert found_ids(client, "q=antigua") == [report.pk]
    Report.objects.filter(pk=report.pk).update(is_published=False, status=Report.Status.DRAFT)
    assert found_ids(client, "q=antigua") == []  # access is read at query time


def test_a_rolled_back_write_leaves_the_index_as_it_was(client: Client, net: Net) -> None:
    from django.db import transaction

    report = indexed_report(net, ["Sobre la trata."])
    point = report.points.get()

    def edit_then_fail() -> None:
        with transaction.atomic():
            point.text = "Sobre el asilo."
            point.save()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        edit_then_fail()
    point.refresh_from_db()
    assert found_ids(client, "q=trata") == [report.pk]
    assert found_ids(client, "q=asilo") == []


def test_a_deleted_report_leaves_no_entry(net: Net) -> None:
    report = indexed_report(net, ["Sobre la trata."])
    report.points.all().delete()
    report.delete()
    assert not SearchEntry.objects.exists()
    assert found_ids(Client(), "q=trata") == []


def test_the_reindex_command_rebuilds_the_index(client: Client, demo: None) -> None:
    tela = Report.objects.get(language="es", meeting__city="Tela")
    SearchEntry.objects.all().delete()
    assert found_ids(client, "q=RROCM") == []
    out = StringIO()
    call_command("search_reindex", stdout=out)
    assert found_ids(client, "q=RROCM") == [tela.pk]
    passages = SearchEntry.objects.count()
    assert passages > Report.objects.count()
    assert f"Indexed {Report.objects.count()} reports ({passages} passages)." in out.getvalue()
    call_command("search_reindex", stdout=StringIO())  # again: the same index, no duplicate
    assert SearchEntry.objects.count() == passages
    assert found_ids(client, "q=RROCM") == [tela.pk]


# --- the filters' words follow the meeting --------------------------------------------------


def test_a_meeting_moved_to_another_year_and_body_is_found_by_its_new_filters(
    secretariat_client: Client, net: Net, django_capture_on_commit_callbacks: Capture
) -> None:
    report = indexed_report(net, ["La trata en la región."], day=datetime.date(2008, 5, 6))
    found = lambda q: found_ids(secretariat_client, f"q=trata&{q}")  # noqa: E731
    assert found("year=2008") == [report.pk]
    meeting = report.meeting
    with django_capture_on_commit_callbacks(execute=True):
        meeting.start_date = meeting.end_date = datetime.date(2011, 3, 1)
        meeting.body = net.grcm
        meeting.save()
    assert found("year=2008") == []
    assert found("body=trafficking-network") == []
    assert found("year=2011&body=grcm") == [report.pk]


def test_a_delegation_added_or_removed_changes_the_country_filter(
    secretariat_client: Client, net: Net, django_capture_on_commit_callbacks: Capture
) -> None:
    report = indexed_report(net, ["La trata en la región."], countries=(net.honduras,))
    found = lambda q: found_ids(secretariat_client, f"q=trata&{q}")  # noqa: E731
    assert found("country=GTM") == []
    with django_capture_on_commit_callbacks(execute=True):
        added = Participation.objects.create(meeting=report.meeting, country=net.guatemala)
    assert found("country=GTM") == [report.pk]
    with django_capture_on_commit_callbacks(execute=True):
        added.delete()
    assert found("country=GTM") == []
    assert found("country=HND") == [report.pk]


def test_a_body_given_a_new_short_name_is_found_by_it(
    secretariat_client: Client, net: Net, django_capture_on_commit_callbacks: Capture
) -> None:
    report = indexed_report(net, ["La trata en la región."])
    body = report.meeting.body
    found = lambda q: found_ids(secretariat_client, f"q=trata&{q}")  # noqa: E731
    assert found(f"body={body.slug}") == [report.pk]
    with django_capture_on_commit_callbacks(execute=True):
        body.slug = "red-de-enlaces"
        body.save()
    assert found("body=red-de-enlaces") == [report.pk]
    # Saving it again unchanged asks for nothing.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        body.save()
    assert not [c for c in callbacks if isinstance(c, _Reindex)]


def test_a_country_given_a_new_code_is_found_by_it(
    secretariat_client: Client, net: Net, django_capture_on_commit_callbacks: Capture
) -> None:
    report = indexed_report(net, ["La trata en la región."], countries=(net.honduras,))
    found = lambda q: found_ids(secretariat_client, f"q=trata&{q}")  # noqa: E731
    assert found("country=HND") == [report.pk]
    with django_capture_on_commit_callbacks(execute=True):
        net.honduras.code = "HNX"
        net.honduras.save()
    assert found("country=HNX") == [report.pk]
    assert found("country=HND") == []


def test_a_meeting_made_members_only_is_hidden_from_the_public_even_with_filters(
    client: Client, net: Net, django_capture_on_commit_callbacks: Capture
) -> None:
    report = indexed_report(net, ["La trata en la región."], day=datetime.date(2008, 5, 6))
    assert found_ids(client, "q=trata&year=2008&status=adopted") == [report.pk]
    with django_capture_on_commit_callbacks(execute=True):
        report.meeting.visibility = Visibility.MEMBERS
        report.meeting.save()
    assert found_ids(client, "q=trata&year=2008&status=adopted") == []
    assert found_ids(client, "q=trata") == []
