"""The Work Plan Archive's pages: who sees what, the search, the chain back to the agreement,
the secretariat's archive form and publication, and the archive as XLSX."""

import datetime
import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from enlace.commitments.models import Commitment
from enlace.conftest import Net
from enlace.core.services import state_token
from enlace.meetings.models import Visibility
from enlace.meetings.tests.factories import make_meeting, make_report
from enlace.reports.models import Report, ReportPoint
from enlace.workplan.models import Activity, Evidence, WorkPlanVersion

ARCHIVE = "/workplan/archive/"
PUBLISHED = {"1.1.1", "2.2.1", "4.2.1"}
ALL_ARCHIVED = PUBLISHED | {"2.1.1"}


def activity(version: WorkPlanVersion, code: str) -> Activity:
    return Activity.objects.get(version=version, title_es__startswith=code + " ")


def codes(response: Any) -> set[str]:
    return {a.title_es.split()[0] for a in response.context["page"].object_list}


def english(client: Client) -> Client:
    client.cookies["enlace_language"] = "en"
    return client


# --- who sees what -------------------------------------------------------------------------------


def test_the_public_sees_only_the_published_archive(
    client: Client, adopted_version: WorkPlanVersion
) -> None:
    response = client.get(ARCHIVE)
    assert response.status_code == 200
    assert codes(response) == PUBLISHED
    hidden = activity(adopted_version, "2.1.1")
    assert client.get(f"{ARCHIVE}{hidden.pk}/").status_code == 404
    assert client.get(f"{ARCHIVE}{activity(adopted_version, '1.1.1').pk}/").status_code == 200
    # An activity still followed up is no archive entry.
    assert client.get(f"{ARCHIVE}{activity(adopted_version, '1.1.2').pk}/").status_code == 404


def test_an_account_without_a_role_sees_the_public_part(
    outsider_client: Client, adopted_version: WorkPlanVersion
) -> None:
    assert codes(outsider_client.get(ARCHIVE)) == PUBLISHED


@pytest.mark.parametrize("who", ["officer_client", "other_client", "observer_client"])
def test_people_of_the_network_read_the_whole_archive(
    request: pytest.FixtureRequest, who: str, adopted_version: WorkPlanVersion
) -> None:
    """Including an unpublished entry of another country (2.1.1 is Mexico's)."""
    client = request.getfixturevalue(who)
    assert codes(client.get(ARCHIVE)) == ALL_ARCHIVED
    hidden = activity(adopted_version, "2.1.1")
    assert client.get(f"{ARCHIVE}{hidden.pk}/").status_code == 200


def test_drafts_are_not_archive_entries(
    secretariat_client: Client, draft_version: WorkPlanVersion
) -> None:
    archived = activity(draft_version, "3.1.2")
    Activity.objects.filter(pk=archived.pk).update(archived_on=datetime.date(2024, 1, 1))
    assert codes(secretariat_client.get(ARCHIVE)) == ALL_ARCHIVED
    assert secretariat_client.get(f"{ARCHIVE}{archived.pk}/").status_code == 404


# --- the search ----------------------------------------------------------------------------------


def test_search_by_year(officer_client: Client, adopted_version: WorkPlanVersion) -> None:
    assert codes(officer_client.get(ARCHIVE, {"year": "2021"})) == {"2.1.1"}
    years = [c.value for c in officer_client.get(ARCHIVE).context["choices"]["years"]]
    assert years == ["2022", "2021", "2020"]


def test_search_by_axis(officer_client: Client, adopted_version: WorkPlanVersion) -> None:
    axis = adopted_version.axes.get(position=2)
    assert codes(officer_client.get(ARCHIVE, {"axis": str(axis.key)})) == {"2.1.1", "2.2.1"}
    choices = officer_client.get(ARCHIVE).context["choices"]["axes"]
    assert [c.value for c in choices] == [
        str(a.key) for a in adopted_version.axes.filter(position__in=[1, 2, 4])
    ]


def test_search_by_country(client: Client, adopted_version: WorkPlanVersion) -> None:
    assert codes(client.get(ARCHIVE, {"country": "hnd"})) == {"1.1.1", "2.2.1", "4.2.1"}
    assert codes(client.get(ARCHIVE, {"country": "MEX"})) == set()  # 2.1.1 is not published


def test_search_by_words_ignores_case_and_accents(
    client: Client, adopted_version: WorkPlanVersion
) -> None:
    # "Ruta de asistencia a víctimas" (title), "Informe de rutas…" (results)
    assert codes(client.get(ARCHIVE, {"q": "VICTIMAS"})) == {"4.2.1"}
    assert codes(client.get(ARCHIVE, {"q": "rutas"})) == {"1.1.1"}
    # English titles, results and the reason for cancelling are searched too.
    assert codes(client.get(ARCHIVE, {"q": "pathway"})) == {"4.2.1"}
    assert codes(client.get(ARCHIVE, {"q": "estudio regional"})) == {"2.2.1"}
    # Every word must match.
    assert codes(client.get(ARCHIVE, {"q": "ruta inexistente"})) == set()


def test_accented_text_matches_an_accented_query(
    client: Client, adopted_version: WorkPlanVersion
) -> None:
    Activity.objects.filter(pk=activity(adopted_version, "1.1.1").pk).update(
        results="ÁREA DE INFORMACIÓN compartida"
    )
    assert codes(client.get(ARCHIVE, {"q": "informacion"})) == {"1.1.1"}
    assert codes(client.get(ARCHIVE, {"q": "área"})) == {"1.1.1"}


def test_filters_combine(officer_client: Client, adopted_version: WorkPlanVersion) -> None:
    response = officer_client.get(ARCHIVE, {"country": "HND", "year": "2022", "q": "asistencia"})
    assert codes(response) == {"4.2.1"}


def _bulk_archive(version: WorkPlanVersion, net: Net, count: int) -> None:
    objective = version.objectives.first()
    assert objective is not None
    activities = Activity.objects.bulk_create(
        Activity(
            version=version,
            objective=objective,
            position=100 + i,
            title_es=f"Actividad archivada {i}",
            status=Activity.Status.COMPLETED,
            progress=100,
            completed_on=datetime.date(2023, 1, 1),
            results="Resultado",
            archived_on=datetime.date(2023, 2, 1),
            archive_published=True,
        )
        for i in range(count)
    )
    through = Activity.responsible_countries.through
    through.objects.bulk_create(
        through(activity_id=a.pk, country_id=c.pk)
        for a in activities
        for c in (net.honduras, net.mexico)
    )


def _queries(client: Client, params: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ARCHIVE, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "archivada", "country": "HND", "year": "2023"}])
def test_the_archive_page_queries_do_not_grow_with_the_archive(
    net: Net,
    officer_client: Client,
    adopted_version: WorkPlanVersion,
    params: dict[str, str],
    uncached_pages: None,  # the archive grows behind the services' backs: its choices made anew
) -> None:
    _bulk_archive(adopted_version, net, 10)
    few = _queries(officer_client, params)
    _bulk_archive(adopted_version, net, 190)
    assert _queries(officer_client, params) == few
    page = officer_client.get(ARCHIVE, params).context["page"]
    assert page.paginator.count >= 200
    assert len(page.object_list) == 25


def _search_runs(queries: CaptureQueriesContext) -> int:
    """How many of the captured queries look the words up in the archive's full-text index."""
    index = "archive_fts" if connection.vendor == "sqlite" else "archive_vector"
    return sum(index in q["sql"] for q in queries.captured_queries)


def test_a_word_search_looks_its_words_up_once_for_its_page_and_its_count(
    net: Net, officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    _bulk_archive(adopted_version, net, 30)
    with CaptureQueriesContext(connection) as queries:
        response = english(officer_client).get(ARCHIVE, {"q": "archivada"})
    assert _search_runs(queries) == 1
    assert "30 archived activities" in response.content.decode()
    assert len(response.context["page"].object_list) == 25


def test_the_archive_pages_hold_every_match_once(
    net: Net, officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    _bulk_archive(adopted_version, net, 60)
    params = {"q": "archivada"}
    seen: list[int] = []
    for number in ("1", "2", "3"):
        page = officer_client.get(ARCHIVE, {**params, "page": number}).context["page"]
        assert page.paginator.count == 60
        seen += [a.pk for a in page.object_list]
    assert len(seen) == len(set(seen)) == 60
    assert [len(officer_client.get(ARCHIVE, {**params, "page": n}).context["page"].object_list)
            for n in ("1", "3")] == [25, 10]  # fmt: skip
    # A page past the last or below the first shows the last; what is no number, the first (as
    # Django's paginator reads them), with the number of matches counted all the same.
    for number, shown in (("99", 3), (str(10**30), 3), ("-4", 3), ("abc", 1)):
        with CaptureQueriesContext(connection) as queries:
            page = officer_client.get(ARCHIVE, {**params, "page": number}).context["page"]
        assert (page.number, page.paginator.count) == (shown, 60), number
        # (past the last page: that page, the count, then the last page: a rare address)
        assert _search_runs(queries) <= 3
    assert officer_client.get(ARCHIVE, {"q": "inexistente"}).context["page"].paginator.count == 0


# --- the chain back ---------------------------------------------------------------------------


@pytest.fixture
def chain(net: Net, adopted_version: WorkPlanVersion) -> dict[str, Any]:
    """The 2018 meeting asked for the workshop (its point 2); the 2019 meeting adopted the
    plan (its point 3); the 2021 meeting took note of the result."""
    day = datetime.date(2018, 5, 6)
    asked = make_meeting(net, title="Reunión de Tegucigalpa 2018", start_date=day, end_date=day)
    report = make_report(
        asked,
        points=[(0, "Apertura."), (0, "Realizar un taller regional sobre rutas de tráfico.")],
        status=Report.Status.ADOPTED,
        is_published=True,
    )
    day = datetime.date(2019, 6, 1)
    adopting = make_meeting(net, title="Reunión de San Salvador 2019", start_date=day, end_date=day)
    adoption_report = make_report(
        adopting,
        points=[(0, "Apertura."), (0, "Informe."), (0, "Se adopta el Plan de Trabajo.")],
        status=Report.Status.ADOPTED,
        is_published=True,
    )
    noting = make_meeting(net, title="Reunión virtual 2021", visibility=Visibility.NETWORK)
    point = ReportPoint.objects.get(report=report, position=2)
    WorkPlanVersion.objects.filter(pk=adopted_version.pk).update(
        adopted_by_meeting=adopting,
        adopted_at_point=ReportPoint.objects.get(report=adoption_report, position=3),
    )
    workshop = activity(adopted_version, "1.1.1")
    workshop.source_point = point
    workshop.noted_by_meeting = noting
    workshop.save()
    Evidence.objects.create(
        activity=workshop, title="Informe del taller", url="https://example.org/taller"
    )
    victims = activity(adopted_version, "4.2.1")
    victims.source_commitment = Commitment.objects.create(
        point=point, actor_kind="secretariat", text="La ST organizará el taller",
        status=Commitment.Status.CONFIRMED,
    )  # fmt: skip
    victims.save()
    return {"workshop": workshop, "victims": victims, "report": report, "point": point}


def test_the_chain_back_from_an_archived_activity(
    client: Client, adopted_version: WorkPlanVersion, chain: dict[str, Any]
) -> None:
    english(client)
    response = client.get(f"{ARCHIVE}{chain['workshop'].pk}/")
    assert response.status_code == 200
    entry = response.context["entry"]
    assert entry.agreement.point == chain["point"]
    assert entry.agreement.label == "2."
    assert entry.adopting_version == adopted_version
    assert entry.adopting_point.label == "3."
    page = response.content.decode()
    page = page[page.index('class="chain"') :]
    # agreement → version → activity → result
    order = [
        "Realizar un taller regional sobre rutas de tráfico.",
        "Reunión de San Salvador 2019",
        "1.1.1 Regional workshop on route analysis",
        "Informe de rutas compartido con la red",
        "Informe del taller",
    ]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)
    assert f"/reports/{chain['report'].pk}/#point-{chain['point'].pk}" in page
    # The meeting that took note is the network's: the public is not shown it.
    assert "Reunión virtual 2021" not in page


def test_the_network_sees_the_meeting_that_took_note(
    other_client: Client, chain: dict[str, Any]
) -> None:
    page = other_client.get(f"{ARCHIVE}{chain['workshop'].pk}/").content.decode()
    assert "Reunión virtual 2021" in page


def test_the_chain_through_a_commitment(other_client: Client, chain: dict[str, Any]) -> None:
    response = other_client.get(f"{ARCHIVE}{chain['victims'].pk}/")
    entry = response.context["entry"]
    assert entry.agreement.point == chain["point"]
    assert entry.commitment_visible
    assert "La ST organizará el taller" in response.content.decode()


def test_the_chain_hides_a_report_the_reader_may_not_read(
    client: Client, chain: dict[str, Any]
) -> None:
    Report.objects.filter(pk=chain["report"].pk).update(is_published=False, status="draft")
    page = client.get(f"{ARCHIVE}{chain['workshop'].pk}/").content.decode()
    assert "Realizar un taller regional" not in page


# --- the secretariat's archive form and publication ---------------------------------------------


def test_the_secretariat_archives_through_the_form(
    net: Net, secretariat_client: Client, adopted_version: WorkPlanVersion
) -> None:
    done = activity(adopted_version, "3.1.2")
    meeting = make_meeting(net, title="Reunión 2024")
    url = f"/workplan/activities/{done.pk}/archive/"
    form = secretariat_client.get(url).context["form"]
    response = secretariat_client.post(
        url,
        {
            "completed_on": "2024-02-01",
            "results": "Prácticas intercambiadas",
            "noted_by_meeting": str(meeting.pk),
            "archive_published": "on",
            "state": form.initial["state"],
            "opened": form.initial["opened"],
        },
    )
    assert response.status_code == 302
    done.refresh_from_db()
    assert done.archived_on is not None
    assert done.archive_published
    assert done.noted_by_meeting == meeting


def test_the_second_editor_sees_the_other_change(
    secretariat_client: Client, adopted_version: WorkPlanVersion
) -> None:
    done = activity(adopted_version, "3.1.2")
    url = f"/workplan/activities/{done.pk}/archive/"
    english(secretariat_client)
    form = secretariat_client.get(url).context["form"]
    Activity.objects.filter(pk=done.pk).update(results="Texto de la colega")
    response = secretariat_client.post(
        url,
        {
            "completed_on": "2024-02-01",
            "results": "Mi texto",
            "state": form.initial["state"],
            "opened": form.initial["opened"],
        },
    )
    assert response.status_code == 409
    assert [(r["opened"], r["saved"]) for r in response.context["conflict"]] == [
        ("—", "Texto de la colega")
    ]
    done.refresh_from_db()
    assert done.results == "Texto de la colega"
    assert done.archived_on is None
    # The form now carries the saved state: sending it again is a deliberate overwrite.
    assert response.context["form"]["state"].value() == state_token(done)


@pytest.mark.parametrize(
    "who", ["officer_client", "other_client", "observer_client", "outsider_client"]
)
def test_only_the_secretariat_may_archive_or_publish(
    request: pytest.FixtureRequest, who: str, adopted_version: WorkPlanVersion
) -> None:
    client = request.getfixturevalue(who)
    done = activity(adopted_version, "3.1.2")
    assert client.get(f"/workplan/activities/{done.pk}/archive/").status_code == 403
    hidden = activity(adopted_version, "2.1.1")
    response = client.post(f"{ARCHIVE}{hidden.pk}/publication/", {"publish": "1"})
    assert response.status_code == 403
    assert client.get(f"{ARCHIVE}{hidden.pk}/publication/?publish=1").status_code == 403
    hidden.refresh_from_db()
    assert not hidden.archive_published


def test_anonymous_is_sent_to_log_in(client: Client, adopted_version: WorkPlanVersion) -> None:
    done = activity(adopted_version, "3.1.2")
    response = client.get(f"/workplan/activities/{done.pk}/archive/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    hidden = activity(adopted_version, "2.1.1")
    assert client.post(f"{ARCHIVE}{hidden.pk}/publication/", {"publish": "1"}).status_code in (
        302,
        403,
    )
    hidden.refresh_from_db()
    assert not hidden.archive_published


def test_the_secretariat_publishes_an_entry(
    client: Client, secretariat_client: Client, adopted_version: WorkPlanVersion
) -> None:
    hidden = activity(adopted_version, "2.1.1")
    url = f"{ARCHIVE}{hidden.pk}/publication/"
    entry = secretariat_client.get(f"{ARCHIVE}{hidden.pk}/").content.decode()
    assert f'href="{url}?publish=1"' in entry
    ask = secretariat_client.get(f"{url}?publish=1", HTTP_ACCEPT_LANGUAGE="en")
    assert ask.status_code == 200
    assert "Anyone can read the entry" in ask.content.decode()
    assert codes(client.get(ARCHIVE)) == PUBLISHED
    response = secretariat_client.post(url, {"publish": "1"})
    assert response.status_code == 302
    assert codes(client.get(ARCHIVE)) == ALL_ARCHIVED
    secretariat_client.post(f"{ARCHIVE}{hidden.pk}/publication/", {"publish": "0"})
    assert codes(client.get(ARCHIVE)) == PUBLISHED


# --- the archive as XLSX -------------------------------------------------------------------------


def _sheet_rows(content: bytes) -> list[tuple[Any, ...]]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [tuple(r) for r in sheet.iter_rows(values_only=True)]


def test_the_archive_exports_to_xlsx(client: Client, adopted_version: WorkPlanVersion) -> None:
    english(client)
    response = client.get("/workplan/archive/archive.xlsx", {"country": "HND"})
    assert response.status_code == 200
    rows = _sheet_rows(response.content)
    assert rows[0][:3] == ("Completed on", "Status", "Work plan")
    assert "Published" not in rows[0]  # the public is not told what is unpublished
    titles = {r[6] for r in rows[1:]}
    assert titles == {
        "1.1.1 Regional workshop on route analysis",
        "2.2.1 Comparative study of legislation",
        "4.2.1 Assistance pathway for victims",
    }
    by_title = {r[6]: r for r in rows[1:]}
    assert by_title["1.1.1 Regional workshop on route analysis"][0].date() == datetime.date(
        2020, 6, 30
    )
    assert by_title["2.2.1 Comparative study of legislation"][9] == (
        "Cubierto por un estudio regional existente"
    )


def test_the_network_exports_the_whole_archive(
    other_client: Client, adopted_version: WorkPlanVersion
) -> None:
    rows = _sheet_rows(other_client.get("/workplan/archive/archive.xlsx").content)
    assert len(rows) == 1 + len(ALL_ARCHIVED)
