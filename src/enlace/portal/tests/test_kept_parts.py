"""The parts of signed-in pages kept in the shared cache (enlace.core.pagecache.kept): a personal
home and the regional dashboard are made once and then answered from the cache, but a recorded
write is on them at once, and what one user's copy holds is never shown to another."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from enlace.accounts.models import User
from enlace.conftest import Net, make_superuser
from enlace.cooperation import services as cooperation_services
from enlace.cooperation.models import RequestType
from enlace.countryreports import services as countryreport_services
from enlace.countryreports.models import CountryReport

pytestmark = pytest.mark.django_db


def _get(client: Client, path: str = "/") -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode(), len(queries.captured_queries)


def _main(html: str) -> str:
    body = re.search(r"<main.*?</main>", html, re.S)
    assert body is not None
    return body.group(0)


def test_a_home_is_made_once_and_a_recorded_write_is_on_it_at_once(
    net: Net, officer: User, other_officer: User, officer_client: Client
) -> None:
    first, made = _get(officer_client)
    again, kept_queries = _get(officer_client)
    assert _main(again) == _main(first)
    assert kept_queries < made  # the lists came from the cache, not the database

    cooperation_services.request_create(
        user=other_officer,
        request_type=RequestType.INVESTIGATION,
        requesting_country=net.mexico,
        requested_countries=[net.honduras],
        summary="A request written after the home was kept",
    )
    after, _queries = _get(officer_client)
    assert "from Mexico to Honduras" in after
    assert "from Mexico to Honduras" not in first


def test_one_users_kept_home_is_never_answered_to_another(
    net: Net, officer: User, other_officer: User, officer_client: Client, other_client: Client
) -> None:
    cooperation_services.request_create(
        user=other_officer,
        request_type=RequestType.INVESTIGATION,
        requesting_country=net.mexico,
        requested_countries=[net.honduras],
        summary="Waits on Honduras only",
    )
    honduras, _queries = _get(officer_client)
    assert "To acknowledge and answer" in honduras
    mexico, _queries = _get(other_client)
    assert "To acknowledge and answer" not in mexico
    assert "hnd_officer" not in mexico


def test_a_failed_background_task_is_on_the_administrators_home_without_a_recorded_write(
    db: None,
) -> None:
    admin = make_superuser()
    client = Client()
    client.force_login(admin)
    before, _queries = _get(client)
    assert "background task failed" not in before
    DBTaskResult.objects.create(
        status="FAILED",
        task_path="enlace.followup.tasks.send_deadline_reminders",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
    )
    after, _queries = _get(client)
    assert "1 background task failed" in after
    assert "/system-admin/django_tasks_database/dbtaskresult/?status__exact=FAILED" in after


def test_the_regional_dashboard_is_kept_per_filters_and_a_publication_is_on_it_at_once(
    demo: None,
) -> None:
    client = Client()
    client.force_login(User.objects.get(username="mexico"))
    first, made = _get(client, "/statistics/dashboard/")
    again, kept_queries = _get(client, "/statistics/dashboard/")
    assert _main(again) == _main(first)
    assert kept_queries < made
    filtered, _queries = _get(client, "/statistics/dashboard/?country=CRI")
    assert _main(filtered) != _main(first)  # other filters, another kept part

    accepted = CountryReport.objects.get(status=CountryReport.Status.ACCEPTED)
    countryreport_services.report_publish(
        user=User.objects.get(username="secretariat"), report=accepted
    )
    after, _queries = _get(client, "/statistics/dashboard/?country=CRI")
    assert _main(after) != _main(filtered)


def test_the_work_plan_dashboard_is_kept_and_a_progress_update_is_on_it_at_once(
    demo: None,
) -> None:
    from enlace.followup.dashboard import dashboard
    from enlace.followup.services import activity_update_progress
    from enlace.workplan.models import Activity

    honduras = User.objects.get(username="honduras")
    client = Client()
    client.force_login(honduras)
    first, made = _get(client, "/workplan/dashboard/")
    again, kept_queries = _get(client, "/workplan/dashboard/")
    assert _main(again) == _main(first)
    assert kept_queries < made

    activity = (
        Activity.objects.filter(
            version=dashboard(honduras).version,  # type: ignore[union-attr]
            responsible_countries__code="HND",
            archived_on__isnull=True,
            progress__lt=50,
        )
        .order_by("pk")
        .first()
    )
    assert activity is not None
    activity_update_progress(
        user=honduras, activity=activity, status=Activity.Status.IN_PROGRESS, progress=100
    )
    after, _queries = _get(client, "/workplan/dashboard/")
    overall = re.compile(r'<span id="overall">(.*?)</span>', re.S)
    assert overall.search(after).group(1) != overall.search(first).group(1)  # type: ignore[union-attr]
