"""Writes of reports: their text and points (the one writer of points, which keeps each
version), comments and answers, adoption, presentation to the GRCM, publication and revisions.
Every one checks its rule (enlace.access) and is audited."""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import F, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace import access
from enlace.audit.services import audit_record, model_save, snapshot
from enlace.core.services import refuse_stale, require
from enlace.meetings.models import Meeting
from enlace.network.models import Membership, Post
from enlace.reports.models import (
    PointComment,
    PointVersion,
    Report,
    ReportAdoption,
    ReportPoint,
    ReportRevision,
)
from enlace.reports.signals import report_saved

PUBLICATION_FIELDS = {"status", "adopted_on", "presented_on", "is_published"}


class PointRow(NamedTuple):
    """One point as an editor sends it: level 0 is a point, 1 a sub-point; ``id`` is the
    point it updates (None for a new point). A plain ``(level, text)`` pair is a new point."""

    level: int
    text: str
    id: int | None = None


def _clean_rows(points: Sequence[Sequence[Any]]) -> list[PointRow]:
    rows = [PointRow(*row) for row in points]
    cleaned = [row._replace(text=row.text.strip()) for row in rows if row.text.strip()]
    if not cleaned:
        raise ValidationError(_("A report needs at least one point."))
    if cleaned[0].level != 0:
        raise ValidationError(_("The first point cannot be a sub-point."))
    ids = [row.id for row in cleaned if row.id is not None]
    if len(ids) != len(set(ids)):
        raise ValidationError(_("A point appears twice in the list."))
    return cleaned


def _refuse_removing_points_with_commitments(removed: list[ReportPoint]) -> None:
    """Commitments (enlace.commitments, reverse name "commitments") protect their point."""
    try:
        ReportPoint._meta.get_field("commitments")
    except FieldDoesNotExist:
        return
    carrying = ReportPoint.objects.filter(
        pk__in=[p.pk for p in removed], commitments__isnull=False
    ).distinct()
    if carrying:
        _refuse_removal(list(carrying))


def _refuse_removal(points: list[ReportPoint]) -> None:
    raise ValidationError(
        _(
            "These points carry commitments and cannot be removed: %(points)s. Change their "
            "text instead, or move the commitments to another point first."
        )
        % {"points": "; ".join(f"«{p.text[:60]}»" for p in points)},
        code="protected",
    )


def apply_points(*, user: access.Who, report: Report, points: Sequence[Sequence[Any]]) -> bool:
    """Make the report's points be ``points``, keeping each listed point's identity: points
    with an id are updated in place (and moved), new rows created, unlisted points removed.

    Every new text or level of a point is kept as a version (enlace.reports.PointVersion).
    A point that carries commitments is not removed: the whole change is refused. Returns
    whether anything changed. The caller holds the transaction and checks the permission;
    ``user`` is the author of the new versions (none when it is ``access.SYSTEM``, which the
    archive import acts as).
    """
    author = access.account_of(user)

    rows = _clean_rows(points)
    existing = {p.pk: p for p in report.points.all()}
    unknown = [row.id for row in rows if row.id is not None and row.id not in existing]
    if unknown:
        raise ValidationError(
            _("A point of this list is not a point of this report (it may have been removed).")
        )
    before = [[p.level, p.text] for p in sorted(existing.values(), key=lambda p: p.position)]
    before_order = [p.pk for p in sorted(existing.values(), key=lambda p: p.position)]
    kept = {row.id for row in rows if row.id is not None}
    removed = [p for pk, p in existing.items() if pk not in kept]
    _refuse_removing_points_with_commitments(removed)
    after = [[row.level, row.text] for row in rows]
    if after == before and [row.id for row in rows] == before_order:
        return False

    versions_of = dict.fromkeys(existing, 0)
    for point_id, number in (
        PointVersion.objects.filter(point__report=report)
        .values_list("point_id", "number")
        .order_by("number")
    ):
        versions_of[point_id] = number
    if removed:
        try:
            with transaction.atomic():
                ReportPoint.objects.filter(pk__in=[p.pk for p in removed]).delete()
        except ProtectedError as exc:
            _refuse_removal([p for p in exc.protected_objects if isinstance(p, ReportPoint)])
    # Park the kept points out of the way of the unique (report, position) constraint.
    if kept:
        ReportPoint.objects.filter(pk__in=kept).update(position=F("position") + 1_000_000)
    new_versions: list[PointVersion] = []
    to_update: list[ReportPoint] = []
    for position, row in enumerate(rows, 1):
        if row.id is None:
            point = ReportPoint.objects.create(
                report=report, position=position, level=row.level, text=row.text
            )
            new_versions.append(
                PointVersion(point=point, number=1, text=row.text, level=row.level, author=author)
            )
            continue
        point = existing[row.id]
        changed = (point.level, point.text) != (row.level, row.text)
        if changed:
            number = versions_of[point.pk]
            if number == 0:  # written before versions were kept: its first text is version 1
                new_versions.append(
                    PointVersion(point=point, number=1, text=point.text, level=point.level)
                )
                number = 1
            new_versions.append(
                PointVersion(
                    point=point, number=number + 1, text=row.text, level=row.level, author=author
                )
            )
        point.position, point.level, point.text = position, row.level, row.text
        to_update.append(point)
    ReportPoint.objects.bulk_update(to_update, ["position", "level", "text"])
    PointVersion.objects.bulk_create(new_versions)
    if after != before:
        audit_record(
            actor=user,
            action="report.points",
            instance=report,
            before={"points": before if existing else None},
            after={"points": after},
        )
    return True


def _language_taken(data: Mapping[str, Any]) -> bool:
    meeting, language = data.get("meeting"), data.get("language") or "es"
    if meeting is None:
        return False
    return Report.objects.filter(meeting=meeting, language=language).exists()


@transaction.atomic
def report_save(
    *,
    user: access.Who,
    data: Mapping[str, Any],
    points: Sequence[Sequence[Any]],
    report: Report | None = None,
    expected_state: str | None = None,
) -> Report:
    """Write a draft report and its points (in order; level 1 is a sub-point), all or nothing.

    ``points`` are ``PointRow``s (or ``(level, text)`` pairs for new points): a listed point
    keeps its identity, so its comments, versions and commitments stay with it. The
    secretariat and the PPT's officers edit drafts; an adopted or presented report is frozen
    (a correction is ``enlace.reports.services.report_revise``). Adopting, presenting and
    publishing are the secretariat's own acts (``report_adopt``, ``report_present``,
    ``report_publish``); only a new report may be created with them already set (an archived
    report entered by the secretariat).
    """
    actor = access.actor_for(user)
    if report is None:
        require(access.can_create_report(actor))
        instance = saved_state = Report()
    else:
        # Judge the report as it is saved: a ModelForm has already applied the new values to it.
        saved_state = Report.objects.get(pk=report.pk)
        if saved_state.status != Report.Status.DRAFT and access.can_revise_report(
            actor, saved_state
        ):
            raise ValidationError(
                _(
                    "This report is adopted and frozen: a correction is made as a new "
                    "revision, with its reason."
                ),
                code="frozen",
            )
        require(access.can_edit_report(actor, saved_state))
        instance = report
    refused: dict[str, str] = {}
    for name in sorted(PUBLICATION_FIELDS & set(data)):
        if data[name] != getattr(saved_state, name):
            if not access.can_publish_report(actor):
                refused[name] = _("Only the secretariat can change this.")
            elif report is not None:
                refused[name] = _("Adopt, present or publish the report with its own buttons.")
    if refused:
        raise ValidationError(refused)
    if report is None and _language_taken(data):
        languages = {"es": _("Spanish"), "en": _("English"), "fr": _("French")}
        raise ValidationError(
            _(
                "This meeting already has a report in %(language)s: open it from the "
                "meeting's page, or choose another language."
            )
            % {"language": languages.get(data["language"], data["language"])},
            code="exists",
        )
    rows = _clean_rows(points)
    saved: Report = model_save(  # type: ignore[assignment]
        user=user,
        instance=instance,
        data=data,
        allowed=access.can_edit_report(access.actor_for(user), saved_state)
        or access.can_create_report(access.actor_for(user)),
        expected_state=expected_state,
    )
    apply_points(user=user, report=saved, points=rows)
    # The commitments app proposes the agreements of the text as commitments.
    report_saved.send(sender=Report, report=saved)
    return saved


COMMENT_MAX_CHARS = 5000


def _delegation_of(user: access.Who, actor: access.Actor) -> dict[str, Any]:
    """The delegation a person comments for: the secretariat, their country, or their
    organisation (an observer)."""
    posts = [
        m.post
        for m in Membership.objects.current()
        .filter(person__user=access.account(user))
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
def comment_add(*, user: access.Who, point: ReportPoint, text: str) -> PointComment:
    """A delegation's comment on a point of a draft."""
    report = point.report
    actor = access.actor_for(user)
    require(access.can_comment_on_report(actor, report))
    author = access.account(user)
    comment = PointComment(
        report=report,
        point=point,
        point_text=point.text,
        author=author,
        author_name=author.get_full_name() or author.get_username(),
        text=_clean_text(text, "text"),
        **_delegation_of(user, actor),
    )
    comment.save()
    audit_record(
        actor=user, action="pointcomment.create", instance=comment, after=snapshot(comment)
    )
    return comment


@transaction.atomic
def comment_answer(*, user: access.Who, comment: PointComment, answer: str) -> PointComment:
    """The drafters' answer to a comment (a later answer replaces it; the audit keeps both)."""
    require(access.can_answer_comment(access.actor_for(user), comment.report))
    before = snapshot(comment)
    comment.answer = _clean_text(answer, "answer")
    comment.answered_by = access.account_of(user)
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


def _save_status(user: access.Who, report: Report, action: str, **changes: Any) -> Report:
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


def require_adopt(user: access.Who, report: Report) -> None:
    """Refuse (403) before looking at a form whoever may not adopt the report."""
    require(access.can_adopt_report(access.actor_for(user), report))


def require_present(user: access.Who, report: Report) -> None:
    require(access.can_present_report(access.actor_for(user), report))


def require_publication(user: access.Who, report: Report) -> None:
    require(access.can_set_report_publication(access.actor_for(user), report))


@transaction.atomic
def report_adopt(
    *,
    user: access.Who,
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
def report_present(*, user: access.Who, report: Report, presented_on: datetime.date) -> Report:
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
def report_publish(*, user: access.Who, report: Report, published: bool = True) -> Report:
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
    user: access.Who,
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
    refuse_stale(locked, expected_state)
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
        author=access.account_of(user),
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
