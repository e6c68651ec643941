"""Pages of commitments and of the calendar feed."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from enlace import access
from enlace.commitments import feed, selectors, services
from enlace.commitments.forms import (
    Choices,
    CommitmentAddForm,
    CommitmentForm,
    EvidenceForm,
    ListFilterForm,
)
from enlace.commitments.models import Commitment
from enlace.core.confirm import Confirmation, confirm_page
from enlace.core.downloads import inline_file
from enlace.core.manage import apply_validation_error
from enlace.meetings import selectors as meeting_selectors
from enlace.reports import selectors as report_selectors
from enlace.reports.models import number_points

PAGE_SIZE = 50


@require_GET
def commitment_list(request: HttpRequest) -> HttpResponse:
    """ "My commitments": an officer's own (their country's, all member countries', the PPT's
    while presiding); everything for the secretariat; with filters, overdue first."""
    selectors.commitment_list_page(request.user)
    actor = access.actor_for(request.user)
    form = ListFilterForm(request.GET or None)
    values: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    has_own = access.lists_own_commitments_first(actor)
    scope = values.get("scope") or ("mine" if has_own else "all")
    filters = selectors.CommitmentFilters(
        mine=scope == "mine",
        actor_kind=values.get("actor_kind", ""),
        status=values.get("status", ""),
        overdue=bool(values.get("overdue")),
    )
    commitments = selectors.commitment_list(request.user, filters)
    page = Paginator(commitments, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        "commitments/list.html",
        {
            "page": page,
            "form": form,
            "scope": scope,
            "has_own": has_own,
            "query": urlencode(query),
            "can_manage": access.can_manage_commitments(actor),
        },
    )


@require_http_methods(["GET", "POST"])
def report_commitments(request: HttpRequest, pk: int) -> HttpResponse:
    """A report's commitments point by point; the secretariat confirms, corrects, dismisses,
    and proposes again from the text."""
    report = report_selectors.report_detail(request.user, pk)
    actor = access.actor_for(request.user)
    can_manage = access.can_manage_commitments(actor)
    numbered = number_points(list(report.points.all()))
    choices = Choices.load() if can_manage else None
    add_form = CommitmentAddForm(choices=choices, points=numbered) if choices is not None else None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "propose":
            created = services.commitments_propose_for_report(request.user, report)
            messages.success(
                request,
                _("%(count)d commitments proposed from the text.") % {"count": len(created)},
            )
            return redirect("commitments:report", pk=report.pk)
        if action != "add":
            raise Http404
        if choices is None:
            raise PermissionDenied
        add_form = CommitmentAddForm(request.POST, choices=choices, points=numbered)
        if add_form.is_valid():
            try:
                added = services.commitment_add(
                    user=request.user,
                    point=add_form.points[add_form.cleaned_data["point"]],
                    data=add_form.service_data(),
                )
            except ValidationError as error:
                apply_validation_error(add_form, error)
            else:
                messages.success(request, _("The commitment was added."))
                return redirect(
                    reverse("commitments:report", args=[report.pk]) + f"#commitment-{added.pk}"
                )
    commitments = list(selectors.report_commitments(request.user, report))
    by_point: dict[int, list[dict[str, Any]]] = {}
    for commitment in commitments:
        by_point.setdefault(commitment.point_id, []).append(
            {
                "commitment": commitment,
                "form": CommitmentForm.for_commitment(commitment, choices)
                if choices is not None and commitment.status == Commitment.Status.PROPOSED
                else None,
            }
        )
    points = [
        {"label": label, "point": point, "items": by_point.get(point.pk, [])}
        for label, point in numbered
    ]
    return render(
        request,
        "commitments/report.html",
        {
            "report": report,
            "points": points,
            "count": len(commitments),
            "can_manage": can_manage,
            "can_propose": can_manage,
            "add_form": add_form,
            "show_evidence": access.can_see_commitment_evidence(actor),
        },
    )


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_http_methods(["GET", "POST"])
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = selectors.commitment_detail(request.user, pk)
    actor = access.actor_for(request.user)
    can_manage = access.can_manage_commitments(actor)
    choices = Choices.load() if can_manage else None
    edit_form = CommitmentForm.for_commitment(commitment, choices) if choices else None
    evidence_form = EvidenceForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        here = reverse("commitments:detail", args=[commitment.pk])
        try:
            if action in ("confirm", "update"):
                if choices is None:
                    raise PermissionDenied
                edit_form = CommitmentForm(
                    request.POST, choices=choices, prefix=f"c{commitment.pk}"
                )
                if edit_form.is_valid():
                    if action == "confirm":
                        services.commitment_confirm(
                            user=request.user,
                            commitment=commitment,
                            corrections=edit_form.service_data(),
                        )
                        messages.success(request, _("The commitment is confirmed."))
                    else:
                        services.commitment_update(
                            user=request.user, commitment=commitment, data=edit_form.service_data()
                        )
                        messages.success(request, _("Saved."))
                    return redirect(_next_url(request, here))
            elif action == "dismiss":
                services.commitment_dismiss(user=request.user, commitment=commitment)
                messages.success(request, _("The proposal is dismissed."))
                return redirect(_next_url(request, here))
            elif action == "complete":
                evidence_form = EvidenceForm(request.POST)
                if not access.can_complete_commitment(actor, commitment):
                    raise PermissionDenied
                if evidence_form.is_valid():
                    services.commitment_complete(
                        user=request.user,
                        commitment=commitment,
                        evidence=evidence_form.cleaned_data["evidence"],
                    )
                    messages.success(request, _("The commitment is marked done."))
                    return redirect(_next_url(request, here))
            elif action == "reopen":
                services.commitment_reopen(user=request.user, commitment=commitment)
                messages.success(request, _("The commitment is open again."))
                return redirect(_next_url(request, here))
            else:
                raise Http404
        except ValidationError as exc:
            target = evidence_form if action == "complete" else edit_form
            if target is not None:
                apply_validation_error(target, exc)
            else:
                messages.error(request, " ".join(exc.messages))
        commitment.refresh_from_db()
        status = 400
    return render(
        request,
        "commitments/detail.html",
        {
            "commitment": commitment,
            "report": commitment.point.report,
            "edit_form": edit_form,
            "evidence_form": evidence_form,
            "can_manage": can_manage,
            "can_complete": access.can_complete_commitment(actor, commitment),
            "can_reopen": access.can_reopen_commitment(actor, commitment),
            "can_make_activity": access.can_draft_workplan(actor)
            and commitment.status in (Commitment.Status.CONFIRMED, Commitment.Status.DONE),
            "show_evidence": access.can_see_commitment_evidence(actor),
            "history": services.commitment_history(request.user, commitment),
        },
        status=status,
    )


# --- the calendar ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """Create (or replace) and revoke the secret address of the user's calendar feed."""
    feeds = selectors.calendar_feeds_of(request.user)
    new_url = ""
    active = feeds.filter(revoked_at__isnull=True).first()
    asked = request.GET.get("action")
    if request.method != "POST" and asked in ("revoke", "create") and active is not None:
        replace = asked == "create"
        return confirm_page(
            request,
            Confirmation(
                title=_("Replace the calendar address")
                if replace
                else _("Revoke the calendar address"),
                subject=_("The address beginning with %(prefix)s…") % {"prefix": active.prefix},
                consequence=_(
                    "Calendars subscribed to this address stop receiving the meetings and "
                    "commitments."
                ),
                undo=_(
                    "This cannot be undone: a calendar needs the new address to subscribe again."
                ),
                button=_("Replace it with a new address") if replace else _("Revoke the address"),
                cancel_url=reverse("commitments:calendar"),
                hidden={"action": asked},
            ),
        )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            _feed, raw = services.calendar_feed_create(user=request.user)
            new_url = request.build_absolute_uri(reverse("commitments:feed", args=[raw]))
        elif action == "revoke":
            for active in feeds.filter(revoked_at__isnull=True):
                services.calendar_feed_revoke(user=request.user, feed=active)
            messages.success(request, _("The calendar address is revoked: it no longer works."))
            return redirect("commitments:calendar")
        else:
            raise Http404
    return render(
        request,
        "commitments/calendar.html",
        {"active": feeds.filter(revoked_at__isnull=True).first(), "new_url": new_url},
    )


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed at a secret address: no login, the address is the key."""
    user = services.calendar_feed_user(token)
    if user is None:
        raise Http404
    meetings = meeting_selectors.meetings_visible_to(user).order_by("start_date", "pk")
    commitments = selectors.calendar_commitments(user).order_by("due_date", "pk")
    body = feed.build_calendar(
        name=_("Enlace: meetings and deadlines"),
        meetings=meetings,
        commitments=commitments,
        url_for=lambda kind, pk: request.build_absolute_uri(
            reverse("meetings:detail" if kind == "meeting" else "commitments:detail", args=[pk])
        ),
        stamp=timezone.now(),
    )
    response = inline_file(
        body, content_type="text/calendar; charset=utf-8", filename="enlace.ics", max_age=900
    )
    response["X-Robots-Tag"] = "noindex"
    return response
