"""The activity page and "my activities": who sees what, who may update, the conflict as the
second editor sees it, and constant query counts."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enlace.core.tests.files import HTML_AS_PDF, SVG, xlsx_bomb
from enlace.meetings.models import Visibility
from enlace.meetings.tests.factories import make_meeting, make_report
from enlace.workplan.models import (
    Activity,
    Axis,
    Evidence,
    Objective,
    WorkPlan,
    WorkPlanVersion,
)
from enlace.workplan.tests.fixtures import ACTIVITIES

TODAY = datetime.date.today()


def activity(version, code: str) -> Activity:
    return Activity.objects.get(version=version, title_es__startswith=f"{code} ")


def url(act: Activity) -> str:
    return f"/workplan/activities/{act.pk}/"


def english(client):
    client.cookies["enlace_language"] = "en"
    return client


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, name
    return match.group(1).replace("&quot;", '"')


def progress_post(html: str, **values) -> dict[str, str]:
    """What the browser sends back from the progress form as the page showed it."""
    data = {
        "action": "progress",
        "state": hidden(html, "state"),
        "opened": hidden(html, "opened"),
        "status": "in_progress",
        "progress": "40",
        "completed_on": "",
        "results": "",
        "cancel_reason": "",
    }
    data.update({k: str(v) for k, v in values.items()})
    return data


# --- reading -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status", "forms"),
    [
        ("client", 200, False),
        ("outsider_client", 200, False),
        ("observer_client", 200, False),
        ("officer_client", 200, True),
        ("other_client", 200, False),
        ("secretariat_client", 200, True),
    ],
)
def test_activity_of_the_plan_in_force(request, adopted_version, who, status, forms):
    client = english(request.getfixturevalue(who))
    act = activity(adopted_version, "1.2.1")
    response = client.get(url(act))
    assert response.status_code == status
    html = response.content.decode()
    assert "1.2.1 Financial investigation guide" in html
    assert ('value="progress"' in html) is forms
    assert ('value="milestone"' in html) is forms


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("client", 404),
        ("outsider_client", 404),
        ("observer_client", 200),
        ("officer_client", 200),
        ("other_client", 200),
        ("secretariat_client", 200),
    ],
)
def test_activity_of_a_draft_only_for_the_network_and_never_updated(
    request, draft_version, who, status
):
    client = request.getfixturevalue(who)
    response = client.get(url(activity(draft_version, "1.2.1")))
    assert response.status_code == status
    assert 'value="progress"' not in response.content.decode()


@pytest.mark.parametrize(
    ("code", "public_status"), [("1.1.1", 200), ("2.1.1", 404)]
)  # published / not published in the archive
def test_archived_activity_public_only_when_published(
    client, officer_client, adopted_version, code, public_status
):
    act = activity(adopted_version, code)
    assert client.get(url(act)).status_code == public_status
    response = officer_client.get(url(act))
    assert response.status_code == 200
    assert 'value="progress"' not in response.content.decode()


def test_agreement_and_noting_meeting_only_where_the_meeting_is_visible(
    net, client, officer_client, adopted_version
):
    meeting = make_meeting(net, title="Reunión reservada", visibility=Visibility.MEMBERS)
    point = make_report(meeting, status="adopted", is_published=True).points.get()
    act = activity(adopted_version, "1.2.1")
    Activity.objects.filter(pk=act.pk).update(source_point=point, noted_by_meeting=meeting)
    assert "Reunión reservada" in officer_client.get(url(act)).content.decode()
    public = client.get(url(act))
    assert public.status_code == 200
    assert "Reunión reservada" not in public.content.decode()


def test_missing_activity_is_404(officer_client, adopted_version):
    assert officer_client.get("/workplan/activities/999999/").status_code == 404


def test_history_and_evidence_shown_to_the_network_not_the_public(
    client, observer_client, officer, officer_client, adopted_version
):
    act = activity(adopted_version, "1.2.1")
    english(officer_client).post(
        url(act), progress_post(officer_client.get(url(act)).content.decode(), progress=55)
    )
    Evidence.objects.create(activity=act, title="Acta del taller", url="https://example.org/acta")
    network = english(observer_client).get(url(act)).content.decode()
    history = network[network.index('id="history"') :]
    assert "<td>40 %</td><td>55 %</td>" in history
    assert "Hnd_Officer Tester" in history
    assert "Acta del taller" in network
    public = english(client).get(url(act)).content.decode()
    assert 'id="history"' not in public
    assert "Acta del taller" not in public


# --- updating ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("client", 403),
        ("outsider_client", 403),
        ("observer_client", 403),
        ("other_client", 403),
        ("officer_client", 302),
        ("secretariat_client", 302),
    ],
)
def test_who_may_post_progress(request, officer_client, adopted_version, who, status):
    act = activity(adopted_version, "1.2.1")
    html = officer_client.get(url(act)).content.decode()
    response = request.getfixturevalue(who).post(url(act), progress_post(html, progress=80))
    assert response.status_code == status
    act.refresh_from_db()
    assert act.progress == (80 if status == 302 else 40)


def test_officer_marks_completed_from_the_page(officer_client, adopted_version):
    act = activity(adopted_version, "1.2.1")
    html = officer_client.get(url(act)).content.decode()
    done = (TODAY - datetime.timedelta(days=1)).isoformat()
    response = officer_client.post(
        url(act), progress_post(html, status="completed", progress=90, completed_on=done)
    )
    assert response.status_code == 302
    act.refresh_from_db()
    assert (act.status, act.progress, act.completed_on.isoformat()) == ("completed", 100, done)


def test_completed_without_date_is_refused_on_the_form(officer_client, adopted_version):
    act = activity(adopted_version, "1.2.1")
    english(officer_client)
    html = officer_client.get(url(act)).content.decode()
    response = officer_client.post(url(act), progress_post(html, status="completed", progress=100))
    assert response.status_code == 400
    assert "Say on which day the activity was completed." in response.content.decode()
    act.refresh_from_db()
    assert act.status == "in_progress"


def test_two_officers_the_second_sees_the_first_ones_change(
    officer_client, secretariat_client, adopted_version
):
    act = activity(adopted_version, "1.2.1")
    english(officer_client)
    # Both open the page.
    mine = officer_client.get(url(act)).content.decode()
    theirs = secretariat_client.get(url(act)).content.decode()
    # The secretariat saves first.
    assert (
        secretariat_client.post(url(act), progress_post(theirs, status="postponed", progress=50))
    ).status_code == 302
    # The officer's save is refused, and shows what the secretariat changed.
    response = officer_client.post(url(act), progress_post(mine, progress=70))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this activity after you opened it" in html
    table = html[html.index('class="conflict-changes"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>", table)
    assert ("Status", "In progress", "Postponed") in rows
    assert ("Progress (%)", "40 %", "50 %") in rows
    act.refresh_from_db()
    assert (act.status, act.progress) == ("postponed", 50)
    # The officer's own value is still in the form; saving again, knowingly, goes through.
    assert 'name="progress" value="70"' in html
    again = officer_client.post(url(act), progress_post(html, progress=70))
    assert again.status_code == 302
    act.refresh_from_db()
    assert act.progress == 70


def test_milestone_and_evidence_from_the_page(officer_client, adopted_version):
    act = activity(adopted_version, "1.2.1")
    response = officer_client.post(
        url(act), {"action": "milestone", "date": TODAY.isoformat(), "note": "Taller realizado"}
    )
    assert response.status_code == 302
    assert act.milestones.get().note == "Taller realizado"
    upload = SimpleUploadedFile("acta.pdf", b"%PDF-1.4 acta", content_type="application/pdf")
    response = officer_client.post(
        url(act), {"action": "evidence", "title": "Acta", "url": "", "file": upload}
    )
    assert response.status_code == 302
    evidence = act.evidence.get()
    download = officer_client.get(f"/workplan/evidence/{evidence.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 acta"
    page = officer_client.get(url(act)).content.decode()
    assert "Taller realizado" in page
    assert f"/workplan/evidence/{evidence.pk}/" in page
    ask_url = f"{url(act)}?remove_evidence={evidence.pk}"
    assert f'href="{ask_url}"' in page
    ask = officer_client.get(ask_url, HTTP_ACCEPT_LANGUAGE="en")
    assert ask.status_code == 200
    assert "Acta" in ask.content.decode()
    assert "This cannot be undone" in ask.content.decode()
    assert act.evidence.exists()
    response = officer_client.post(url(act), {"action": "evidence_remove", "id": evidence.pk})
    assert response.status_code == 302
    assert not act.evidence.exists()


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("acta.pdf", HTML_AS_PDF, "not one of the accepted kinds"),
        ("mapa.png", SVG, "not one of the accepted kinds"),
        ("cifras.xlsx", xlsx_bomb(), "would unzip to"),
    ],
    ids=["html named pdf", "svg named png", "xlsx bomb"],
)
def test_evidence_is_refused_by_its_content(
    officer_client, adopted_version, settings, name, content, says
):
    act = activity(adopted_version, "1.2.1")
    english(officer_client)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = officer_client.post(
        url(act), {"action": "evidence", "title": "Acta", "url": "", "file": upload}
    )
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not act.evidence.exists()
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []


def test_evidence_without_link_or_file_is_refused_on_the_form(officer_client, adopted_version):
    act = activity(adopted_version, "1.2.1")
    english(officer_client)
    response = officer_client.post(url(act), {"action": "evidence", "title": "Acta", "url": ""})
    assert response.status_code == 400
    assert "Give a link or upload a file." in response.content.decode()


def test_other_country_cannot_remove_evidence_from_the_page(other_client, adopted_version):
    act = activity(adopted_version, "1.2.1")
    evidence = Evidence.objects.create(activity=act, title="Acta", url="https://example.org")
    response = other_client.post(url(act), {"action": "evidence_remove", "id": evidence.pk})
    assert response.status_code == 403
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    ask = other_client.get(f"{url(act)}?remove_evidence={evidence.pk}")
    assert ask.status_code == 403


@pytest.mark.parametrize(
    ("who", "status"),
    [("client", 404), ("outsider_client", 404), ("observer_client", 200), ("other_client", 200)],
)
def test_evidence_file_stays_in_the_network(request, adopted_version, who, status):
    act = activity(adopted_version, "1.2.1")
    evidence = Evidence(activity=act, title="Acta")
    evidence.file.save("acta.pdf", SimpleUploadedFile("acta.pdf", b"%PDF"), save=True)
    response = request.getfixturevalue(who).get(f"/workplan/evidence/{evidence.pk}/")
    assert response.status_code == status


@pytest.mark.parametrize(
    ("name", "served_as"),
    [
        ("acta.pdf", "application/pdf"),
        ("page.html", "application/octet-stream"),
        ("map.svg", "application/octet-stream"),
    ],
)
def test_evidence_is_only_ever_downloaded_never_sniffed(
    officer_client, adopted_version, name, served_as
):
    act = activity(adopted_version, "1.2.1")
    # A file stored before uploads were checked by content, whatever it is.
    evidence = Evidence(activity=act, title="Acta")
    evidence.file.save(name, SimpleUploadedFile(name, HTML_AS_PDF), save=True)
    download = officer_client.get(f"/workplan/evidence/{evidence.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == served_as
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_evidence_file_of_the_published_archive_is_public(client, adopted_version):
    act = activity(adopted_version, "1.1.1")
    evidence = Evidence(activity=act, title="Informe de rutas")
    evidence.file.save("rutas.pdf", SimpleUploadedFile("rutas.pdf", b"%PDF"), save=True)
    assert client.get(f"/workplan/evidence/{evidence.pk}/").status_code == 200


# --- my activities ------------------------------------------------------------------------------


def expected_order(country: str) -> list[str]:
    """The fixture's open activities of a country in force, late first, then by deadline,
    completed and cancelled last (computed here from the fixture's own table)."""
    rows = [a for a in ACTIVITIES if country in a.countries and not a.archived]

    def key(a):
        closed = a.status in ("completed", "cancelled")
        late = a.end < TODAY and not closed
        return (not late, closed, a.end)

    return [a.code for a in sorted(rows, key=key)]


def listed_codes(html: str) -> list[str]:
    return re.findall(r'<a href="/workplan/activities/\d+/">(\d\.\d\.\d) ', html)


def test_my_activities_are_my_countrys_late_first(officer_client, adopted_version):
    response = officer_client.get("/workplan/mine/")
    assert response.status_code == 200
    codes = listed_codes(response.content.decode())
    assert codes == expected_order("HND")
    assert codes[0] == "1.2.1"  # the late one
    assert "1.1.2" not in codes  # Mexico's


def test_my_activities_of_the_other_country(other_client, adopted_version):
    codes = listed_codes(other_client.get("/workplan/mine/").content.decode())
    assert codes == expected_order("MEX")


def test_secretariat_sees_all_and_filters_by_country(secretariat_client, adopted_version):
    all_codes = listed_codes(secretariat_client.get("/workplan/mine/").content.decode())
    assert sorted(all_codes) == sorted(a.code for a in ACTIVITIES if not a.archived)
    mexico = listed_codes(secretariat_client.get("/workplan/mine/?country=MEX").content.decode())
    assert mexico == expected_order("MEX")


def test_officer_cannot_filter_to_another_country(officer_client, adopted_version):
    codes = listed_codes(officer_client.get("/workplan/mine/?country=MEX").content.decode())
    assert codes == expected_order("HND")


@pytest.mark.parametrize(("who", "status"), [("outsider_client", 403), ("observer_client", 403)])
def test_my_activities_not_for_those_without_a_country(request, adopted_version, who, status):
    assert request.getfixturevalue(who).get("/workplan/mine/").status_code == status


def test_my_activities_anonymous_is_sent_to_log_in(client, adopted_version):
    response = client.get("/workplan/mine/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- constant query counts ----------------------------------------------------------------------


def build_plan(net, plan_of_action, n: int, version: WorkPlanVersion | None = None):
    """A work plan in force with ``n`` more activities, alternately Honduras's and Mexico's,
    some late, some completed."""
    if version is None:
        work_plan = WorkPlan.objects.create(
            slug="load",
            body=net.network,
            plan_of_action=plan_of_action,
            period_start=2030,
            period_end=2035,
            name_es="Plan de carga",
            name_en="Load plan",
            name_fr="Plan de charge",
        )
        version = WorkPlanVersion.objects.create(work_plan=work_plan, number=1, status="adopted")
        for position in (1, 2):
            axis = Axis.objects.create(
                version=version, position=position, title_es=f"Eje {position}"
            )
            for o in (1, 2):
                Objective.objects.create(
                    version=version, axis=axis, position=o, title_es=f"Objetivo {position}.{o}"
                )
    objectives = list(version.objectives.all())
    start = version.activities.count()
    created = Activity.objects.bulk_create(
        Activity(
            version=version,
            objective=objectives[i % len(objectives)],
            position=i,
            title_es=f"Actividad {i}",
            status="completed" if i % 5 == 0 else "in_progress",
            progress=100 if i % 5 == 0 else i % 100,
            completed_on=TODAY if i % 5 == 0 else None,
            end_date=TODAY + datetime.timedelta(days=(i % 40) - 10),
        )
        for i in range(start, start + n)
    )
    through = Activity.responsible_countries.through
    through.objects.bulk_create(
        through(activity_id=a.pk, country_id=(net.honduras if i % 2 else net.mexico).pk)
        for i, a in enumerate(created)
    )
    return version


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["officer_client", "secretariat_client"])
def test_my_activities_queries_do_not_grow(request, net, plan_of_action, who):
    client = request.getfixturevalue(who)
    version = build_plan(net, plan_of_action, 10)
    client.get("/workplan/mine/")  # session and caches warm
    small = count_queries(client, "/workplan/mine/")
    build_plan(net, plan_of_action, 190, version)
    assert count_queries(client, "/workplan/mine/") == small


def test_activity_page_queries_do_not_grow_with_the_plan(net, plan_of_action, officer_client):
    version = build_plan(net, plan_of_action, 10)
    act = version.activities.filter(responsible_countries=net.honduras).first()
    officer_client.get(url(act))
    small = count_queries(officer_client, url(act))
    build_plan(net, plan_of_action, 190, version)
    assert count_queries(officer_client, url(act)) == small
