"""The pages that create and edit the Plan of Action (with its axes and lines of action) and the
work plans themselves; a plan's content is drafted in its versions (enlace.workplan.views)."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from enlace import access
from enlace.core.manage import record_edit_page
from enlace.workplan import forms, selectors, services
from enlace.workplan.models import PlanAxis, PlanLine, PlanOfAction, WorkPlan


def _actor(request: HttpRequest) -> access.Actor:
    return access.actor_for(request.user)


def _plans_url(_saved: object = None) -> str:
    return reverse("manage:index") + "#plans"


def plan_of_action_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    allowed = access.can_manage_plan_of_action(_actor(request))
    return record_edit_page(
        request,
        instance=selectors.plan_record_managed(request.user, PlanOfAction, pk)
        if pk and allowed
        else None,
        form_class=forms.PlanOfActionForm,
        service=services.plan_of_action_save,
        allowed=allowed,
        titles=(_("New Plan of Action"), _("Edit Plan of Action")),
        success_url=_plans_url,
    )


def plan_axis_new(request: HttpRequest, plan: int) -> HttpResponse:
    allowed = access.can_manage_plan_of_action(_actor(request))
    parent = selectors.plan_record_managed(request.user, PlanOfAction, plan) if allowed else None
    return record_edit_page(
        request,
        instance=None,
        form_class=forms.PlanAxisForm,
        service=services.plan_axis_save,
        allowed=allowed,
        titles=(_("New axis of the Plan of Action"), ""),
        success_url=_plans_url,
        fixed={"plan": parent},
    )


def plan_axis_edit(request: HttpRequest, pk: int) -> HttpResponse:
    allowed = access.can_manage_plan_of_action(_actor(request))
    return record_edit_page(
        request,
        instance=selectors.plan_record_managed(request.user, PlanAxis, pk) if allowed else None,
        form_class=forms.PlanAxisForm,
        service=services.plan_axis_save,
        allowed=allowed,
        titles=("", _("Edit axis of the Plan of Action")),
        success_url=_plans_url,
    )


def plan_line_new(request: HttpRequest, axis: int) -> HttpResponse:
    allowed = access.can_manage_plan_of_action(_actor(request))
    parent = selectors.plan_record_managed(request.user, PlanAxis, axis) if allowed else None
    return record_edit_page(
        request,
        instance=None,
        form_class=forms.PlanLineForm,
        service=services.plan_line_save,
        allowed=allowed,
        titles=(_("New line of action"), ""),
        success_url=_plans_url,
        fixed={"axis": parent},
    )


def plan_line_edit(request: HttpRequest, pk: int) -> HttpResponse:
    allowed = access.can_manage_plan_of_action(_actor(request))
    return record_edit_page(
        request,
        instance=selectors.plan_record_managed(request.user, PlanLine, pk) if allowed else None,
        form_class=forms.PlanLineForm,
        service=services.plan_line_save,
        allowed=allowed,
        titles=("", _("Edit line of action")),
        success_url=_plans_url,
    )


def work_plan_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """A new work plan (then its first version is drafted from the work plan page), or its
    names, body, period and Plan of Action."""
    allowed = access.can_draft_workplan(_actor(request))
    return record_edit_page(
        request,
        instance=selectors.plan_record_managed(request.user, WorkPlan, pk)
        if pk and allowed
        else None,
        form_class=forms.WorkPlanForm,
        service=services.work_plan_save,
        allowed=allowed,
        titles=(_("New work plan"), _("Edit work plan")),
        success_url=lambda plan: reverse("workplan:index") + f"#plan-{plan.pk}",
    )
