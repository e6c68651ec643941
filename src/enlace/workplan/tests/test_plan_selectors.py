"""Reads of the work plan: which plans and versions a user sees, a version's tree with its
computed progress in a fixed number of queries, two versions compared by key, and what a
conflict shows."""

import datetime
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import translation

from enlace.access import actor_for
from enlace.accounts.models import User
from enlace.conftest import Net
from enlace.workplan import selectors, services
from enlace.workplan.models import Activity, Indicator, WorkPlan, WorkPlanVersion

Status = WorkPlanVersion.Status


def activity_of(version: WorkPlanVersion, code: str) -> Activity:
    return version.activities.get(title_es__startswith=code)


# --- plans and versions ------------------------------------------------------------------------


def test_public_sees_plans_with_an_adopted_version_only(
    work_plan: WorkPlan, officer: User, outsider: User, secretariat: User
) -> None:
    services.version_create(user=secretariat, work_plan=work_plan)  # a draft only

    assert list(selectors.plans_visible_to(AnonymousUser())) == []
    assert list(selectors.plans_visible_to(outsider)) == []
    assert list(selectors.plans_visible_to(officer)) == [work_plan]


def test_versions_of_a_plan_newest_first_and_drafts_for_the_network(
    draft_version: WorkPlanVersion, adopted_version: WorkPlanVersion, observer: User
) -> None:
    plan = adopted_version.work_plan

    assert list(selectors.versions_of(observer, plan)) == [draft_version, adopted_version]
    assert list(selectors.versions_of(AnonymousUser(), plan)) == [adopted_version]


def test_a_draft_is_missing_for_the_public(draft_version: WorkPlanVersion) -> None:
    with pytest.raises(Http404):
        selectors.version_tree(AnonymousUser(), draft_version.pk)


def test_overview_gives_the_version_in_force_and_its_progress(
    adopted_version: WorkPlanVersion, draft_version: WorkPlanVersion, officer: User
) -> None:
    (overview,) = selectors.plan_overview(officer)

    assert overview.in_force == adopted_version
    assert [v.number for v in overview.versions] == [2, 1]
    assert overview.progress == selectors.version_tree(officer, adopted_version.pk).progress
    assert [a.name for a in overview.plan.plan_of_action.axes.all()] == [
        "Migration policy and management",
        "Human rights",
        "Migration and development",
    ]


# --- the tree ------------------------------------------------------------------------------------


def test_tree_labels_and_weighted_progress(adopted_version: WorkPlanVersion, officer: User) -> None:
    tree = selectors.version_tree(officer, adopted_version.pk)

    assert [a.label for a in tree.axes] == ["1", "2", "3", "4"]
    first = tree.axes[0].objectives[0]
    assert first.label == "1.1"
    assert [n.label for n in first.activities] == ["1.1.1", "1.1.2"]
    # 1.1.1 completed (weight 2) and 1.1.2 at 50 % (weight 1).
    assert first.progress == round((2 * 100 + 1 * 50) / 3, 1)
    # 2.2.1 is cancelled: it does not count; 2.2.2 is planned.
    assert tree.axes[1].objectives[1].progress == 0
    # The plan: objectives weighted (1.1 weighs 2).
    objectives = [o for a in tree.axes for o in a.objectives]
    weights = [o.objective.weight for o in objectives]
    expected = sum(w * (o.progress or 0) for w, o in zip(weights, objectives, strict=True)) / sum(
        weights
    )
    assert tree.progress == round(expected, 1)
    assert tree.activity_count == 16


def test_all_cancelled_means_no_progress(draft_version: WorkPlanVersion, secretariat: User) -> None:
    objective = draft_version.objectives.get(title_es__startswith="Armonizar")
    objective.activities.update(status=Activity.Status.CANCELLED)

    tree = selectors.version_tree(secretariat, draft_version.pk)

    node = next(o for o in tree.objectives() if o.objective == objective)
    assert node.progress is None


def test_public_tree_hides_unpublished_archived_activities_but_keeps_labels(
    adopted_version: WorkPlanVersion, officer: User
) -> None:
    public = selectors.version_tree(AnonymousUser(), adopted_version.pk)
    network = selectors.version_tree(officer, adopted_version.pk)

    public_objective = public.axes[1].objectives[0]
    assert [n.label for n in public_objective.activities] == ["2.1.2"]
    assert [n.label for n in network.axes[1].objectives[0].activities] == ["2.1.1", "2.1.2"]
    assert public_objective.progress == network.axes[1].objectives[0].progress
    assert public.progress == network.progress


def test_tree_queries_are_fixed_and_relations_prefetched(
    adopted_version: WorkPlanVersion,
    secretariat: User,
    net: Net,
    django_assert_num_queries: object,
) -> None:
    shared = activity_of(adopted_version, "3.2.1")
    shared.responsible_organisations.set([net.rrocm])
    Indicator.objects.create(activity=shared, name="Lineamientos", target="1")
    actor_for(secretariat)  # the actor is cached per request
    with django_assert_num_queries(7):  # type: ignore[operator]
        tree = selectors.version_tree(secretariat, adopted_version.pk)
        codes = [
            [c.code for c in selectors.responsible_countries_of(node.activity)]
            for node in tree.activities()
        ]
        organisations = [
            selectors.responsible_organisations_of(node.activity) for node in tree.activities()
        ]
        indicators = [selectors.indicators_of(node.activity) for node in tree.activities()]
        _ = [axis.axis.plan_line for axis in tree.axes]

    assert ["HND", "MEX"] in codes
    assert [o for found in organisations for o in found] == [net.rrocm]
    assert [i.name for found in indicators for i in found] == ["Lineamientos"]
    assert len(indicators) == 16


def test_review_holds_comments_and_amendments_where_they_were_made(
    draft_version: WorkPlanVersion, officer: User, observer: User, outsider: User
) -> None:
    activity = activity_of(draft_version, "1.2.1")
    services.plan_comment_add(user=observer, version=draft_version, text="A", activity=activity)
    services.plan_comment_add(user=observer, version=draft_version, text="General")
    services.amendment_propose(
        user=officer, version=draft_version, text="B", objective=activity.objective
    )

    tree = selectors.version_review(officer, draft_version.pk)

    node = next(n for n in tree.activities() if n.activity == activity)
    assert [c.text for c in node.comments] == ["A"]
    objective = next(o for o in tree.objectives() if o.objective == activity.objective)
    assert [m.text for m in objective.amendments] == ["B"]
    assert [c.text for c in tree.comments] == ["General"]
    assert (tree.review.comments, tree.review.pending) == (2, 1)
    with pytest.raises(Http404):
        selectors.version_review(outsider, draft_version.pk)


# --- compare -------------------------------------------------------------------------------------


def test_compare_by_key_field_by_field(
    adopted_version: WorkPlanVersion,
    draft_version: WorkPlanVersion,
    secretariat: User,
    net: Net,
) -> None:
    changed = activity_of(draft_version, "1.2.2")
    services.activity_update(
        user=secretariat,
        activity=changed,
        data={
            "title_es": "Curso virtual de investigación",
            "end_date": datetime.date(2030, 1, 31),
            "weight": 4,
            "status": Activity.Status.IN_PROGRESS,
            "responsible_countries": [net.mexico, net.guatemala],
        },
    )
    moved = activity_of(draft_version, "4.1.1")
    target = draft_version.objectives.get(title_es__startswith="Asistir")
    services.activity_update(user=secretariat, activity=moved, data={"objective": target})
    activity_of(draft_version, "3.2.2").delete()
    added = services.activity_create(
        user=secretariat, objective=target, data={"title_es": "Nueva actividad"}
    )

    comparison = selectors.version_compare(secretariat, adopted_version.pk, draft_version.pk)

    rows = {(r.level, r.item.key): r for r in comparison.rows}
    row = rows[("activity", changed.key)]
    assert row.kind == "changed"
    assert {c.label: (c.before, c.after) for c in row.changes} == {
        "Title (Spanish)": (
            "1.2.2 Curso de investigación en línea",
            "Curso virtual de investigación",
        ),
        "End (deadline)": (
            activity_of(adopted_version, "1.2.2").end_date.isoformat(),
            "2030-01-31",
        ),
        "Weight": ("1", "4"),
        "Status": ("Planned", "In progress"),
        "Responsible countries": ("Mexico", "Guatemala, Mexico"),
    }
    assert rows[("activity", added.key)].kind == "added"
    assert rows[("activity", activity_of(adopted_version, "3.2.2").key)].kind == "removed"
    move = rows[("activity", moved.key)]
    assert [c.label for c in move.changes] == ["Objective"]
    assert move.changes[0].after.endswith("Assist migrants")
    assert comparison.counts == {
        "added": 1,
        "removed": 1,
        "changed": 2,
        "same": len(comparison.rows) - 4,
    }
    # The moved activity is shown under its new objective.
    levels = [(r.level, r.item.key) for r in comparison.rows]
    assert levels.index(("activity", moved.key)) > levels.index(("objective", target.key))


def test_compare_unchanged_copy_is_all_same(
    adopted_version: WorkPlanVersion, secretariat: User
) -> None:
    copy = services.version_create(
        user=secretariat, work_plan=adopted_version.work_plan, based_on=adopted_version
    )

    comparison = selectors.version_compare(secretariat, adopted_version.pk, copy.pk)

    assert comparison.count("changed") == 0
    assert comparison.count("added") == 0
    # The archived activities stayed in the archive of version 1.
    assert comparison.count("removed", "activity") == 4


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Titles and labels in English (the default UI language is Spanish)."""
    with translation.override("en"):
        yield


# --- conflicts -----------------------------------------------------------------------------------


def test_conflict_rows_show_the_other_change_readably(
    draft_version: WorkPlanVersion, secretariat: User, net: Net
) -> None:
    activity = activity_of(draft_version, "1.1.2")
    opened = services.item_snapshot(activity)
    services.activity_update(
        user=secretariat,
        activity=activity,
        data={"status": "postponed", "responsible_countries": [net.guatemala]},
    )
    activity.refresh_from_db()

    rows = selectors.conflict_rows(Activity, opened, services.item_snapshot(activity))

    assert {r.label: (r.opened, r.saved) for r in rows} == {
        "Status": ("In progress", "Postponed"),
        "Responsible countries": ("Mexico", "Guatemala"),
    }
