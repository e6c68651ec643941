"""Writes of the drafting of reports: comments and answers, adoption, presentation to the GRCM,
publication and revisions. Every one checks its rule (enlace.access) and is audited."""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace import access
from enlace.audit.services import audit_record, snapshot
from enlace.core.services import EditConflict, require, state_token
from enlace.meetings.models import Meeting, Report, ReportPoint
from enlace.meetings.services import apply_points
from enlace.network.models import Membership, Post
from enlace.reports.models import PointComment, ReportAdoption, ReportRevision

COMMENT_MAX_CHARS = 5000


def _delegation_of(user: Any, actor: access.Actor) -> dict[str, Any]:
    """The delegation a person comments for: the secretariat, their country, or their
    organisation (an observer)."""
    posts = [
        m.post
        for m in Membership.objects.current()
        .filter(person__user_id=user.pk)
        .select_related("post")
        .order_by("pk")
    ]

    def first(role_ok: Any) -> Post | None:
        return next((p for p in posts if role_ok(p)), None)

    post = (
        first(lambda p: p.role == Post.Role.SECRETARIAT)
        if actor.is_secretariat
        else first(lambda p: p.country_id in actor.officer_country_ids)
        if actor.is_officer
        else first(lambda p: True)
    )
    if post is None:
        return {"country_id": None, "organisation_id": None}
    return {"country_id": post.country_id, "organisation_id": post.organisation_id}


def _clean_text(text: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > COMMENT_MAX_CHARS:
        raise ValidationError(
            {field: _("Write at most %(n)s characters.") % {"n": COMMENT_MAX_CHARS}}
        )
    return text


@transaction.atomic
def comment_add(*, user: Any, point: ReportPoint, text: str) -> PointComment:
    """A delegation's comment on a point of a draft."""
    report = point.report
    actor = access.actor_for(user)
    require(access.can_comment_on_report(actor, report))
    comment = PointComment(
        report=report,
        point=point,
        point_text=point.text,
        author=user,
        author_name=user.get_full_name() or user.get_username(),
        text=_clean_text(text, "text"),
        **_delegation_of(user, actor),
    )
    comment.save()
    audit_record(
        actor=user, action="pointcomment.create", instance=comment, after=snapshot(comment)
    )
    return comment


@transaction.atomic
def comment_answer(*, user: Any, comment: PointComment, answer: str) -> PointComment:
    """The drafters' answer to a comment (a later answer replaces it; the audit keeps both)."""
    require(access.can_answer_comment(access.actor_for(user), comment.report))
    before = snapshot(comment)
    comment.answer = _clean_text(answer, "answer")
    comment.answered_by = user
    comment.answered_at = timezone.now()
    comment.save(update_fields=["answer", "answered_by", "answered_at"])
    audit_record(
        actor=user,
        action="pointcomment.answer",
        instance=comment,
        before=before,
        after=snapshot(comment),
    )
    return comment


def _save_status(user: Any, report: Report, action: str, **changes: Any) -> Report:
    locked = Report.objects.select_for_update().get(pk=report.pk)
    before = snapshot(locked)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    audit_record(actor=user, action=action, instance=locked, before=before, after=snapshot(locked))
    for name in (*changes, "updated_at"):
        setattr(report, name, getattr(locked, name))
    return report


def require_adopt(user: Any, report: Report) -> None:
    """Refuse (403) before looking at a form whoever may not adopt the report."""
    require(access.can_adopt_report(access.actor_for(user), report))


def require_present(user: Any, report: Report) -> None:
    require(access.can_present_report(access.actor_for(user), report))


@transaction.atomic
def report_adopt(
    *,
    user: Any,
    report: Report,
    adopted_on: datetime.date,
    meeting: Meeting | None = None,
) -> Report:
    """The secretariat records the adoption of a draft, on a date and, where it is another than
    the meeting that drafted it, at a meeting (``ReportAdoption``). From now on the report is
    frozen. Publishing is separate (``report_publish``)."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    require(access.can_adopt_report(access.actor_for(user), locked))
    if adopted_on is None:
        raise ValidationError({"adopted_on": _("This field is required.")})
    if meeting is not None and meeting.pk != locked.meeting_id:
        ReportAdoption.objects.update_or_create(report=locked, defaults={"meeting": meeting})
    return _save_status(
        user, report, "report.adopt", status=Report.Status.ADOPTED, adopted_on=adopted_on
    )


@transaction.atomic
def report_present(*, user: Any, report: Report, presented_on: datetime.date) -> Report:
    """The secretariat records that the adopted report was presented to the GRCM."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    require(access.can_present_report(access.actor_for(user), locked))
    if presented_on is None:
        raise ValidationError({"presented_on": _("This field is required.")})
    if locked.adopted_on and presented_on < locked.adopted_on:
        raise ValidationError(
            {"presented_on": _("A report is presented on or after the day it was adopted.")}
        )
    return _save_status(
        user, report, "report.present", status=Report.Status.PRESENTED, presented_on=presented_on
    )


@transaction.atomic
def report_publish(*, user: Any, report: Report, published: bool = True) -> Report:
    """Publish an adopted (or presented) report to the public, or withdraw it."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    require(access.can_set_report_publication(access.actor_for(user), locked))
    action = "report.publish" if published else "report.unpublish"
    return _save_status(user, report, action, is_published=published)


REVISABLE_FIELDS = {"title", "place_line", "date_line", "opening"}


def report_text(report: Report) -> dict[str, Any]:
    """The text of a report as a revision keeps it."""
    return {
        "title": report.title,
        "place_line": report.place_line,
        "date_line": report.date_line,
        "opening": report.opening,
        "points": [[p.level, p.text] for p in report.points.order_by("position")],
    }


@transaction.atomic
def report_revise(
    *,
    user: Any,
    report: Report,
    reason: str,
    changes: Mapping[str, Any],
    points: Sequence[Sequence[Any]] | None = None,
    expected_state: str | None = None,
) -> ReportRevision:
    """Correct a frozen (adopted or presented) report: a new numbered revision with its reason
    and the text as it was before. ``changes`` may set the title, place and date lines and the
    opening; ``points`` (as for ``report_save``; omitted: unchanged) the points, keeping their
    identity. The adopted text is revision 1: the first correction is revision 2."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    require(access.can_revise_report(access.actor_for(user), locked))
    if expected_state is not None and state_token(locked) != expected_state:
        raise EditConflict(
            _(
                "Someone else changed this record after you opened it. Nothing was saved: "
                "reload the page to see their changes, then make yours again."
            ),
            code="conflict",
        )
    errors: dict[str, str] = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = _("Say why the adopted report is corrected.")
    unknown = set(changes) - REVISABLE_FIELDS
    if unknown:
        errors.update({name: _("A revision corrects the text only.") for name in unknown})
    if errors:
        raise ValidationError(errors)
    previous = report_text(locked)
    before = snapshot(locked)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    points_changed = (
        apply_points(user=user, report=locked, points=points) if points is not None else False
    )
    fields_changed = any(previous[name] != getattr(locked, name) for name in changes)
    if not (points_changed or fields_changed):
        raise ValidationError(_("Nothing was changed: a revision corrects something."))
    last = locked.revisions.order_by("-number").values_list("number", flat=True).first()
    revision = ReportRevision.objects.create(
        report=locked,
        number=(last or 1) + 1,
        reason=reason,
        author=user,
        snapshot=previous,
    )
    audit_record(
        actor=user,
        action="report.revise",
        instance=locked,
        before=before,
        after={**(snapshot(locked) or {}), "revision": revision.number, "reason": reason},
    )
    for name in (*changes, "updated_at"):
        setattr(report, name, getattr(locked, name))
    return revision
