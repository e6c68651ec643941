"""Writes of the drafting, review and adoption of the work plan.

Versions are created empty or copied from another version (keys kept, so versions compare),
their axes, objectives and activities are drafted while the version is a draft or in review,
delegations comment and member countries propose amendments that the drafters decide, and the
secretariat records the adoption by a meeting at a point of its report. Every write checks its
rule (enlace.access), runs in one transaction and is audited. Edit forms carry a fingerprint of
what they opened (``item_state``): a later save by someone else is refused (``EditConflict``)
instead of being overwritten.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace import access
from enlace.audit.services import audit_record, model_save, snapshot
from enlace.commitments.models import Commitment
from enlace.core.services import refuse_stale, require, snapshot_token
from enlace.meetings.models import Meeting
from enlace.network.models import Country, Membership, Organisation, Post
from enlace.reports.models import ReportPoint
from enlace.workplan.models import (
    Activity,
    Amendment,
    Axis,
    Indicator,
    Objective,
    PlanAxis,
    PlanComment,
    PlanLine,
    PlanOfAction,
    WorkPlan,
    WorkPlanVersion,
)

TEXT_MAX_CHARS = 5000

AXIS_FIELDS = ("title_es", "title_en", "plan_line")
OBJECTIVE_FIELDS = (
    "title_es",
    "title_en",
    "description_es",
    "description_en",
    "axis",
    "weight",
)
ACTIVITY_FIELDS = (
    "title_es",
    "title_en",
    "description_es",
    "description_en",
    "objective",
    "partners",
    "start_date",
    "end_date",
    "weight",
    "status",
    "progress",
)
# Not part of an edit's fingerprint: moving an item up or down, or saving it (updated_at), is no
# change of its content and must not turn every open edit form into a conflict.
UNFINGERPRINTED = {"position", "updated_at"}

EditableItem = Axis | Objective | Activity


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    baseline: str = ""
    target: str = ""
    current: str = ""


# --- fingerprints ------------------------------------------------------------------------------


def item_snapshot(item: models.Model) -> dict[str, Any]:
    """An axis, objective or activity as the audit log and the edit forms see it: its fields,
    and for an activity its responsible countries and organisations and its indicators."""
    data = snapshot(item) or {}
    if isinstance(item, Activity) and item.pk is not None:
        data["responsible_countries"] = sorted(
            item.responsible_countries.values_list("pk", flat=True)
        )
        data["responsible_organisations"] = sorted(
            item.responsible_organisations.values_list("pk", flat=True)
        )
        data["indicators"] = [
            [i.name, i.baseline, i.target, i.current] for i in item.indicators.order_by("pk")
        ]
    return data


def state_of_snapshot(data: Mapping[str, Any]) -> str:
    return snapshot_token({k: v for k, v in data.items() if k not in UNFINGERPRINTED})


def item_state(item: models.Model) -> str:
    """The fingerprint an edit form carries of the item it opened."""
    return state_of_snapshot(item_snapshot(item))


# --- helpers -----------------------------------------------------------------------------------


def _actor(user: access.Who) -> access.Actor:
    return access.actor_for(user)


def _lock_version(version_id: int) -> WorkPlanVersion:
    return (
        WorkPlanVersion.objects.select_for_update().select_related("work_plan").get(pk=version_id)
    )


def _editable_version(user: access.Who, version_id: int) -> WorkPlanVersion:
    """The version, locked, if the user drafts and it is not frozen."""
    require(access.can_draft_workplan(_actor(user)))
    version = _lock_version(version_id)
    if version.is_frozen:
        raise ValidationError(
            _(
                "An adopted version is never edited in place: create a new version from it "
                "and edit that one."
            ),
            code="frozen",
        )
    return version


def _clean_text(text: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > TEXT_MAX_CHARS:
        raise ValidationError({field: _("Write at most %(n)s characters.") % {"n": TEXT_MAX_CHARS}})
    return text


def _apply(item: models.Model, data: Mapping[str, Any], allowed: Sequence[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError(
            {name: _("This field cannot be set here.") for name in sorted(unknown)}
        )
    for name, value in data.items():
        setattr(item, name, value)


def _next_position(queryset: models.QuerySet[Any]) -> int:
    last = queryset.aggregate(last=Max("position"))["last"]
    return int(last or 0) + 1


def _renumber(items: Sequence[models.Model]) -> None:
    for position, item in enumerate(items, start=1):
        item.position = position  # type: ignore[attr-defined]
    if items:
        type(items[0])._default_manager.bulk_update(items, ["position"])


def _check_state(item: models.Model, expected_state: str | None) -> None:
    refuse_stale(
        item,
        expected_state,
        token=item_state,
        message=_(
            "Someone else changed this item after you opened it. Nothing was saved: their "
            "change is shown here; check it, and save again to keep yours."
        ),
    )


# --- versions ----------------------------------------------------------------------------------


@transaction.atomic
def version_create(
    *,
    user: access.Who,
    work_plan: WorkPlan,
    based_on: WorkPlanVersion | None = None,
    note: str = "",
) -> WorkPlanVersion:
    """A new draft version of a work plan: empty, or a copy of another version of the same plan
    (axes, objectives, activities with their keys, responsible countries and organisations,
    indicators). Archived activities stay with the version they were archived from."""
    require(access.can_draft_workplan(_actor(user)))
    plan = WorkPlan.objects.select_for_update().get(pk=work_plan.pk)
    if based_on is not None and based_on.work_plan_id != plan.pk:
        raise ValidationError(
            {"based_on": _("A version is copied from a version of the same work plan.")}
        )
    number = _next_number(plan)
    version = WorkPlanVersion(
        work_plan=plan,
        number=number,
        status=WorkPlanVersion.Status.DRAFT,
        based_on=based_on,
        note=(note or "").strip(),
        created_by=access.account_of(user),
    )
    version.full_clean()
    version.save()
    counts = _copy_content(based_on, version) if based_on is not None else {}
    audit_record(
        actor=user,
        action="workplanversion.create",
        instance=version,
        after={**(snapshot(version) or {}), **counts},
    )
    return version


def _next_number(plan: WorkPlan) -> int:
    last = plan.versions.aggregate(last=Max("number"))["last"]
    return int(last or 0) + 1


def _copy_content(source: WorkPlanVersion, target: WorkPlanVersion) -> dict[str, int]:
    """Copy a version's content into an empty one with a constant number of queries."""
    axes = list(source.axes.order_by("position", "pk"))
    new_axes = Axis.objects.bulk_create(
        Axis(
            version=target,
            key=a.key,
            position=a.position,
            title_es=a.title_es,
            title_en=a.title_en,
            plan_line_id=a.plan_line_id,
        )
        for a in axes
    )
    axis_map = {old.pk: new.pk for old, new in zip(axes, new_axes, strict=True)}
    objectives = list(source.objectives.order_by("axis__position", "position", "pk"))
    new_objectives = Objective.objects.bulk_create(
        Objective(
            version=target,
            axis_id=axis_map[o.axis_id],
            key=o.key,
            position=o.position,
            weight=o.weight,
            title_es=o.title_es,
            title_en=o.title_en,
            description_es=o.description_es,
            description_en=o.description_en,
        )
        for o in objectives
    )
    objective_map = {old.pk: new.pk for old, new in zip(objectives, new_objectives, strict=True)}
    live = Activity.objects.filter(version=source, archived_on__isnull=True)
    activities = list(live.order_by("pk"))
    new_activities = Activity.objects.bulk_create(
        (
            Activity(
                version=target,
                objective_id=objective_map[a.objective_id],
                key=a.key,
                position=a.position,
                title_es=a.title_es,
                title_en=a.title_en,
                description_es=a.description_es,
                description_en=a.description_en,
                partners=a.partners,
                start_date=a.start_date,
                end_date=a.end_date,
                weight=a.weight,
                status=a.status,
                progress=a.progress,
                source_point_id=a.source_point_id,
                source_commitment_id=a.source_commitment_id,
                completed_on=a.completed_on,
                results=a.results,
                cancel_reason=a.cancel_reason,
            )
            for a in activities
        ),
        batch_size=500,
    )
    activity_map = {old.pk: new.pk for old, new in zip(activities, new_activities, strict=True)}
    countries = Activity.responsible_countries.through
    countries.objects.bulk_create(
        (
            countries(activity_id=activity_map[a], country_id=c)
            for a, c in countries.objects.filter(activity__in=live).values_list(
                "activity_id", "country_id"
            )
        ),
        batch_size=1000,
    )
    organisations = Activity.responsible_organisations.through
    organisations.objects.bulk_create(
        (
            organisations(activity_id=activity_map[a], organisation_id=o)
            for a, o in organisations.objects.filter(activity__in=live).values_list(
                "activity_id", "organisation_id"
            )
        ),
        batch_size=1000,
    )
    Indicator.objects.bulk_create(
        (
            Indicator(
                activity_id=activity_map[i.activity_id],
                name=i.name,
                baseline=i.baseline,
                target=i.target,
                current=i.current,
            )
            for i in Indicator.objects.filter(activity__in=live).order_by("pk")
        ),
        batch_size=1000,
    )
    return {
        "copied_from": source.pk,
        "axes": len(new_axes),
        "objectives": len(new_objectives),
        "activities": len(new_activities),
    }


def _set_version_status(
    user: access.Who, version: WorkPlanVersion, action: str, **changes: Any
) -> WorkPlanVersion:
    before = snapshot(version)
    for name, value in changes.items():
        setattr(version, name, value)
    version.full_clean()
    version.save()
    audit_record(
        actor=user, action=action, instance=version, before=before, after=snapshot(version)
    )
    return version


@transaction.atomic
def version_submit_for_review(*, user: access.Who, version: WorkPlanVersion) -> WorkPlanVersion:
    """The drafters circulate a draft to the network for review."""
    require(access.can_draft_workplan(_actor(user)))
    locked = _lock_version(version.pk)
    if locked.status != WorkPlanVersion.Status.DRAFT:
        raise ValidationError(_("Only a draft is sent for review."), code="status")
    return _set_version_status(
        user, locked, "workplanversion.review", status=WorkPlanVersion.Status.REVIEW
    )


@transaction.atomic
def version_adopt(
    *,
    user: access.Who,
    version: WorkPlanVersion,
    meeting: Meeting | None,
    point: ReportPoint | None,
    adopted_on: datetime.date | None,
) -> WorkPlanVersion:
    """A meeting adopts a version at a point of its report. The version becomes the annex in
    force of its Plan of Action; the one in force until then is superseded."""
    require(access.can_adopt_workplan(_actor(user)))
    locked = _lock_version(version.pk)
    if locked.status not in (WorkPlanVersion.Status.DRAFT, WorkPlanVersion.Status.REVIEW):
        raise ValidationError(
            _("This version was already adopted: an update is a new version."), code="status"
        )
    errors: dict[str, str] = {}
    if meeting is None:
        errors["meeting"] = _("This field is required.")
    if point is None:
        errors["point"] = _("This field is required.")
    elif meeting is not None and point.report.meeting_id != meeting.pk:
        errors["point"] = _("The point must belong to a report of the adopting meeting.")
    if adopted_on is None:
        errors["adopted_on"] = _("This field is required.")
    if errors:
        raise ValidationError(errors)
    previous = (
        WorkPlanVersion.objects.select_for_update()
        .filter(work_plan_id=locked.work_plan_id, status=WorkPlanVersion.Status.ADOPTED)
        .first()
    )
    if previous is not None:
        _set_version_status(
            user,
            previous,
            "workplanversion.supersede",
            status=WorkPlanVersion.Status.SUPERSEDED,
        )
    return _set_version_status(
        user,
        locked,
        "workplanversion.adopt",
        status=WorkPlanVersion.Status.ADOPTED,
        adopted_on=adopted_on,
        adopted_by_meeting=meeting,
        adopted_at_point=point,
    )


# --- axes, objectives, activities ---------------------------------------------------------------


def _save_item(
    user: access.Who,
    item: models.Model,
    before: dict[str, Any] | None,
    extra: Mapping[str, Any] | None = None,
) -> None:
    item.full_clean()
    item.save()
    if isinstance(item, Activity) and extra:
        _apply_activity_relations(item, extra)
    audit_record(
        actor=user,
        action=f"{item._meta.model_name}.{'update' if before else 'create'}",
        instance=item,
        before=before,
        after=item_snapshot(item),
    )


@transaction.atomic
def axis_create(*, user: access.Who, version: WorkPlanVersion, data: Mapping[str, Any]) -> Axis:
    locked = _editable_version(user, version.pk)
    axis = Axis(version=locked, position=_next_position(locked.axes.all()))
    _apply(axis, data, AXIS_FIELDS)
    _save_item(user, axis, None)
    return axis


@transaction.atomic
def axis_update(
    *, user: access.Who, axis: Axis, data: Mapping[str, Any], expected_state: str | None = None
) -> Axis:
    _editable_version(user, axis.version_id)
    locked = Axis.objects.select_for_update().get(pk=axis.pk)
    _check_state(locked, expected_state)
    before = item_snapshot(locked)
    _apply(locked, data, AXIS_FIELDS)
    _save_item(user, locked, before)
    return locked


@transaction.atomic
def objective_create(*, user: access.Who, axis: Axis, data: Mapping[str, Any]) -> Objective:
    locked = _editable_version(user, axis.version_id)
    objective = Objective(version=locked, axis=axis)
    _apply(objective, data, OBJECTIVE_FIELDS)
    _same_version(objective.axis, locked, "axis")
    objective.position = _next_position(Objective.objects.filter(axis_id=objective.axis_id))
    _save_item(user, objective, None)
    return objective


@transaction.atomic
def objective_update(
    *,
    user: access.Who,
    objective: Objective,
    data: Mapping[str, Any],
    expected_state: str | None = None,
) -> Objective:
    version = _editable_version(user, objective.version_id)
    locked = Objective.objects.select_for_update().get(pk=objective.pk)
    _check_state(locked, expected_state)
    before = item_snapshot(locked)
    old_axis = locked.axis_id
    _apply(locked, data, OBJECTIVE_FIELDS)
    _same_version(locked.axis, version, "axis")
    if locked.axis_id != old_axis:
        locked.position = _next_position(Objective.objects.filter(axis_id=locked.axis_id))
    _save_item(user, locked, before)
    return locked


def _same_version(parent: Axis | Objective, version: WorkPlanVersion, field: str) -> None:
    if parent.version_id != version.pk:
        raise ValidationError({field: _("Choose an item of the same version.")})


ACTIVITY_RELATIONS = ("responsible_countries", "responsible_organisations", "indicators")


def _split_activity_data(
    data: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, Any]]:
    fields = {k: v for k, v in data.items() if k not in ACTIVITY_RELATIONS}
    relations = {k: v for k, v in data.items() if k in ACTIVITY_RELATIONS}
    return fields, relations


def _validate_activity(activity: Activity, version: WorkPlanVersion) -> None:
    _same_version(activity.objective, version, "objective")
    if activity.start_date and activity.end_date and activity.end_date < activity.start_date:
        raise ValidationError({"end_date": _("The end cannot be before the start.")})


def _apply_activity_relations(activity: Activity, relations: Mapping[str, Any]) -> None:
    if "responsible_countries" in relations:
        countries: Iterable[Country] = relations["responsible_countries"] or []
        activity.responsible_countries.set(list(countries))
    if "responsible_organisations" in relations:
        organisations: Iterable[Organisation] = relations["responsible_organisations"] or []
        activity.responsible_organisations.set(list(organisations))
    if "indicators" in relations:
        rows: Iterable[IndicatorRow] = relations["indicators"] or []
        activity.indicators.all().delete()
        indicators = [
            Indicator(
                activity=activity,
                name=row.name.strip(),
                baseline=row.baseline.strip(),
                target=row.target.strip(),
                current=row.current.strip(),
            )
            for row in rows
            if row.name.strip()
        ]
        for indicator in indicators:
            try:
                indicator.full_clean()
            except ValidationError as exc:
                raise ValidationError({"indicators": exc.messages}) from exc
        Indicator.objects.bulk_create(indicators)


def _check_indicators(relations: Mapping[str, Any]) -> None:
    for row in relations.get("indicators") or []:
        if not row.name.strip() and (row.baseline.strip() or row.target.strip()):
            raise ValidationError({"indicators": _("Every indicator needs a name.")})


@transaction.atomic
def activity_create(*, user: access.Who, objective: Objective, data: Mapping[str, Any]) -> Activity:
    """An activity of an objective. ``data`` holds its fields and may hold
    ``responsible_countries``, ``responsible_organisations`` and ``indicators``
    (``IndicatorRow``s)."""
    locked = _editable_version(user, objective.version_id)
    fields, relations = _split_activity_data(data)
    activity = Activity(version=locked, objective=objective)
    _apply(activity, fields, ACTIVITY_FIELDS)
    _validate_activity(activity, locked)
    _check_indicators(relations)
    activity.position = _next_position(Activity.objects.filter(objective_id=activity.objective_id))
    _save_item(user, activity, None, relations)
    return activity


@transaction.atomic
def activity_update(
    *,
    user: access.Who,
    activity: Activity,
    data: Mapping[str, Any],
    expected_state: str | None = None,
) -> Activity:
    version = _editable_version(user, activity.version_id)
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    _check_state(locked, expected_state)
    before = item_snapshot(locked)
    fields, relations = _split_activity_data(data)
    old_objective = locked.objective_id
    _apply(locked, fields, ACTIVITY_FIELDS)
    _validate_activity(locked, version)
    _check_indicators(relations)
    if locked.objective_id != old_objective:
        locked.position = _next_position(Activity.objects.filter(objective_id=locked.objective_id))
    _save_item(user, locked, before, relations)
    return locked


@transaction.atomic
def item_delete(*, user: access.Who, item: EditableItem, expected_state: str | None = None) -> None:
    """Delete an axis (with its objectives and activities), an objective (with its activities)
    or an activity of an editable version; its siblings are renumbered."""
    _editable_version(user, item.version_id)
    model = type(item)
    locked = model.objects.select_for_update().get(pk=item.pk)
    _check_state(locked, expected_state)
    before = item_snapshot(locked)
    if isinstance(locked, Axis):
        before["objectives"] = locked.objectives.count()
        before["activities"] = Activity.objects.filter(objective__axis=locked).count()
    elif isinstance(locked, Objective):
        before["activities"] = locked.activities.count()
    audit_record(
        actor=user,
        action=f"{model._meta.model_name}.delete",
        instance=locked,
        before=before,
    )
    siblings = _siblings(locked).exclude(pk=locked.pk)
    locked.delete()
    _renumber(list(siblings))


def _siblings(item: EditableItem) -> models.QuerySet[Any]:
    if isinstance(item, Axis):
        return Axis.objects.filter(version_id=item.version_id).order_by("position", "pk")
    if isinstance(item, Objective):
        return Objective.objects.filter(axis_id=item.axis_id).order_by("position", "pk")
    return Activity.objects.filter(objective_id=item.objective_id).order_by("position", "pk")


@transaction.atomic
def item_reorder(*, user: access.Who, item: EditableItem, order: Sequence[int]) -> None:
    """Put an item's siblings (the axes of its version, the objectives of its axis, the
    activities of its objective) in the order of ``order``, which lists all of them by id."""
    _editable_version(user, item.version_id)
    siblings = list(_siblings(item).select_for_update())
    by_pk = {s.pk: s for s in siblings}
    if sorted(order) != sorted(by_pk) or len(set(order)) != len(order):
        raise ValidationError(
            _("The list changed meanwhile: reload the page and try again."), code="conflict"
        )
    before = [s.pk for s in siblings]
    _renumber([by_pk[pk] for pk in order])
    audit_record(
        actor=user,
        action=f"{item._meta.model_name}.reorder",
        instance=item,
        before={"order": before},
        after={"order": list(order)},
    )


def item_move(*, user: access.Who, item: EditableItem, up: bool) -> None:
    """Move an item one place up or down among its siblings."""
    order = list(_siblings(item).values_list("pk", flat=True))
    index = order.index(item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
        item_reorder(user=user, item=item, order=order)


# --- the review: comments and amendments ---------------------------------------------------------


def _delegation_label(user: access.Who, actor: access.Actor) -> tuple[str, Country | None]:
    """The delegation a person speaks for: the secretariat, their country or their
    organisation."""
    posts = [
        m.post
        for m in Membership.objects.current()
        .filter(person__user=access.account(user))
        .select_related("post__country", "post__organisation")
        .order_by("pk")
    ]
    if actor.is_secretariat:
        candidates = [p for p in posts if p.role == Post.Role.SECRETARIAT]
    elif actor.is_officer:
        candidates = [p for p in posts if p.country_id in actor.officer_country_ids]
    else:
        candidates = posts
    post = candidates[0] if candidates else None
    if post is None:
        return "", None
    if post.organisation is not None:
        return post.organisation.acronym or post.organisation.name_es, None
    if post.country is not None:
        return post.country.name_es, post.country
    return "", None


def _check_target(
    version: WorkPlanVersion, objective: Objective | None, activity: Activity | None
) -> None:
    if objective is not None and activity is not None:
        raise ValidationError(_("Choose an objective or an activity, not both."))
    target = objective or activity
    if target is not None and target.version_id != version.pk:
        raise ValidationError(_("Choose an item of the same version."))


@transaction.atomic
def plan_comment_add(
    *,
    user: access.Who,
    version: WorkPlanVersion,
    text: str,
    objective: Objective | None = None,
    activity: Activity | None = None,
) -> PlanComment:
    """A delegation's comment on a version under review (or draft), on one of its objectives or
    activities, or on the whole version."""
    actor = _actor(user)
    locked = _lock_version(version.pk)
    require(access.can_comment_on_workplan(actor, locked.status))
    _check_target(locked, objective, activity)
    delegation, _country = _delegation_label(user, actor)
    comment = PlanComment(
        version=locked,
        objective=objective,
        activity=activity,
        author=access.account_of(user),
        delegation=delegation,
        text=_clean_text(text, "text"),
    )
    comment.full_clean()
    comment.save()
    audit_record(actor=user, action="plancomment.create", instance=comment, after=snapshot(comment))
    return comment


@transaction.atomic
def amendment_propose(
    *,
    user: access.Who,
    version: WorkPlanVersion,
    text: str,
    objective: Objective | None = None,
    activity: Activity | None = None,
    country: Country | None = None,
) -> Amendment:
    """A member country's officer proposes a change, in the name of their country."""
    actor = _actor(user)
    locked = _lock_version(version.pk)
    require(access.can_amend_workplan(actor, locked.status))
    _check_target(locked, objective, activity)
    if country is None:
        own = access.own_country_ids(actor)
        if len(own) != 1:
            raise ValidationError({"country": _("Choose the country you propose it for.")})
        country = Country.objects.get(pk=next(iter(own)))
    elif not access.can_act_for_country(actor, country.pk):
        raise PermissionDenied
    amendment = Amendment(
        version=locked,
        objective=objective,
        activity=activity,
        country=country,
        proposed_by=access.account_of(user),
        text=_clean_text(text, "text"),
    )
    amendment.full_clean()
    amendment.save()
    audit_record(
        actor=user, action="amendment.create", instance=amendment, after=snapshot(amendment)
    )
    return amendment


@transaction.atomic
def amendment_decide(
    *, user: access.Who, amendment: Amendment, accept: bool, reason: str
) -> Amendment:
    """The drafters accept or reject a pending amendment, always with a reason. Accepting it
    records the decision; the drafters then change the item itself."""
    require(access.can_decide_amendment(_actor(user)))
    version = _lock_version(amendment.version_id)
    if version.is_frozen:
        raise ValidationError(
            _("The review of this version is closed: it was adopted."), code="frozen"
        )
    locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if locked.status != Amendment.Status.PENDING:
        raise ValidationError(_("This amendment was already decided."), code="decided")
    before = snapshot(locked)
    locked.reason = _clean_text(reason, "reason")
    locked.status = Amendment.Status.ACCEPTED if accept else Amendment.Status.REJECTED
    locked.decided_by = access.account_of(user)
    locked.decided_at = timezone.now()
    locked.full_clean()
    locked.save()
    audit_record(
        actor=user,
        action="amendment.accept" if accept else "amendment.reject",
        instance=locked,
        before=before,
        after=snapshot(locked),
    )
    return locked


@transaction.atomic
def activity_from_commitment(
    *, user: access.Who, commitment: Any, objective: Objective
) -> Activity:
    """A confirmed commitment becomes an activity of a draft (or review) version.

    The activity keeps the link to the commitment and to the report point that agreed it, takes
    the commitment's text as its title, its deadline as its end, and the committed country or
    organisation as responsible. A commitment becomes at most one activity of a version.
    """

    if commitment.status not in (Commitment.Status.CONFIRMED, Commitment.Status.DONE):
        raise ValidationError(
            _("Only a confirmed commitment can become a work plan activity."), code="status"
        )
    if Activity.objects.filter(
        version_id=objective.version_id, source_commitment=commitment
    ).exists():
        raise ValidationError(
            _("This commitment is already an activity of that version."), code="duplicate"
        )
    data: dict[str, Any] = {
        "title_es": commitment.text[:400],
        "end_date": commitment.due_date,
        "responsible_countries": [commitment.country] if commitment.country_id else [],
        "responsible_organisations": (
            [commitment.organisation] if commitment.organisation_id else []
        ),
    }
    activity = activity_create(user=user, objective=objective, data=data)
    activity.source_commitment = commitment
    activity.source_point_id = commitment.point_id
    activity.save(update_fields=["source_commitment", "source_point", "updated_at"])
    audit_record(
        actor=user,
        action="activity.from_commitment",
        instance=activity,
        after={"commitment": commitment.pk, "point": commitment.point_id},
    )
    return activity


# --- the Plan of Action and the work plans themselves (the secretariat's pages) -------------


def plan_of_action_save(
    *,
    user: access.Who,
    data: Mapping[str, Any],
    planofaction: PlanOfAction | None = None,
    expected_state: str | None = None,
) -> PlanOfAction:
    return model_save(  # type: ignore[return-value]
        user=user,
        instance=planofaction or PlanOfAction(),
        data=data,
        allowed=access.can_manage_plan_of_action(access.actor_for(user)),
        expected_state=expected_state,
    )


def plan_axis_save(
    *,
    user: access.Who,
    data: Mapping[str, Any],
    planaxis: PlanAxis | None = None,
    expected_state: str | None = None,
) -> PlanAxis:
    return model_save(  # type: ignore[return-value]
        user=user,
        instance=planaxis or PlanAxis(),
        data=data,
        allowed=access.can_manage_plan_of_action(access.actor_for(user)),
        expected_state=expected_state,
    )


def plan_line_save(
    *,
    user: access.Who,
    data: Mapping[str, Any],
    planline: PlanLine | None = None,
    expected_state: str | None = None,
) -> PlanLine:
    return model_save(  # type: ignore[return-value]
        user=user,
        instance=planline or PlanLine(),
        data=data,
        allowed=access.can_manage_plan_of_action(access.actor_for(user)),
        expected_state=expected_state,
    )


def work_plan_save(
    *,
    user: access.Who,
    data: Mapping[str, Any],
    workplan: WorkPlan | None = None,
    expected_state: str | None = None,
) -> WorkPlan:
    """A work plan (its names, body, period, the Plan of Action it is an annex of); its content
    is drafted in its versions."""
    return model_save(  # type: ignore[return-value]
        user=user,
        instance=workplan or WorkPlan(),
        data=data,
        allowed=access.can_draft_workplan(access.actor_for(user)),
        expected_state=expected_state,
    )
