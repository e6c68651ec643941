"""Pages of contributions, recommendations and answers, and of the register of cooperation
mechanisms. Thin: a selector to read, a service to write, enlace.access to know what to show."""

from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from enlace import access
from enlace.contributions import selectors, services
from enlace.contributions.forms import (
    ActivityFollowUpForm,
    AnswerForm,
    ContributionForm,
    ContributionNewForm,
    DecisionForm,
    DocumentForm,
    FollowUpForm,
    MechanismForm,
    PointForm,
    RecommendationForm,
)
from enlace.contributions.models import Answer, Contribution, Mechanism
from enlace.core import uploads
from enlace.core.confirm import Confirmation, confirm_page
from enlace.core.manage import apply_validation_error
from enlace.core.services import state_token
from enlace.meetings.models import Meeting
from enlace.meetings.selectors import meeting_visible, meetings_visible_to
from enlace.network.models import Country
from enlace.network.selectors import countries_visible_to, country_by_code
from enlace.reports.selectors import meeting_points
from enlace.workplan.selectors import objectives_in_drafting


def _render_form(
    request: HttpRequest, form: Any, title: str, cancel_url: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "contributions/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url, **extra},
        status=400 if request.method == "POST" else 200,
    )


# --- contributions -----------------------------------------------------------------------------


def contribution_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Contribution.Status.values:
        status = ""
    actor = access.actor_for(request.user)
    return render(
        request,
        "contributions/list.html",
        {
            "contributions": selectors.contributions_visible_to(request.user, status=status),
            "status": status,
            "statuses": Contribution.Status.choices,
            "can_submit": access.can_submit_contribution(actor),
        },
    )


def contribution_new(request: HttpRequest) -> HttpResponse:
    actor = access.actor_for(request.user)
    if not access.can_submit_contribution(actor):
        raise PermissionDenied
    meetings = meetings_visible_to(request.user).order_by("-start_date")
    initial = {}
    if request.GET.get("meeting", "").isdigit():
        initial["meeting"] = int(request.GET["meeting"])
    form = ContributionNewForm(
        request.POST or None,
        initial=initial,
        meetings=meetings,
        authors=selectors.contribution_authors(request.user),
    )
    if request.method == "POST" and form.is_valid():
        organisation, country = form.author_objects()
        try:
            contribution = services.contribution_submit(
                user=request.user,
                meeting=form.cleaned_data["meeting"],
                organisation=organisation,
                country=country,
                data={k: form.cleaned_data[k] for k in services.CONTRIBUTION_FIELDS},
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The contribution was submitted."))
            return redirect("contributions:detail", pk=contribution.pk)
    return _render_form(request, form, _("Submit a contribution"), "/contributions/")


def contribution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.contribution_detail(request.user, pk)
    actor = access.actor_for(request.user)
    members = selectors.member_countries()
    recommendations = [
        (rec, selectors.answer_table(rec, members)) for rec in contribution.recommendations.all()
    ]
    decision_form = None
    point_form = None
    if access.can_decide_contribution(actor):
        points = meeting_points(request.user, contribution.meeting_id)
        decision_form = DecisionForm(initial={"state": state_token(contribution)})
        decision_form.fields["report_point"].queryset = points  # type: ignore[attr-defined]
        point_form = PointForm(initial={"report_point": contribution.report_point_id})
        point_form.fields["report_point"].queryset = points  # type: ignore[attr-defined]
    can_edit = access.can_edit_contribution(actor, contribution)
    return render(
        request,
        "contributions/detail.html",
        {
            "contribution": contribution,
            "recommendations": recommendations,
            "can_edit": can_edit,
            "can_withdraw": access.can_withdraw_contribution(actor, contribution),
            "document_form": DocumentForm() if can_edit else None,
            "decision_form": decision_form,
            "point_form": point_form,
            "answer_countries": access.own_country_ids(actor),
        },
    )


def contribution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.contribution_detail(request.user, pk)
    if not access.can_edit_contribution(access.actor_for(request.user), contribution):
        raise PermissionDenied
    form = ContributionForm(request.POST or None, instance=contribution)
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_update(
                user=request.user,
                contribution=contribution,
                data=form.model_data(),
                expected_state=form.expected_state(),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("contributions:detail", pk=pk)
    return _render_form(
        request, form, _("Edit the contribution"), f"/contributions/{pk}/", object=contribution
    )


@require_http_methods(["GET", "POST"])
def contribution_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The author withdraws a contribution not yet in the record, once confirmed."""
    contribution = selectors.contribution_detail(request.user, pk)
    if not access.can_withdraw_contribution(access.actor_for(request.user), contribution):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.contribution_withdraw(
                user=request.user,
                contribution=contribution,
                expected_state=request.POST.get("state") or None,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("contributions:detail", pk=pk)
        messages.success(request, _("The contribution was withdrawn."))
        return redirect("contributions:list")
    return confirm_page(
        request,
        Confirmation(
            title=_("Withdraw the contribution"),
            subject=contribution.title,
            consequence=_(
                "The contribution is deleted with its documents and recommendations: the "
                "secretariat will not consider it for the meeting."
            ),
            undo=_("This cannot be undone: to contribute again, submit it anew."),
            button=_("Withdraw the contribution"),
            cancel_url=reverse("contributions:detail", args=[contribution.pk]),
            hidden={"state": state_token(contribution)},
        ),
    )


@require_POST
def contribution_decide(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.contribution_detail(request.user, pk)
    if not access.can_decide_contribution(access.actor_for(request.user)):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    form.fields["report_point"].queryset = meeting_points(  # type: ignore[attr-defined]
        request.user, contribution.meeting_id
    )
    if form.is_valid():
        state = form.cleaned_data["state"] or None
        point = form.cleaned_data["report_point"]
        if form.cleaned_data["decision"] == "accept" and request.POST.get("confirmed") != "1":
            # Accepting cannot be undone: the page asks once more, carrying the choices made.
            return confirm_page(
                request,
                Confirmation(
                    title=_("Accept the contribution into the record"),
                    subject=contribution.title,
                    consequence=_(
                        "The contribution becomes part of the meeting's record: the network reads "
                        "it, and its author can no longer edit or withdraw it."
                    ),
                    undo=_("This cannot be undone."),
                    button=_("Accept into the record"),
                    cancel_url=reverse("contributions:detail", args=[pk]),
                    hidden={
                        "decision": "accept",
                        "report_point": str(point.pk) if point else "",
                        "state": state or "",
                        "confirmed": "1",
                    },
                ),
            )
        try:
            if form.cleaned_data["decision"] == "accept":
                services.contribution_accept(
                    user=request.user,
                    contribution=contribution,
                    report_point=form.cleaned_data["report_point"],
                    expected_state=state,
                )
                messages.success(request, _("The contribution is in the meeting's record."))
            else:
                services.contribution_return(
                    user=request.user,
                    contribution=contribution,
                    reason=form.cleaned_data["return_reason"],
                    expected_state=state,
                )
                messages.success(request, _("The contribution was returned to its author."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose a decision."))
    return redirect("contributions:detail", pk=pk)


@require_POST
def contribution_point(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.contribution_detail(request.user, pk)
    if not access.can_decide_contribution(access.actor_for(request.user)):
        raise PermissionDenied
    form = PointForm(request.POST)
    form.fields["report_point"].queryset = meeting_points(  # type: ignore[attr-defined]
        request.user, contribution.meeting_id
    )
    if form.is_valid():
        services.contribution_link_point(
            user=request.user,
            contribution=contribution,
            report_point=form.cleaned_data["report_point"],
        )
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Choose a point of a report of this meeting."))
    return redirect("contributions:detail", pk=pk)


@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.contribution_detail(request.user, pk)
    if not access.can_edit_contribution(access.actor_for(request.user), contribution):
        raise PermissionDenied
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.contribution_document_add(
                user=request.user,
                contribution=contribution,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The document was added."))
    else:
        messages.error(request, _("Give the document a title and choose a file."))
    return redirect("contributions:detail", pk=pk)


@require_http_methods(["GET", "POST"])
def document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.contribution_document(request.user, pk)
    if request.method != "POST":
        if not access.can_edit_contribution(access.actor_for(request.user), document.contribution):
            raise PermissionDenied
        return confirm_page(
            request,
            Confirmation(
                title=_("Remove the document"),
                subject=document.title,
                consequence=_(
                    "The document and its file are deleted from the contribution; nobody can "
                    "download it any more."
                ),
                undo=_("This cannot be undone: to bring it back, upload the file again."),
                button=_("Remove"),
                cancel_url=reverse("contributions:detail", args=[document.contribution_id]),
            ),
        )
    services.contribution_document_remove(user=request.user, document=document)
    messages.success(request, _("The document was removed."))
    return redirect("contributions:detail", pk=document.contribution_id)


def _download(document: Any) -> FileResponse:
    return uploads.download(document.file, PurePath(document.file.name or "document").name)


def document_download(request: HttpRequest, pk: int) -> FileResponse:
    return _download(selectors.contribution_document(request.user, pk))


# --- recommendations and answers -----------------------------------------------------------------


def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.contribution_detail(request.user, pk)
    if not access.can_edit_contribution(access.actor_for(request.user), contribution):
        raise PermissionDenied
    return _recommendation_form(request, contribution, None)


def recommendation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_detail(request.user, pk)
    contribution = recommendation.contribution
    if not access.can_edit_contribution(access.actor_for(request.user), contribution):
        raise PermissionDenied
    return _recommendation_form(request, contribution, recommendation)


def _recommendation_form(
    request: HttpRequest, contribution: Contribution, recommendation: Any
) -> HttpResponse:
    form = RecommendationForm(request.POST or None, instance=recommendation)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_save(
                user=request.user,
                contribution=contribution,
                recommendation=recommendation,
                text=form.cleaned_data["text"],
                to_all_members=form.cleaned_data["to_all_members"],
                countries=form.cleaned_data["countries"],
                expected_state=form.expected_state(),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("contributions:detail", pk=contribution.pk)
    title = _("Add a recommendation") if recommendation is None else _("Edit the recommendation")
    return _render_form(request, form, title, f"/contributions/{contribution.pk}/")


def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_detail(request.user, pk)
    actor = access.actor_for(request.user)
    contribution = recommendation.contribution
    table = selectors.answer_table(recommendation)
    accepted = [c for c, a in table if a is not None and a.position == Answer.Position.ACCEPTED]
    return render(
        request,
        "contributions/recommendation.html",
        {
            "recommendation": recommendation,
            "contribution": contribution,
            "table": table,
            "own_countries": access.own_country_ids(actor),
            "can_answer": contribution.status == Contribution.Status.ACCEPTED,
            "show_history": access.can_view_answer_history(actor),
            "can_commit": access.can_follow_up_as_commitment(actor) and bool(accepted),
            "can_activity": access.can_follow_up_as_activity(actor) and bool(accepted),
        },
    )


def answer_edit(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    recommendation = selectors.recommendation_detail(request.user, pk)
    country = country_by_code(request.user, code.upper())
    actor = access.actor_for(request.user)
    if not access.can_answer_recommendation(actor, recommendation.contribution, country.pk):
        raise PermissionDenied
    existing = next((a for a in recommendation.answers.all() if a.country_id == country.pk), None)
    initial: dict[str, Any] = {"state": state_token(existing) if existing else ""}
    if existing is not None:
        initial.update(
            position=existing.position, reasons=existing.reasons, actions=existing.actions
        )
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_save(
                user=request.user,
                recommendation=recommendation,
                country=country,
                position=form.cleaned_data["position"],
                reasons=form.cleaned_data["reasons"],
                actions=form.cleaned_data["actions"],
                expected_state=form.cleaned_data["state"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Your country's answer was saved."))
            return redirect("contributions:recommendation", pk=pk)
    title = _("Answer of %(country)s") % {"country": country.name}
    return _render_form(
        request,
        form,
        title,
        f"/contributions/recommendations/{pk}/",
        recommendation=recommendation,
    )


def follow_up_commitment(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_detail(request.user, pk)
    if not access.can_follow_up_as_commitment(access.actor_for(request.user)):
        raise PermissionDenied
    form = FollowUpForm(request.POST or None)
    form.fields["country"].queryset = selectors.accepting_countries(recommendation)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_to_commitment(
                user=request.user,
                recommendation=recommendation,
                country=form.cleaned_data["country"],
                due_date=form.cleaned_data["due_date"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The recommendation is now a commitment."))
            return redirect("contributions:recommendation", pk=pk)
    return _render_form(
        request,
        form,
        _("Make it a commitment"),
        f"/contributions/recommendations/{pk}/",
        recommendation=recommendation,
    )


def follow_up_activity(request: HttpRequest, pk: int) -> HttpResponse:

    recommendation = selectors.recommendation_detail(request.user, pk)
    if not access.can_follow_up_as_activity(access.actor_for(request.user)):
        raise PermissionDenied
    form = ActivityFollowUpForm(request.POST or None)
    form.fields["country"].queryset = selectors.accepting_countries(recommendation)  # type: ignore[attr-defined]
    form.fields["objective"].queryset = objectives_in_drafting(request.user)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_to_activity(
                user=request.user,
                recommendation=recommendation,
                country=form.cleaned_data["country"],
                objective=form.cleaned_data["objective"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The recommendation is now a work plan activity."))
            return redirect("contributions:recommendation", pk=pk)
    return _render_form(
        request,
        form,
        _("Make it a work plan activity"),
        f"/contributions/recommendations/{pk}/",
        recommendation=recommendation,
    )


# --- cooperation mechanisms -----------------------------------------------------------------------


def mechanism_list(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("country", "")[:3]
    return render(
        request,
        "contributions/mechanism_list.html",
        {
            "mechanisms": selectors.mechanisms_visible_to(request.user, country_code=code),
            "country": code.upper(),
            "countries": countries_visible_to(request.user).filter(status=Country.Status.MEMBER),
            "can_manage": access.can_manage_mechanisms(access.actor_for(request.user)),
        },
    )


def mechanism_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mechanism = selectors.mechanism_detail(request.user, pk)
    can_manage = access.can_manage_mechanisms(access.actor_for(request.user))
    return render(
        request,
        "contributions/mechanism_detail.html",
        {
            "mechanism": mechanism,
            "can_manage": can_manage,
            "document_form": DocumentForm() if can_manage else None,
        },
    )


def mechanism_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not access.can_manage_mechanisms(access.actor_for(request.user)):
        raise PermissionDenied
    mechanism: Mechanism | None = (
        selectors.mechanism_detail(request.user, pk) if pk is not None else None
    )
    form = MechanismForm(request.POST or None, instance=mechanism)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.model_data().items() if k in services.MECHANISM_FIELDS}
        try:
            saved = services.mechanism_save(
                user=request.user,
                mechanism=mechanism,
                data=data,
                countries=form.cleaned_data["countries"],
                organisations=form.cleaned_data["organisations"],
                expected_state=form.expected_state(),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("contributions:mechanism", pk=saved.pk)
    title = _("Register a cooperation mechanism") if pk is None else _("Edit the mechanism")
    return _render_form(request, form, title, "/mechanisms/")


@require_POST
def mechanism_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    mechanism = selectors.mechanism_detail(request.user, pk)
    if not access.can_manage_mechanisms(access.actor_for(request.user)):
        raise PermissionDenied
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.mechanism_document_add(
                user=request.user,
                mechanism=mechanism,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The document was added."))
    else:
        messages.error(request, _("Give the document a title and choose a file."))
    return redirect("contributions:mechanism", pk=pk)


def mechanism_document_download(request: HttpRequest, pk: int) -> FileResponse:
    return _download(selectors.mechanism_document(request.user, pk))


def meeting_contributions(request: HttpRequest, pk: int) -> HttpResponse:
    """The contributions to one meeting (linked from the contribution's page)."""
    meeting = meeting_visible(request.user, pk)
    assert isinstance(meeting, Meeting)
    return render(
        request,
        "contributions/list.html",
        {
            "contributions": selectors.contributions_visible_to(request.user, meeting_id=pk),
            "meeting": meeting,
            "statuses": Contribution.Status.choices,
            "can_submit": access.can_submit_contribution(access.actor_for(request.user)),
        },
    )
