"""The drafting, review and adoption of the work plan: who may do what, frozen adopted versions,
copies that keep keys, adoption that supersedes, amendments, and edits that never overwrite
each other silently."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from enlace.accounts.models import User
from enlace.audit.models import AuditEvent
from enlace.conftest import Net
from enlace.core.services import EditConflict
from enlace.meetings.tests.factories import make_meeting, make_report
from enlace.network.models import Presidency
from enlace.workplan import services
from enlace.workplan.models import (
    Activity,
    Amendment,
    Indicator,
    Objective,
    PlanComment,
    WorkPlan,
    WorkPlanVersion,
)

Status = WorkPlanVersion.Status


@pytest.fixture
def empty_draft(work_plan: WorkPlan, secretariat: User) -> WorkPlanVersion:
    return services.version_create(user=secretariat, work_plan=work_plan)


def first_activity(version: WorkPlanVersion) -> Activity:
    activity = version.activities.order_by(
        "objective__axis__position", "objective__position", "position"
    ).first()
    assert activity is not None
    return activity


# --- versions ------------------------------------------------------------------------------------


def test_secretariat_creates_an_empty_draft_numbered_after_the_last(
    secretariat: User, draft_version: WorkPlanVersion
) -> None:
    version = services.version_create(
        user=secretariat, work_plan=draft_version.work_plan, note="Nueva"
    )

    assert (version.number, version.status, version.based_on) == (3, Status.DRAFT, None)
    assert version.axes.count() == 0
    event = AuditEvent.objects.get(action="workplanversion.create")
    assert (event.actor, event.object_id) == (secretariat, str(version.pk))


def test_ppt_officer_drafts_a_version(
    officer: User, ppt_honduras: Presidency, work_plan: WorkPlan
) -> None:
    version = services.version_create(user=officer, work_plan=work_plan)

    assert version.created_by == officer


@pytest.mark.parametrize("who", ["officer", "other_officer", "observer", "outsider"])
def test_who_does_not_preside_or_work_at_the_secretariat_cannot_draft(
    request: pytest.FixtureRequest, who: str, work_plan: WorkPlan
) -> None:
    user = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        services.version_create(user=user, work_plan=work_plan)

    assert not WorkPlanVersion.objects.exists()


def test_copy_keeps_keys_content_and_relations_but_not_the_archive(
    secretariat: User, adopted_version: WorkPlanVersion, net: Net
) -> None:
    live = adopted_version.activities.filter(archived_on__isnull=True)
    with_indicator = live.get(title_es__startswith="1.1.2")
    Indicator.objects.create(
        activity=with_indicator, name="Alertas intercambiadas", baseline="0", target="50"
    )
    with_indicator.responsible_organisations.add(net.rrocm)

    copy = services.version_create(
        user=secretariat, work_plan=adopted_version.work_plan, based_on=adopted_version
    )

    assert copy.based_on == adopted_version
    assert set(copy.axes.values_list("key", flat=True)) == set(
        adopted_version.axes.values_list("key", flat=True)
    )
    assert set(copy.objectives.values_list("key", flat=True)) == set(
        adopted_version.objectives.values_list("key", flat=True)
    )
    assert set(copy.activities.values_list("key", flat=True)) == set(
        live.values_list("key", flat=True)
    )
    assert copy.activities.count() == 12  # the 4 archived activities stay behind
    copied = copy.activities.get(key=with_indicator.key)
    assert copied.pk != with_indicator.pk
    assert copied.objective.version == copy
    assert copied.objective.key == with_indicator.objective.key
    assert copied.objective.axis.version == copy
    assert list(copied.responsible_countries.values_list("code", flat=True)) == ["MEX"]
    assert list(copied.responsible_organisations.all()) == [net.rrocm]
    assert list(copied.indicators.values_list("name", "baseline", "target")) == [
        ("Alertas intercambiadas", "0", "50")
    ]
    assert (copied.status, copied.progress, copied.end_date) == (
        with_indicator.status,
        with_indicator.progress,
        with_indicator.end_date,
    )
    shared = copy.activities.get(title_es__startswith="3.2.1")
    assert sorted(shared.responsible_countries.values_list("code", flat=True)) == ["HND", "MEX"]
    # The source is untouched.
    assert adopted_version.activities.count() == 16


def test_copy_from_another_plan_is_refused(
    secretariat: User, adopted_version: WorkPlanVersion, net: Net
) -> None:
    other = WorkPlan.objects.create(
        slug="otro",
        body=net.network,
        plan_of_action=adopted_version.work_plan.plan_of_action,
        period_start=2026,
        period_end=2030,
        name_es="Otro",
        name_en="Other",
        name_fr="Autre",
    )

    with pytest.raises(ValidationError):
        services.version_create(user=secretariat, work_plan=other, based_on=adopted_version)


def test_submit_for_review_only_a_draft(
    secretariat: User, officer: User, draft_version: WorkPlanVersion
) -> None:
    with pytest.raises(PermissionDenied):
        services.version_submit_for_review(user=officer, version=draft_version)

    services.version_submit_for_review(user=secretariat, version=draft_version)

    draft_version.refresh_from_db()
    assert draft_version.status == Status.REVIEW
    with pytest.raises(ValidationError):
        services.version_submit_for_review(user=secretariat, version=draft_version)


# --- axes, objectives, activities ------------------------------------------------------------


def test_drafting_a_tree_and_its_history(
    secretariat: User, empty_draft: WorkPlanVersion, net: Net
) -> None:
    axis = services.axis_create(
        user=secretariat, version=empty_draft, data={"title_es": "Protección"}
    )
    objective = services.objective_create(
        user=secretariat, axis=axis, data={"title_es": "Asistir", "weight": 2}
    )
    activity = services.activity_create(
        user=secretariat,
        objective=objective,
        data={
            "title_es": "Ruta de asistencia",
            "start_date": datetime.date(2025, 1, 1),
            "end_date": datetime.date(2025, 6, 30),
            "weight": 3,
            "partners": "OIM",
            "responsible_countries": [net.honduras, net.guatemala],
            "responsible_organisations": [net.secretariat_org],
            "indicators": [services.IndicatorRow("Instituciones", "0", "5")],
        },
    )

    assert activity.version == empty_draft
    assert sorted(activity.responsible_countries.values_list("code", flat=True)) == [
        "GTM",
        "HND",
    ]
    assert list(activity.indicators.values_list("name", "target")) == [("Instituciones", "5")]
    event = AuditEvent.objects.get(action="activity.create")
    assert event.after["responsible_countries"] == sorted([net.honduras.pk, net.guatemala.pk])
    assert event.after["indicators"] == [["Instituciones", "0", "5", ""]]

    services.activity_update(
        user=secretariat,
        activity=activity,
        data={"progress": 40, "responsible_countries": [net.mexico]},
        expected_state=services.item_state(activity),
    )

    update = AuditEvent.objects.get(action="activity.update")
    assert (update.before["progress"], update.after["progress"]) == (0, 40)
    assert update.after["responsible_countries"] == [net.mexico.pk]


def test_new_items_go_last_and_move(secretariat: User, empty_draft: WorkPlanVersion) -> None:
    first = services.axis_create(user=secretariat, version=empty_draft, data={"title_es": "A"})
    second = services.axis_create(user=secretariat, version=empty_draft, data={"title_es": "B"})
    assert (first.position, second.position) == (1, 2)

    services.item_move(user=secretariat, item=second, up=True)

    assert list(empty_draft.axes.order_by("position").values_list("title_es", flat=True)) == [
        "B",
        "A",
    ]
    assert AuditEvent.objects.filter(action="axis.reorder").count() == 1
    with pytest.raises(ValidationError):
        services.item_reorder(user=secretariat, item=first, order=[first.pk])


def test_an_activity_ends_after_it_starts(
    secretariat: User, draft_version: WorkPlanVersion
) -> None:
    activity = first_activity(draft_version)

    with pytest.raises(ValidationError) as raised:
        services.activity_update(
            user=secretariat,
            activity=activity,
            data={"start_date": datetime.date(2025, 5, 1), "end_date": datetime.date(2025, 1, 1)},
        )

    assert "end_date" in raised.value.message_dict


def test_an_item_stays_in_its_version(
    secretariat: User, draft_version: WorkPlanVersion, adopted_version: WorkPlanVersion
) -> None:
    activity = first_activity(draft_version)
    foreign = adopted_version.objectives.first()

    with pytest.raises(ValidationError):
        services.activity_update(user=secretariat, activity=activity, data={"objective": foreign})


def test_deleting_an_axis_takes_its_content_and_renumbers(
    secretariat: User, draft_version: WorkPlanVersion
) -> None:
    axes = list(draft_version.axes.order_by("position"))

    services.item_delete(user=secretariat, item=axes[0], expected_state=None)

    assert list(draft_version.axes.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
        3,
    ]
    assert draft_version.activities.count() == 12
    event = AuditEvent.objects.get(action="axis.delete")
    assert (event.before["objectives"], event.before["activities"]) == (2, 4)


@pytest.mark.parametrize("who", ["officer", "other_officer", "observer", "outsider"])
def test_only_drafters_edit(
    request: pytest.FixtureRequest, who: str, draft_version: WorkPlanVersion
) -> None:
    user = request.getfixturevalue(who)
    activity = first_activity(draft_version)

    with pytest.raises(PermissionDenied):
        services.activity_update(user=user, activity=activity, data={"progress": 99})
    with pytest.raises(PermissionDenied):
        services.axis_create(user=user, version=draft_version, data={"title_es": "X"})
    with pytest.raises(PermissionDenied):
        services.item_delete(user=user, item=activity)

    activity.refresh_from_db()
    assert activity.progress != 99


def test_ppt_officer_edits_a_version_in_review(
    officer: User, ppt_honduras: Presidency, draft_version: WorkPlanVersion
) -> None:
    draft_version.status = Status.REVIEW
    draft_version.save()
    activity = first_activity(draft_version)

    services.activity_update(user=officer, activity=activity, data={"partners": "UNODC"})

    activity.refresh_from_db()
    assert activity.partners == "UNODC"


def test_an_adopted_version_is_frozen(secretariat: User, adopted_version: WorkPlanVersion) -> None:
    activity = first_activity(adopted_version)
    axis = adopted_version.axes.first()
    assert axis is not None

    with pytest.raises(ValidationError) as raised:
        services.activity_update(user=secretariat, activity=activity, data={"title_es": "Otro"})
    assert raised.value.code == "frozen"
    with pytest.raises(ValidationError):
        services.axis_create(user=secretariat, version=adopted_version, data={"title_es": "X"})
    with pytest.raises(ValidationError):
        services.item_delete(user=secretariat, item=axis)
    with pytest.raises(ValidationError):
        services.item_move(user=secretariat, item=activity, up=False)

    activity.refresh_from_db()
    assert activity.title_es.startswith("1.1.1")
    assert adopted_version.axes.count() == 4


# --- conflicts -------------------------------------------------------------------------------


def test_second_editor_gets_a_conflict_not_an_overwrite(
    secretariat: User, officer: User, ppt_honduras: Presidency, draft_version: WorkPlanVersion
) -> None:
    activity = first_activity(draft_version)
    opened = services.item_state(activity)  # both open the form

    services.activity_update(
        user=secretariat, activity=activity, data={"partners": "OIM"}, expected_state=opened
    )
    with pytest.raises(EditConflict):
        services.activity_update(
            user=officer, activity=activity, data={"partners": "ACNUR"}, expected_state=opened
        )

    activity.refresh_from_db()
    assert activity.partners == "OIM"
    assert AuditEvent.objects.filter(action="activity.update").count() == 1


def test_a_change_of_responsible_countries_is_a_conflict_too(
    secretariat: User, draft_version: WorkPlanVersion, net: Net
) -> None:
    activity = first_activity(draft_version)
    opened = services.item_state(activity)
    activity.responsible_countries.add(net.guatemala)  # someone else's save

    with pytest.raises(EditConflict):
        services.activity_update(
            user=secretariat, activity=activity, data={"weight": 5}, expected_state=opened
        )


def test_moving_an_item_does_not_conflict_with_an_open_form(
    secretariat: User, draft_version: WorkPlanVersion
) -> None:
    activity = first_activity(draft_version)
    opened = services.item_state(activity)

    services.item_move(user=secretariat, item=activity, up=False)
    services.activity_update(
        user=secretariat, activity=activity, data={"weight": 5}, expected_state=opened
    )

    activity.refresh_from_db()
    assert activity.weight == 5


def test_a_delete_of_a_changed_item_is_refused(
    secretariat: User, draft_version: WorkPlanVersion
) -> None:
    objective = draft_version.objectives.first()
    assert objective is not None
    opened = services.item_state(objective)
    services.objective_update(user=secretariat, objective=objective, data={"weight": 7})

    with pytest.raises(EditConflict):
        services.item_delete(user=secretariat, item=objective, expected_state=opened)

    assert Objective.objects.filter(pk=objective.pk).exists()


# --- review ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "delegation"),
    [
        ("officer", "Honduras"),
        ("other_officer", "México"),
        ("observer", "RROCM"),
        ("secretariat", "ST"),
    ],
)
def test_the_network_comments_on_a_draft(
    request: pytest.FixtureRequest, who: str, delegation: str, draft_version: WorkPlanVersion
) -> None:
    user = request.getfixturevalue(who)
    activity = first_activity(draft_version)

    comment = services.plan_comment_add(
        user=user, version=draft_version, text="  Precisar la meta.  ", activity=activity
    )

    assert (comment.text, comment.delegation, comment.activity) == (
        "Precisar la meta.",
        delegation,
        activity,
    )
    assert AuditEvent.objects.filter(action="plancomment.create").count() == 1


def test_outsiders_do_not_comment_and_adopted_versions_take_no_comments(
    outsider: User, officer: User, draft_version: WorkPlanVersion, adopted_version: WorkPlanVersion
) -> None:
    with pytest.raises(PermissionDenied):
        services.plan_comment_add(user=outsider, version=draft_version, text="Hola")
    with pytest.raises(PermissionDenied):
        services.plan_comment_add(user=officer, version=adopted_version, text="Hola")
    with pytest.raises(ValidationError):
        services.plan_comment_add(user=officer, version=draft_version, text="   ")
    assert not PlanComment.objects.exists()


def test_a_comment_targets_an_item_of_its_version(
    officer: User, draft_version: WorkPlanVersion, adopted_version: WorkPlanVersion
) -> None:
    with pytest.raises(ValidationError):
        services.plan_comment_add(
            user=officer,
            version=draft_version,
            text="Hola",
            activity=first_activity(adopted_version),
        )


def test_officers_amend_in_their_countrys_name(
    officer: User, other_officer: User, draft_version: WorkPlanVersion, net: Net
) -> None:
    objective = draft_version.objectives.first()

    amendment = services.amendment_propose(
        user=other_officer, version=draft_version, text="Ampliar el plazo", objective=objective
    )

    assert (amendment.country, amendment.status) == (net.mexico, Amendment.Status.PENDING)
    with pytest.raises(PermissionDenied):
        services.amendment_propose(
            user=officer, version=draft_version, text="En nombre de México", country=net.mexico
        )


@pytest.mark.parametrize("who", ["observer", "secretariat", "outsider"])
def test_only_member_countries_amend(
    request: pytest.FixtureRequest, who: str, draft_version: WorkPlanVersion
) -> None:
    with pytest.raises(PermissionDenied):
        services.amendment_propose(
            user=request.getfixturevalue(who), version=draft_version, text="Cambio"
        )


def test_drafters_decide_with_a_reason(
    secretariat: User, officer: User, other_officer: User, draft_version: WorkPlanVersion
) -> None:
    amendment = services.amendment_propose(
        user=other_officer, version=draft_version, text="Agregar a Guatemala"
    )

    with pytest.raises(PermissionDenied):
        services.amendment_decide(user=officer, amendment=amendment, accept=True, reason="Sí")
    with pytest.raises(ValidationError):
        services.amendment_decide(user=secretariat, amendment=amendment, accept=True, reason=" ")

    decided = services.amendment_decide(
        user=secretariat, amendment=amendment, accept=False, reason="Fuera del alcance"
    )

    assert (decided.status, decided.reason, decided.decided_by) == (
        Amendment.Status.REJECTED,
        "Fuera del alcance",
        secretariat,
    )
    assert AuditEvent.objects.get(action="amendment.reject").before["status"] == "pending"
    with pytest.raises(ValidationError):
        services.amendment_decide(user=secretariat, amendment=amendment, accept=True, reason="Sí")


def test_ppt_accepts_an_amendment(
    officer: User,
    ppt_honduras: Presidency,
    other_officer: User,
    draft_version: WorkPlanVersion,
) -> None:
    amendment = services.amendment_propose(
        user=other_officer, version=draft_version, text="Agregar un indicador"
    )

    services.amendment_decide(user=officer, amendment=amendment, accept=True, reason="De acuerdo")

    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.ACCEPTED


# --- adoption ----------------------------------------------------------------------------------


@pytest.fixture
def tela(net: Net) -> dict[str, Any]:
    meeting = make_meeting(net, title="Reunión de Tela")
    report = make_report(meeting, points=[(0, "Primero."), (0, "Se adopta el Plan de Trabajo.")])
    other = make_report(make_meeting(net, title="Otra reunión"))
    return {
        "meeting": meeting,
        "point": report.points.get(position=2),
        "foreign_point": other.points.get(),
    }


def test_adoption_supersedes_the_version_in_force(
    secretariat: User,
    draft_version: WorkPlanVersion,
    adopted_version: WorkPlanVersion,
    tela: dict[str, Any],
) -> None:
    services.version_adopt(
        user=secretariat,
        version=draft_version,
        meeting=tela["meeting"],
        point=tela["point"],
        adopted_on=datetime.date(2024, 5, 6),
    )

    draft_version.refresh_from_db()
    adopted_version.refresh_from_db()
    assert draft_version.status == Status.ADOPTED
    assert (
        draft_version.adopted_by_meeting,
        draft_version.adopted_at_point,
        draft_version.adopted_on,
    ) == (tela["meeting"], tela["point"], datetime.date(2024, 5, 6))
    assert adopted_version.status == Status.SUPERSEDED
    in_force = WorkPlanVersion.objects.get(
        work_plan__plan_of_action=adopted_version.work_plan.plan_of_action, status=Status.ADOPTED
    )
    assert in_force == draft_version
    actions = list(
        AuditEvent.objects.filter(action__startswith="workplanversion.")
        .order_by("pk")
        .values_list("action", "object_id")
    )
    assert actions == [
        ("workplanversion.supersede", str(adopted_version.pk)),
        ("workplanversion.adopt", str(draft_version.pk)),
    ]
    # From now on it is frozen.
    with pytest.raises(ValidationError):
        services.axis_create(user=secretariat, version=draft_version, data={"title_es": "X"})


def test_the_point_belongs_to_a_report_of_the_adopting_meeting(
    secretariat: User, draft_version: WorkPlanVersion, tela: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError) as raised:
        services.version_adopt(
            user=secretariat,
            version=draft_version,
            meeting=tela["meeting"],
            point=tela["foreign_point"],
            adopted_on=datetime.date(2024, 5, 6),
        )

    assert "point" in raised.value.message_dict
    draft_version.refresh_from_db()
    assert draft_version.status == Status.DRAFT


@pytest.mark.parametrize("who", ["officer", "other_officer", "observer", "outsider"])
def test_only_the_secretariat_adopts(
    request: pytest.FixtureRequest,
    who: str,
    ppt_honduras: Presidency,
    draft_version: WorkPlanVersion,
    tela: dict[str, Any],
) -> None:
    with pytest.raises(PermissionDenied):
        services.version_adopt(
            user=request.getfixturevalue(who),
            version=draft_version,
            meeting=tela["meeting"],
            point=tela["point"],
            adopted_on=datetime.date(2024, 5, 6),
        )


def test_an_adopted_version_is_not_adopted_again(
    secretariat: User, adopted_version: WorkPlanVersion, tela: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError):
        services.version_adopt(
            user=secretariat,
            version=adopted_version,
            meeting=tela["meeting"],
            point=tela["point"],
            adopted_on=datetime.date(2024, 5, 6),
        )
