"""The work plan's pages: the plans, a version's tree, drafting, review, adoption and
comparison, each for the officer, the other country's officer, the observer, the outsider and
the anonymous public; the conflict as the second editor sees it; query counts that do not grow
with the plan."""

import datetime
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from enlace.accounts.models import User
from enlace.conftest import Net
from enlace.meetings.tests.factories import make_meeting, make_report
from enlace.network.models import Presidency
from enlace.workplan import services
from enlace.workplan.models import (
    Activity,
    Amendment,
    Axis,
    Indicator,
    Objective,
    PlanComment,
    WorkPlanVersion,
)

NETWORK = ["officer_client", "other_client", "observer_client", "secretariat_client"]
Status = WorkPlanVersion.Status


def english(client: Client) -> Client:
    client.cookies["enlace_language"] = "en"
    return client


def get(request: pytest.FixtureRequest, who: str, url: str) -> Any:
    client = request.getfixturevalue(who)
    return english(client).get(url)


def hidden(page: str, name: str) -> str:
    """The value of a hidden input of a form on the page."""
    found = re.search(rf'name="{name}" value="([^"]+)"', page)
    assert found is not None, name
    return found.group(1)


def activity_of(version: WorkPlanVersion, prefix: str) -> Activity:
    return version.activities.get(title_es__startswith=prefix)


# --- /workplan/ ------------------------------------------------------------------------------


def test_index_shows_the_version_in_force_its_progress_and_the_plan_of_action(
    client: Client, adopted_version: WorkPlanVersion, draft_version: WorkPlanVersion
) -> None:
    page = english(client).get("/workplan/").content.decode()

    assert "Work plan on migrant smuggling 2019–2025" in page
    assert f'href="/workplan/versions/{adopted_version.pk}/"' in page
    assert f'href="/workplan/versions/{draft_version.pk}/"' not in page  # the public: no drafts
    assert "RCM Plan of Action" in page
    assert "Human rights" in page  # an axis of the Plan of Action
    assert "Protection of the rights of migrants" in page  # a line of action
    meter = re.search(r'<meter min="0" max="100" value="([\d.]+)"', page)
    assert meter is not None
    assert 0 < float(meter.group(1)) < 100


@pytest.mark.parametrize("who", NETWORK)
def test_index_lists_drafts_to_the_network(
    request: pytest.FixtureRequest, who: str, draft_version: WorkPlanVersion
) -> None:
    page = get(request, who, "/workplan/").content.decode()

    assert f'href="/workplan/versions/{draft_version.pk}/"' in page


def test_outsider_sees_only_adopted_versions(
    outsider_client: Client, adopted_version: WorkPlanVersion, draft_version: WorkPlanVersion
) -> None:
    page = outsider_client.get("/workplan/").content.decode()

    assert f'href="/workplan/versions/{adopted_version.pk}/"' in page
    assert f'href="/workplan/versions/{draft_version.pk}/"' not in page


def test_the_main_navigation_leads_to_the_work_plan(client: Client, net: Net) -> None:
    page = english(client).get("/").content.decode()

    assert '<a href="/workplan/">Work plan</a>' in page


def test_new_version_button_only_for_drafters(
    secretariat_client: Client, officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    url = f"/workplan/plans/{adopted_version.work_plan_id}/versions/new/"

    assert url in english(secretariat_client).get("/workplan/").content.decode()
    assert url not in english(officer_client).get("/workplan/").content.decode()


# --- a version's page ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", [*NETWORK, "outsider_client", "client"])
def test_everyone_reads_an_adopted_version(
    request: pytest.FixtureRequest, who: str, adopted_version: WorkPlanVersion
) -> None:
    response = get(request, who, f"/workplan/versions/{adopted_version.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Intelligence and investigation" in page
    assert "1.1.2 Protocol for exchanging alerts" in page
    assert "Mexico" in page  # a responsible country


@pytest.mark.parametrize("who", NETWORK)
def test_the_network_reads_a_draft(
    request: pytest.FixtureRequest, who: str, draft_version: WorkPlanVersion
) -> None:
    response = get(request, who, f"/workplan/versions/{draft_version.pk}/")

    assert response.status_code == 200


@pytest.mark.parametrize("who", ["outsider_client", "client"])
def test_a_draft_is_missing_for_the_public(
    request: pytest.FixtureRequest, who: str, draft_version: WorkPlanVersion
) -> None:
    response = get(request, who, f"/workplan/versions/{draft_version.pk}/")

    assert response.status_code == 404


def test_the_public_does_not_see_unpublished_archived_activities(
    client: Client, officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    url = f"/workplan/versions/{adopted_version.pk}/"

    public = english(client).get(url).content.decode()
    network = english(officer_client).get(url).content.decode()

    assert "Directory of central authorities" not in public  # archived, not published
    assert "Directory of central authorities" in network
    assert "Regional workshop on route analysis" in public  # archived and published


def test_version_page_shows_progress_as_text_and_meter(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    page = english(officer_client).get(f"/workplan/versions/{adopted_version.pk}/")
    text = page.content.decode()

    # 3.1.1 is in progress at 75 %.
    row = text[text.index("3.1.1 Catalogue") :]
    row = row[: row.index("</tr>")]
    assert '<meter min="0" max="100" value="75"' in row
    assert "75 %" in row


def test_where_the_review_stands(
    officer_client: Client,
    other_officer: User,
    observer: User,
    secretariat: User,
    draft_version: WorkPlanVersion,
) -> None:
    services.plan_comment_add(user=observer, version=draft_version, text="Comentario")
    pending = services.amendment_propose(user=other_officer, version=draft_version, text="A")
    decided = services.amendment_propose(user=other_officer, version=draft_version, text="B")
    services.amendment_decide(user=secretariat, amendment=decided, accept=True, reason="Sí")

    page = english(officer_client).get(f"/workplan/versions/{draft_version.pk}/").content.decode()

    assert "1 comment" in page
    assert "2 amendments: 1 pending, 1 accepted, 0 rejected" in page
    assert pending.text  # the page counts; the review page holds the text


@pytest.mark.parametrize(
    ("who", "can_edit"),
    [("secretariat_client", True), ("officer_client", False), ("observer_client", False)],
)
def test_edit_links_only_for_drafters(
    request: pytest.FixtureRequest, who: str, can_edit: bool, draft_version: WorkPlanVersion
) -> None:
    page = get(request, who, f"/workplan/versions/{draft_version.pk}/").content.decode()

    assert (f"/workplan/draft/versions/{draft_version.pk}/axes/new/" in page) is can_edit


def test_an_adopted_version_offers_no_editing(
    secretariat_client: Client, adopted_version: WorkPlanVersion
) -> None:
    page = secretariat_client.get(f"/workplan/versions/{adopted_version.pk}/").content.decode()

    assert "/workplan/draft/" not in page
    assert f"/workplan/versions/{adopted_version.pk}/adopt/" not in page
    assert f"/workplan/plans/{adopted_version.work_plan_id}/versions/new/?from=" in page


# --- drafting pages ------------------------------------------------------------------------------


def test_secretariat_adds_an_activity_with_indicators(
    secretariat_client: Client, draft_version: WorkPlanVersion, net: Net
) -> None:
    objective = draft_version.objectives.order_by("axis__position", "position").first()
    assert objective is not None
    url = f"/workplan/draft/objectives/{objective.pk}/activities/new/"
    assert secretariat_client.get(url).status_code == 200

    response = secretariat_client.post(
        url,
        {
            "title_es": "Mapa de rutas",
            "title_en": "Route map",
            "objective": objective.pk,
            "responsible_countries": [net.guatemala.pk],
            "responsible_organisations": [net.rrocm.pk],
            "partners": "OIM",
            "start_date": "2025-01-01",
            "end_date": "2030-12-31",
            "weight": "2",
            "status": "planned",
            "progress": "0",
            "indicators-TOTAL_FORMS": "2",
            "indicators-INITIAL_FORMS": "0",
            "indicators-MIN_NUM_FORMS": "0",
            "indicators-MAX_NUM_FORMS": "50",
            "indicators-0-name": "Mapas publicados",
            "indicators-0-baseline": "0",
            "indicators-0-target": "1",
        },
    )

    activity = Activity.objects.get(title_es="Mapa de rutas")
    assert response.status_code == 302
    # Back to the version with the activity's objective open (a large version lists only the
    # activities of the objectives asked for).
    assert response["Location"] == (
        f"/workplan/versions/{draft_version.pk}/?objective={objective.pk}#activity-{activity.pk}"
    )
    assert list(activity.responsible_countries.all()) == [net.guatemala]
    assert list(activity.indicators.values_list("name", "target")) == [("Mapas publicados", "1")]
    assert activity.position == 3


def test_an_activity_deadline_in_the_past_is_refused(
    secretariat_client: Client, draft_version: WorkPlanVersion
) -> None:
    objective = draft_version.objectives.order_by("axis__position", "position").first()
    assert objective is not None
    url = f"/workplan/draft/objectives/{objective.pk}/activities/new/"

    response = secretariat_client.post(
        url,
        {
            "title_es": "Mapa de rutas",
            "title_en": "Route map",
            "objective": objective.pk,
            "end_date": "2001-12-31",
            "weight": "1",
            "status": "planned",
            "progress": "0",
            "indicators-TOTAL_FORMS": "0",
            "indicators-INITIAL_FORMS": "0",
            "indicators-MIN_NUM_FORMS": "0",
            "indicators-MAX_NUM_FORMS": "50",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert "A deadline cannot be in the past" in response.content.decode()
    assert not Activity.objects.filter(title_es="Mapa de rutas").exists()


def test_ppt_officer_edits_an_objective(
    officer_client: Client, ppt_honduras: Presidency, draft_version: WorkPlanVersion
) -> None:
    objective = draft_version.objectives.order_by("axis__position", "position").first()
    assert objective is not None
    url = f"/workplan/draft/objectives/{objective.pk}/"
    form = officer_client.get(url).content.decode()

    response = officer_client.post(
        url,
        {
            "title_es": "Objetivo renovado",
            "axis": objective.axis_id,
            "weight": "3",
            "state": hidden(form, "state"),
            "opened": hidden(form, "opened"),
        },
    )

    assert response.status_code == 302
    objective.refresh_from_db()
    assert (objective.title_es, objective.weight) == ("Objetivo renovado", 3)


def test_the_second_editor_sees_the_other_change(
    secretariat_client: Client,
    officer_client: Client,
    ppt_honduras: Presidency,
    draft_version: WorkPlanVersion,
    net: Net,
) -> None:
    activity = activity_of(draft_version, "1.1.2")
    url = f"/workplan/draft/activities/{activity.pk}/"
    form = english(officer_client).get(url).content.decode()
    state = hidden(form, "state")
    # Meanwhile the secretariat changes the partners and adds Guatemala.
    services.activity_update(
        user=User.objects.get(username="st_staff"),
        activity=activity,
        data={"partners": "UNODC", "responsible_countries": [net.mexico, net.guatemala]},
    )
    data = {
        "title_es": activity.title_es,
        "objective": activity.objective_id,
        "responsible_countries": [net.mexico.pk],
        "partners": "OIM",
        "weight": "1",
        "status": "in_progress",
        "progress": "60",
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "50",
        "state": state,
        "opened": hidden(form, "opened"),
    }

    response = english(officer_client).post(url, data)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this item after you opened it" in page
    start = page.index('class="conflict"')
    conflict = page[start : page.index("</section>", start)]
    assert "Partners" in conflict
    assert "<ins>UNODC</ins>" in conflict
    assert "Guatemala, Mexico" in conflict
    assert "Progress" not in conflict  # unchanged by the other person
    activity.refresh_from_db()
    assert (activity.partners, activity.progress) == ("UNODC", 50)
    # Their own input is kept; saving again is a knowing choice.
    assert 'value="OIM"' in page
    assert hidden(page, "state") != state
    data.update(state=hidden(page, "state"), opened=hidden(page, "opened"))
    assert officer_client.post(url, data).status_code == 302
    activity.refresh_from_db()
    assert (activity.partners, activity.progress) == ("OIM", 60)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("secretariat_client", 200),
        ("officer_client", 403),  # Honduras does not preside here
        ("other_client", 403),
        ("observer_client", 403),
        ("outsider_client", 404),
        ("client", 404),
    ],
)
def test_drafting_pages_access(
    request: pytest.FixtureRequest, who: str, status: int, draft_version: WorkPlanVersion
) -> None:
    axis = draft_version.axes.first()
    objective = draft_version.objectives.first()
    activity = draft_version.activities.first()
    assert axis is not None
    assert objective is not None
    assert activity is not None
    urls = [
        f"/workplan/draft/versions/{draft_version.pk}/axes/new/",
        f"/workplan/draft/axes/{axis.pk}/",
        f"/workplan/draft/axes/{axis.pk}/objectives/new/",
        f"/workplan/draft/objectives/{objective.pk}/",
        f"/workplan/draft/objectives/{objective.pk}/activities/new/",
        f"/workplan/draft/activities/{activity.pk}/",
        f"/workplan/draft/activity/{activity.pk}/delete/",
    ]
    client = request.getfixturevalue(who)

    assert [client.get(url).status_code for url in urls] == [status] * len(urls)
    response = client.post(f"/workplan/draft/activity/{activity.pk}/delete/")
    assert response.status_code == (302 if status == 200 else status)
    assert Activity.objects.filter(pk=activity.pk).exists() is (status != 200)


def test_frozen_versions_have_no_drafting_pages(
    secretariat_client: Client, client: Client, adopted_version: WorkPlanVersion
) -> None:
    axis = adopted_version.axes.first()
    assert axis is not None

    assert secretariat_client.get(f"/workplan/draft/axes/{axis.pk}/").status_code == 403
    response = secretariat_client.post(
        f"/workplan/draft/axis/{axis.pk}/move/", {"direction": "down"}
    )
    assert response.status_code == 403
    # Anonymous visitors are asked to log in (the version itself is public).
    assert client.get(f"/workplan/draft/axes/{axis.pk}/")["Location"].startswith("/accounts/login/")


def test_delete_and_move_from_the_page(
    secretariat_client: Client, draft_version: WorkPlanVersion
) -> None:
    axes = list(draft_version.axes.order_by("position"))

    response = secretariat_client.post(
        f"/workplan/draft/axis/{axes[1].pk}/move/", {"direction": "up"}
    )

    assert response["Location"] == f"/workplan/versions/{draft_version.pk}/#axis-{axes[1].pk}"
    assert list(draft_version.axes.order_by("position"))[:2] == [axes[1], axes[0]]
    page = secretariat_client.get(f"/workplan/draft/axis/{axes[0].pk}/delete/").content.decode()
    secretariat_client.post(
        f"/workplan/draft/axis/{axes[0].pk}/delete/", {"state": hidden(page, "state")}
    )
    assert not Axis.objects.filter(pk=axes[0].pk).exists()
    assert secretariat_client.get(f"/workplan/draft/thing/{axes[1].pk}/delete/").status_code == 404


def test_new_version_page(
    secretariat_client: Client, officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    url = f"/workplan/plans/{adopted_version.work_plan_id}/versions/new/"
    assert officer_client.get(url).status_code == 403
    assert secretariat_client.get(f"{url}?from={adopted_version.pk}").status_code == 200

    response = secretariat_client.post(url, {"based_on": adopted_version.pk, "note": "2026"})

    version = WorkPlanVersion.objects.get(number=2)
    assert response["Location"] == f"/workplan/versions/{version.pk}/"
    assert version.activities.count() == 12


def test_submit_for_review(
    secretariat_client: Client, officer_client: Client, draft_version: WorkPlanVersion
) -> None:
    url = f"/workplan/versions/{draft_version.pk}/submit/"
    assert officer_client.post(url).status_code == 403
    assert officer_client.get(url).status_code == 403
    page = secretariat_client.get(f"/workplan/versions/{draft_version.pk}/").content.decode()
    assert f'href="{url}"' in page
    ask = secretariat_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert ask.status_code == 200
    assert "This cannot be undone" in ask.content.decode()
    draft_version.refresh_from_db()
    assert draft_version.status == Status.DRAFT

    secretariat_client.post(url)

    draft_version.refresh_from_db()
    assert draft_version.status == Status.REVIEW


# --- review -------------------------------------------------------------------------------------


def test_compare_lists_the_unchanged_activities_only_when_asked(
    officer_client: Client, adopted_version: WorkPlanVersion, draft_version: WorkPlanVersion
) -> None:
    url = f"/workplan/compare/?a={adopted_version.pk}&b={draft_version.pk}"

    page = english(officer_client).get(url).content.decode()

    # The draft is a copy: its 4 axes, 8 objectives and 16 activities are unchanged.
    assert "0 added, 0 removed, 0 changed, 28 unchanged" in page
    assert '<tr class="same activity">' not in page
    assert "Protocol for exchanging alerts" not in page
    assert '<tr class="same objective">' in page  # the structure stays, for context
    link = f'href="?a={adopted_version.pk}&amp;b={draft_version.pk}&amp;unchanged=1"'
    assert f"{link}>Show the unchanged activities too (16)<" in page

    everything = english(officer_client).get(f"{url}&unchanged=1").content.decode()

    assert everything.count('<tr class="same activity">') == 16
    assert "Protocol for exchanging alerts" in everything
    assert ">Hide the unchanged activities<" in everything


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("officer_client", 200),
        ("other_client", 200),
        ("observer_client", 200),
        ("secretariat_client", 200),
        ("outsider_client", 404),
        ("client", 404),
    ],
)
def test_review_page_access_on_a_draft(
    request: pytest.FixtureRequest, who: str, status: int, draft_version: WorkPlanVersion
) -> None:
    assert get(request, who, f"/workplan/versions/{draft_version.pk}/review/").status_code == (
        status
    )


def test_review_of_an_adopted_version_stays_in_the_network(
    outsider_client: Client, client: Client, adopted_version: WorkPlanVersion
) -> None:
    url = f"/workplan/versions/{adopted_version.pk}/review/"

    assert outsider_client.get(url).status_code == 403
    assert client.get(url)["Location"].startswith("/accounts/login/")


def test_comment_and_amend_from_the_review_page(
    officer_client: Client, observer_client: Client, draft_version: WorkPlanVersion, net: Net
) -> None:
    activity = activity_of(draft_version, "1.2.1")
    objective = activity.objective
    url = f"/workplan/versions/{draft_version.pk}/"

    response = officer_client.post(
        url + "comments/", {"text": "Falta la meta", "activity": activity.pk}
    )
    observer_client.post(url + "comments/", {"text": "Incluir a la sociedad civil"})
    officer_client.post(
        url + "amendments/", {"text": "Dividir el objetivo", "objective": objective.pk}
    )

    assert response["Location"] == f"{url}review/#activity-{activity.pk}"
    comment = PlanComment.objects.get(activity=activity)
    assert (comment.text, comment.delegation) == ("Falta la meta", "Honduras")
    assert PlanComment.objects.get(activity=None, objective=None).delegation == "RROCM"
    amendment = Amendment.objects.get()
    assert (amendment.objective, amendment.country) == (objective, net.honduras)
    page = english(officer_client).get(url + "review/").content.decode()
    assert "Falta la meta" in page
    assert "Incluir a la sociedad civil" in page
    assert "Dividir el objetivo" in page


def test_observer_cannot_amend(observer_client: Client, draft_version: WorkPlanVersion) -> None:
    response = observer_client.post(
        f"/workplan/versions/{draft_version.pk}/amendments/", {"text": "Cambio"}
    )

    assert response.status_code == 403
    assert not Amendment.objects.exists()
    page = english(observer_client).get(f"/workplan/versions/{draft_version.pk}/review/")
    assert "Propose the amendment" not in page.content.decode()


def test_comment_on_an_item_of_another_version_is_missing(
    officer_client: Client, draft_version: WorkPlanVersion, adopted_version: WorkPlanVersion
) -> None:
    foreign = adopted_version.activities.first()
    assert foreign is not None

    response = officer_client.post(
        f"/workplan/versions/{draft_version.pk}/comments/", {"text": "X", "activity": foreign.pk}
    )

    assert response.status_code == 404


@pytest.mark.parametrize("who", ["outsider_client", "client"])
def test_public_cannot_comment_on_a_draft(
    request: pytest.FixtureRequest, who: str, draft_version: WorkPlanVersion
) -> None:
    client = request.getfixturevalue(who)

    response = client.post(f"/workplan/versions/{draft_version.pk}/comments/", {"text": "Hola"})

    assert response.status_code == 404
    assert not PlanComment.objects.exists()


def test_drafters_decide_from_the_review_page(
    secretariat_client: Client,
    officer_client: Client,
    other_officer: User,
    draft_version: WorkPlanVersion,
) -> None:
    amendment = services.amendment_propose(
        user=other_officer, version=draft_version, text="Agregar plazo"
    )
    url = f"/workplan/amendments/{amendment.pk}/decide/"
    review = f"/workplan/versions/{draft_version.pk}/review/"
    assert url in secretariat_client.get(review).content.decode()
    assert url not in officer_client.get(review).content.decode()

    assert officer_client.post(url, {"decision": "accept", "reason": "Sí"}).status_code == 403
    secretariat_client.post(url, {"decision": "accept", "reason": ""})  # a reason is required
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.PENDING
    ask = english(secretariat_client).post(url, {"decision": "accept", "reason": "De acuerdo"})
    assert ask.status_code == 200
    assert "Accept the amendment" in ask.content.decode()
    assert "This cannot be undone." in ask.content.decode()
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.PENDING
    response = secretariat_client.post(
        url, {"decision": "accept", "reason": "De acuerdo", "confirmed": "1"}
    )

    assert response["Location"] == f"{review}#amendment-{amendment.pk}"
    amendment.refresh_from_db()
    assert (amendment.status, amendment.reason) == (Amendment.Status.ACCEPTED, "De acuerdo")


# --- adoption -----------------------------------------------------------------------------------


def test_adopt_in_two_steps(
    secretariat_client: Client,
    draft_version: WorkPlanVersion,
    adopted_version: WorkPlanVersion,
    net: Net,
) -> None:
    meeting = make_meeting(net, title="Reunión de Tela")
    report = make_report(meeting, points=[(0, "Uno."), (0, "Se adopta el Plan de Trabajo.")])
    point = report.points.get(position=2)
    url = f"/workplan/versions/{draft_version.pk}/adopt/"

    step1 = english(secretariat_client).get(url).content.decode()
    assert "Reunión de Tela" in step1
    step2 = english(secretariat_client).get(f"{url}?meeting={meeting.pk}").content.decode()
    assert "ES 2. Se adopta el Plan de Trabajo." in step2

    response = secretariat_client.post(
        url, {"meeting": meeting.pk, "point": point.pk, "adopted_on": "2024-05-06"}
    )

    assert response["Location"] == f"/workplan/versions/{draft_version.pk}/"
    draft_version.refresh_from_db()
    adopted_version.refresh_from_db()
    assert (draft_version.status, draft_version.adopted_at_point) == (Status.ADOPTED, point)
    assert adopted_version.status == Status.SUPERSEDED
    page = english(secretariat_client).get(response["Location"]).content.decode()
    assert "This version is the annex in force of the Plan of Action." in page
    assert f"/reports/{report.pk}/#point-{point.pk}" in page


def test_adopt_refuses_a_point_of_another_meeting(
    secretariat_client: Client, draft_version: WorkPlanVersion, net: Net
) -> None:
    meeting = make_meeting(net, title="Reunión de Tela")
    make_report(meeting)
    other = make_report(make_meeting(net, title="Otra")).points.get()

    response = secretariat_client.post(
        f"/workplan/versions/{draft_version.pk}/adopt/",
        {"meeting": meeting.pk, "point": other.pk, "adopted_on": "2024-05-06"},
    )

    assert response.status_code == 400
    draft_version.refresh_from_db()
    assert draft_version.status == Status.DRAFT


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("officer_client", 403),
        ("other_client", 403),
        ("observer_client", 403),
        ("outsider_client", 404),
        ("client", 404),
    ],
)
def test_only_the_secretariat_opens_the_adoption(
    request: pytest.FixtureRequest, who: str, status: int, draft_version: WorkPlanVersion
) -> None:
    assert get(request, who, f"/workplan/versions/{draft_version.pk}/adopt/").status_code == (
        status
    )


def test_an_adopted_version_cannot_be_adopted_again(
    secretariat_client: Client, adopted_version: WorkPlanVersion
) -> None:
    url = f"/workplan/versions/{adopted_version.pk}/adopt/"

    assert secretariat_client.get(url).status_code == 403


# --- compare ------------------------------------------------------------------------------------


def test_compare_side_by_side(
    officer_client: Client,
    secretariat: User,
    adopted_version: WorkPlanVersion,
    draft_version: WorkPlanVersion,
    net: Net,
) -> None:
    changed = activity_of(draft_version, "3.2.2")
    services.activity_update(
        user=secretariat,
        activity=changed,
        data={"end_date": datetime.date(2027, 3, 31), "responsible_countries": [net.guatemala]},
    )
    activity_of(draft_version, "4.2.2").delete()
    objective = Objective.objects.get(version=draft_version, title_es__startswith="Asistir")
    services.activity_create(
        user=secretariat, objective=objective, data={"title_es": "Albergues temporales"}
    )

    response = english(officer_client).get(
        f"/workplan/compare/?a={adopted_version.pk}&b={draft_version.pk}"
    )

    page = response.content.decode()
    assert "1 added, 1 removed, 1 changed" in page
    added = page[page.index('<tr class="added activity">') :]
    assert "Albergues temporales" in added[: added.index("</tr>")]
    removed = page[page.index('<tr class="removed activity">') :]
    assert "4.2.2 Assisted return mechanism" in removed[: removed.index("</tr>")]
    row = page[page.index('<tr class="changed activity">') :]
    row = row[: row.index("</tr>")]
    assert "3.2.2 Technical exchange visits" in row
    assert "<del>Mexico</del>" in row
    assert "<ins>Guatemala</ins>" in row
    assert "<ins>2027-03-31</ins>" in row


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("officer_client", 200),
        ("other_client", 200),
        ("observer_client", 200),
        ("secretariat_client", 200),
        ("outsider_client", 404),
        ("client", 404),
    ],
)
def test_compare_with_a_draft_access(
    request: pytest.FixtureRequest,
    who: str,
    status: int,
    adopted_version: WorkPlanVersion,
    draft_version: WorkPlanVersion,
) -> None:
    url = f"/workplan/compare/?a={adopted_version.pk}&b={draft_version.pk}"

    assert get(request, who, url).status_code == status


def test_public_compares_adopted_versions(
    client: Client, secretariat: User, adopted_version: WorkPlanVersion, net: Net
) -> None:
    newer = services.version_create(
        user=secretariat, work_plan=adopted_version.work_plan, based_on=adopted_version
    )
    WorkPlanVersion.objects.filter(pk=adopted_version.pk).update(status=Status.SUPERSEDED)
    WorkPlanVersion.objects.filter(pk=newer.pk).update(status=Status.ADOPTED)

    response = english(client).get(f"/workplan/compare/?a={adopted_version.pk}&b={newer.pk}")

    assert response.status_code == 200
    page = response.content.decode()
    # The archived activities stayed behind; only the published ones are shown as removed.
    assert "Regional workshop on route analysis" in page
    assert "Directory of central authorities" not in page
    form = english(client).get("/workplan/compare/")
    assert form.status_code == 200


# --- query counts -------------------------------------------------------------------------------


def grow(version: WorkPlanVersion, count: int, net: Net) -> None:
    """``count`` more activities on the version's first objective, each with two responsible
    countries, an organisation and an indicator."""
    objective = version.objectives.first()
    assert objective is not None
    activities = Activity.objects.bulk_create(
        Activity(
            version=version,
            objective=objective,
            position=100 + i,
            title_es=f"Actividad {i}",
            weight=1,
            progress=i % 100,
        )
        for i in range(count)
    )
    through = Activity.responsible_countries.through
    through.objects.bulk_create(
        through(activity_id=a.pk, country_id=c.pk)
        for a in activities
        for c in (net.honduras, net.guatemala)
    )
    orgs = Activity.responsible_organisations.through
    orgs.objects.bulk_create(
        orgs(activity_id=a.pk, organisation_id=net.rrocm.pk) for a in activities
    )
    Indicator.objects.bulk_create(
        Indicator(activity=a, name="Meta", target="1") for a in activities
    )


def count_queries(client: Client, url: str) -> int:
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def first_objectives(version: WorkPlanVersion) -> tuple[Objective, Objective]:
    """Objectives 1.1 (where ``grow`` adds) and 1.2 of a version."""
    ordered = list(version.objectives.order_by("axis__position", "position"))
    return ordered[0], ordered[1]


def test_a_large_version_lists_its_objectives_and_opens_one_when_asked(
    officer_client: Client, adopted_version: WorkPlanVersion, net: Net
) -> None:
    grow(adopted_version, 100, net)  # 116 activities: more than a page lists at once
    first, second = first_objectives(adopted_version)
    url = f"/workplan/versions/{adopted_version.pk}/"

    page = english(officer_client).get(url).content.decode()

    assert "This version has 116 activities" in page
    assert "Objective 1.1. Strengthen information exchange" in page
    assert "Objective 4.2. Assist migrants" in page
    assert page.count('<meter min="0" max="100"') >= 8 + 4 + 1  # objectives, axes, the plan
    assert "Protocol for exchanging alerts" not in page  # 1.1.2: its objective is closed
    assert "Actividad 5<" not in page
    assert f'href="?objective={first.pk}#objective-{first.pk}"' in page
    assert "Show the activities of objective 1.1 (102)" in page
    assert "Show the activities of objective 1.2 (2)" in page
    assert 'href="?all=1"' in page

    opened = english(officer_client).get(f"{url}?objective={first.pk}").content.decode()

    assert "1.1.2 Protocol for exchanging alerts" in opened
    assert "Actividad 5<" in opened
    assert "Guatemala, Honduras" in opened  # responsible countries, by code
    assert "Financial investigation guide" not in opened  # 1.2.1: still closed
    assert f'href="{url}#objective-{first.pk}">Hide the activities of objective 1.1<' in opened
    assert f'href="?objective={second.pk}#objective-{second.pk}"' in opened

    axis = english(officer_client).get(f"{url}?axis={first.axis_id}").content.decode()
    assert "Protocol for exchanging alerts" in axis
    assert "Financial investigation guide" in axis
    assert "Catalogue of alternatives to detention" not in axis  # 3.1.1, another axis

    everything = english(officer_client).get(f"{url}?all=1").content.decode()
    assert "Catalogue of alternatives to detention" in everything
    assert "Actividad 99<" in everything
    assert f'href="{url}">Show the objectives only<' in everything


def test_a_small_version_lists_every_activity(
    officer_client: Client, adopted_version: WorkPlanVersion
) -> None:
    page = english(officer_client).get(f"/workplan/versions/{adopted_version.pk}/")

    text = page.content.decode()
    assert "Catalogue of alternatives to detention" in text
    assert "Show the activities of objective" not in text
    assert "Show all the activities" not in text


@pytest.mark.parametrize(
    ("who", "sees_unpublished"),
    [
        ("officer_client", True),
        ("other_client", True),
        ("outsider_client", False),
        ("client", False),
    ],
)
def test_an_opened_objective_shows_only_what_the_user_may_read(
    request: pytest.FixtureRequest,
    who: str,
    sees_unpublished: bool,
    adopted_version: WorkPlanVersion,
    net: Net,
) -> None:
    grow(adopted_version, 100, net)
    judicial = adopted_version.objectives.get(axis__position=2, position=1)  # 2.1.1 and 2.1.2
    url = f"/workplan/versions/{adopted_version.pk}/"

    for query in (f"?objective={judicial.pk}", f"?axis={judicial.axis_id}", "?all=1"):
        page = get(request, who, url + query).content.decode()
        assert "Model request for assistance" in page
        # 2.1.1 is archived and its archive entry unpublished: the network only.
        assert ("Directory of central authorities" in page) is sees_unpublished


@pytest.mark.parametrize("who", ["outsider_client", "client"])
def test_an_objective_of_a_draft_is_missing_for_the_public(
    request: pytest.FixtureRequest, who: str, draft_version: WorkPlanVersion, net: Net
) -> None:
    grow(draft_version, 100, net)
    first, _second = first_objectives(draft_version)
    url = f"/workplan/versions/{draft_version.pk}/?objective={first.pk}"

    assert get(request, who, url).status_code == 404
    assert get(request, "officer_client", url).status_code == 200


@pytest.mark.parametrize("who", ["secretariat_client", "client"])
def test_version_page_queries_do_not_grow_with_activities(
    request: pytest.FixtureRequest, who: str, adopted_version: WorkPlanVersion, net: Net
) -> None:
    client = request.getfixturevalue(who)
    url = f"/workplan/versions/{adopted_version.pk}/"
    grow(adopted_version, 10, net)
    small = count_queries(client, url)
    grow(adopted_version, 190, net)  # 200 more in all
    large = count_queries(client, url)

    assert small == large
    assert large <= 12


@pytest.mark.parametrize("who", ["secretariat_client", "client"])
@pytest.mark.parametrize("shown", ["objective", "all"])
def test_an_opened_large_version_queries_do_not_grow_with_activities(
    request: pytest.FixtureRequest, who: str, shown: str, adopted_version: WorkPlanVersion, net: Net
) -> None:
    client = request.getfixturevalue(who)
    first, _second = first_objectives(adopted_version)
    query = f"?objective={first.pk}" if shown == "objective" else "?all=1"
    url = f"/workplan/versions/{adopted_version.pk}/{query}"
    grow(adopted_version, 110, net)  # 126: a large version
    small = count_queries(client, url)
    grow(adopted_version, 200, net)
    large = count_queries(client, url)

    assert small == large
    assert large <= 12


def test_review_index_and_compare_queries_do_not_grow(
    secretariat_client: Client,
    secretariat: User,
    draft_version: WorkPlanVersion,
    adopted_version: WorkPlanVersion,
    net: Net,
) -> None:
    urls = [
        f"/workplan/versions/{draft_version.pk}/review/",
        "/workplan/",
        f"/workplan/compare/?a={adopted_version.pk}&b={draft_version.pk}",
    ]
    grow(draft_version, 10, net)
    for activity in draft_version.activities.all()[:5]:
        services.plan_comment_add(
            user=secretariat, version=draft_version, text="Nota", activity=activity
        )
    small = [count_queries(secretariat_client, url) for url in urls]
    grow(draft_version, 190, net)
    grow(adopted_version, 200, net)
    for activity in draft_version.activities.all()[:50]:
        services.plan_comment_add(
            user=secretariat, version=draft_version, text="Nota", activity=activity
        )
    large = [count_queries(secretariat_client, url) for url in urls]

    assert small == large
