"""The pages that create and edit the Plan of Action, its axes and lines, and the work plans:
the secretariat (and, for a work plan, the PPT while presiding); nobody else."""

import re

import pytest
from django.test import Client

from enlace.audit.models import AuditEvent
from enlace.conftest import Net
from enlace.network.models import Presidency
from enlace.workplan.models import PlanAxis, PlanLine, PlanOfAction, WorkPlan

EN = {"accept-language": "en"}
FORBIDDEN = ["officer_client", "other_client", "observer_client", "outsider_client"]


def _state(page: object) -> str:
    match = re.search(r'name="state" value="([0-9a-f]+)"', page.content.decode())  # type: ignore[attr-defined]
    assert match, "the edit form carries no state"
    return match.group(1)


def _names(es: str, en: str, fr: str) -> dict[str, str]:
    return {"name_es": es, "name_en": en, "name_fr": fr}


@pytest.fixture
def poa(db: None) -> PlanOfAction:
    plan = PlanOfAction.objects.create(
        slug="crm", adopted_year=2000, **_names("Plan de Acción", "Plan of Action", "Plan d'action")
    )
    axis = PlanAxis.objects.create(plan=plan, position=1, **_names("Eje", "Axis", "Axe"))
    PlanLine.objects.create(axis=axis, position=1, **_names("Línea", "Line", "Ligne"))
    return plan


def _work_plan_post(net: Net, poa: PlanOfAction, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "slug": "trata-2026",
        **_names("Plan de trabajo 2026–2030", "Work plan 2026–2030", "Plan de travail 2026–2030"),
        "body": net.network.pk,
        "plan_of_action": poa.pk,
        "period_start": "2026",
        "period_end": "2030",
    }
    return {**data, **changes}


def _urls(poa: PlanOfAction) -> list[str]:
    axis = poa.axes.get()
    line = axis.lines.get()
    return [
        "/manage/plans-of-action/new/",
        f"/manage/plans-of-action/{poa.pk}/",
        f"/manage/plans-of-action/{poa.pk}/axes/new/",
        f"/manage/plan-axes/{axis.pk}/",
        f"/manage/plan-axes/{axis.pk}/lines/new/",
        f"/manage/plan-lines/{line.pk}/",
    ]


def test_the_secretariat_builds_a_plan_of_action_and_a_work_plan(
    secretariat_client: Client, net: Net
) -> None:
    for url in ("/manage/plans-of-action/new/", "/manage/work-plans/new/"):
        assert secretariat_client.get(url).status_code == 200
    response = secretariat_client.post(
        "/manage/plans-of-action/new/",
        {"slug": "crm-2026", "adopted_year": "2026", **_names("PA", "PoA", "PdA"), "state": ""},
    )
    assert response.status_code == 302
    poa = PlanOfAction.objects.get(slug="crm-2026")
    secretariat_client.post(
        f"/manage/plans-of-action/{poa.pk}/axes/new/",
        {"position": "1", **_names("Gestión migratoria", "Migration management", "Gestion")},
    )
    axis = poa.axes.get()
    secretariat_client.post(
        f"/manage/plan-axes/{axis.pk}/lines/new/",
        {"position": "1", **_names("Trata", "Trafficking", "Traite")},
    )
    assert axis.lines.get().name_en == "Trafficking"
    response = secretariat_client.post("/manage/work-plans/new/", _work_plan_post(net, poa))
    plan = WorkPlan.objects.get(slug="trata-2026")
    assert response.status_code == 302
    assert response["Location"] == f"/workplan/#plan-{plan.pk}"
    # The new plan is on the work plan page, ready for its first version.
    page = secretariat_client.get("/workplan/", headers=EN).content.decode()
    assert "Work plan 2026–2030" in page
    assert f"/workplan/plans/{plan.pk}/versions/new/" in page
    admin = secretariat_client.get("/manage/", headers=EN).content.decode()
    assert "Migration management" in admin
    assert f"/manage/work-plans/{plan.pk}/" in admin
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "planofaction.create",
        "planaxis.create",
        "planline.create",
        "workplan.create",
    } <= actions


def test_the_ppt_starts_a_work_plan_but_not_a_plan_of_action(
    officer_client: Client, net: Net, ppt_honduras: Presidency, poa: PlanOfAction
) -> None:
    assert (
        officer_client.get("/workplan/", headers=EN)
        .content.decode()
        .count("/manage/work-plans/new/")
    )
    response = officer_client.post("/manage/work-plans/new/", _work_plan_post(net, poa))
    assert response.status_code == 302
    assert WorkPlan.objects.filter(slug="trata-2026").exists()
    for url in _urls(poa):
        assert officer_client.get(url).status_code == 403, url


@pytest.mark.parametrize("who", FORBIDDEN)
def test_others_can_neither_open_nor_write(
    request: pytest.FixtureRequest, who: str, net: Net, poa: PlanOfAction
) -> None:
    client: Client = request.getfixturevalue(who)
    for url in [*_urls(poa), "/manage/work-plans/new/"]:
        assert client.get(url).status_code == 403, url
    events = AuditEvent.objects.count()
    assert client.post("/manage/work-plans/new/", _work_plan_post(net, poa)).status_code == 403
    assert (
        client.post(f"/manage/plans-of-action/{poa.pk}/axes/new/", {"position": "2"}).status_code
        == 403
    )
    assert not WorkPlan.objects.exists()
    assert poa.axes.count() == 1
    assert AuditEvent.objects.count() == events
    assert "/manage/work-plans/new/" not in client.get("/workplan/").content.decode()


def test_anonymous_is_sent_to_log_in(client: Client, poa: PlanOfAction) -> None:
    for url in [*_urls(poa), "/manage/work-plans/new/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/")


def test_a_period_that_ends_before_it_starts_is_refused(
    secretariat_client: Client, net: Net, poa: PlanOfAction
) -> None:
    response = secretariat_client.post(
        "/manage/work-plans/new/", _work_plan_post(net, poa, period_end="2020"), headers=EN
    )
    assert response.status_code == 400
    assert "The last year cannot be before the first." in response.content.decode()
    assert not WorkPlan.objects.exists()


def test_a_stale_edit_of_a_work_plan_keeps_the_other_edit(
    secretariat_client: Client, net: Net, poa: PlanOfAction
) -> None:
    secretariat_client.post("/manage/work-plans/new/", _work_plan_post(net, poa))
    plan = WorkPlan.objects.get()
    url = f"/manage/work-plans/{plan.pk}/"
    opened = _state(secretariat_client.get(url))
    secretariat_client.post(
        url, _work_plan_post(net, poa, name_en="Work plan (first edit)", state=opened)
    )
    response = secretariat_client.post(
        url, _work_plan_post(net, poa, name_en="Work plan (stale)", state=opened), headers=EN
    )
    assert response.status_code == 400
    assert "Someone else changed this record after you opened it" in response.content.decode()
    plan.refresh_from_db()
    assert plan.name_en == "Work plan (first edit)"


def test_a_missing_record_is_404(secretariat_client: Client, db: None) -> None:
    for url in (
        "/manage/plans-of-action/999/",
        "/manage/plans-of-action/999/axes/new/",
        "/manage/plan-axes/999/",
        "/manage/plan-lines/999/",
        "/manage/work-plans/999/",
    ):
        assert secretariat_client.get(url).status_code == 404, url
