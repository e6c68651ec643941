"""Pages of the work plan's drafting, review and adoption: the plans, a version's tree, its
drafting, its review, its adoption, two versions compared, and a version as the annex document
(PDF, Word) and as a spreadsheet. Thin: selectors read, services write, the rules are in
enlace.access."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from enlace import access
from enlace.commitments.selectors import commitment_detail
from enlace.core.confirm import Confirmation, confirm_page
from enlace.core.downloads import attachment
from enlace.core.manage import apply_validation_error
from enlace.core.services import EditConflict
from enlace.network import selectors as network_selectors
from enlace.workplan import documents, forms, selectors, services, xlsx
from enlace.workplan.models import Activity, Axis, Objective, WorkPlanVersion

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _actor(request: HttpRequest) -> access.Actor:
    return access.actor_for(request.user)


def _version_url(version_id: int, anchor: str = "") -> str:
    url = reverse("workplan:version", args=[version_id])
    return f"{url}#{anchor}" if anchor else url


def _item_url(version_id: int, kind: str, item: models.Model) -> str:
    """The version's page at an axis, objective or activity; an objective's activities open
    (a large version shows only those asked for, see ``version_detail``)."""
    url = _version_url(version_id)
    objective_id = item.pk if kind == "objective" else getattr(item, "objective_id", None)
    if kind in ("objective", "activity") and objective_id is not None:
        url += f"?objective={objective_id}"
    return f"{url}#{kind}-{item.pk}"


def _review_url(version_id: int, anchor: str = "") -> str:
    url = reverse("workplan:version_review", args=[version_id])
    return f"{url}#{anchor}" if anchor else url


def _error_messages(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _form_errors(request: HttpRequest, form: BaseForm) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


# --- plans and versions ------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    """The work plans, each with its version in force and its progress, its other versions and
    the Plan of Action it is an annex of."""
    return render(
        request,
        "workplan/plan_index.html",
        {
            "overviews": selectors.plan_overview(request.user),
            "can_draft": access.can_draft_workplan(_actor(request)),
        },
    )


def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_visible(request.user, pk)
    if not access.can_draft_workplan(_actor(request)):
        raise PermissionDenied
    versions = selectors.versions_of(request.user, plan)
    initial = {}
    if (copy := request.GET.get("from", "")).isdigit():
        initial["based_on"] = int(copy)
    form = forms.VersionCreateForm(request.POST or None, versions=versions, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.version_create(
                user=request.user,
                work_plan=plan,
                based_on=form.cleaned_data["based_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The new version was created."))
            return redirect(_version_url(version.pk))
    return render(
        request,
        "workplan/plan_version_new.html",
        {"plan": plan, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# A version with more activities than this shows its axes and objectives with their progress, and
# an objective's activities only when asked (?objective=, ?axis=, ?all=1): every row of a
# 500-activity plan was most of the page's time and of its 230 KB. The whole tree stays in the
# API, the documents and the spreadsheet.
SHOW_ALL_UP_TO = 100


def _ids(request: HttpRequest, name: str) -> set[int]:
    return {int(v) for v in request.GET.getlist(name) if v.isdigit()}


def _shown_objectives(request: HttpRequest, tree: selectors.VersionTree) -> set[int] | None:
    """The objectives whose activities the page lists; None for all of them."""
    if tree.activity_count <= SHOW_ALL_UP_TO or request.GET.get("all") == "1":
        return None
    shown = _ids(request, "objective")
    axes = _ids(request, "axis")
    for axis in tree.axes:
        if axis.axis.pk in axes:
            shown.update(o.objective.pk for o in axis.objectives)
    return shown


def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tree = selectors.version_tree(request.user, pk)
    version = tree.version
    actor = _actor(request)
    shown = _shown_objectives(request, tree)
    return render(
        request,
        "workplan/version_detail.html",
        {
            "tree": tree,
            "version": version,
            "collapsed": shown is not None,
            "shown": shown or set(),
            "large": tree.activity_count > SHOW_ALL_UP_TO,
            "can_edit": access.can_edit_workplan_version(actor, version.status),
            "can_submit": access.can_draft_workplan(actor)
            and version.status == WorkPlanVersion.Status.DRAFT,
            "can_adopt": access.can_adopt_workplan(actor) and not version.is_frozen,
            "can_draft": access.can_draft_workplan(actor),
            "can_review": access.can_view_workplan_review(actor),
        },
    )


@require_http_methods(["GET", "POST"])
def version_submit(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_visible(request.user, pk)
    if request.method != "POST":
        if not access.can_draft_workplan(_actor(request)):
            raise PermissionDenied
        return confirm_page(
            request,
            Confirmation(
                title=_("Send the version for review"),
                subject=str(version),
                consequence=_(
                    "The network can comment on the version and propose amendments; its text is "
                    "no longer edited as a draft."
                ),
                undo=_("This cannot be undone: later changes go through amendments."),
                button=_("Send for review"),
                cancel_url=_version_url(pk),
            ),
        )
    try:
        services.version_submit_for_review(user=request.user, version=version)
    except ValidationError as exc:
        _error_messages(request, exc)
    else:
        messages.success(request, _("The version is sent to the network for review."))
    return redirect(_version_url(pk))


# --- the review --------------------------------------------------------------------------------


def _officer_countries(request: HttpRequest) -> Any:
    own = access.own_country_ids(_actor(request))
    return network_selectors.countries_of(request.user, own).order_by("name_es")


def version_review(request: HttpRequest, pk: int) -> HttpResponse:
    tree = selectors.version_review(request.user, pk)
    version = tree.version
    actor = _actor(request)
    countries = _officer_countries(request) if len(access.own_country_ids(actor)) > 1 else None
    return render(
        request,
        "workplan/version_review.html",
        {
            "tree": tree,
            "version": version,
            "can_comment": access.can_comment_on_workplan(actor, version.status),
            "can_amend": access.can_amend_workplan(actor, version.status),
            "can_decide": access.can_decide_amendment(actor) and not version.is_frozen,
            "amendment_countries": countries,
            "decide_form": forms.DecideForm(),
        },
    )


def _anchor(objective: Objective | None, activity: Activity | None) -> str:
    if activity is not None:
        return f"activity-{activity.pk}"
    if objective is not None:
        return f"objective-{objective.pk}"
    return "version-comments"


@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_visible(request.user, pk)
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_review_url(pk))
    objective, activity = selectors.review_target(
        version, form.cleaned_data["objective"], form.cleaned_data["activity"]
    )
    try:
        services.plan_comment_add(
            user=request.user,
            version=version,
            text=form.cleaned_data["text"],
            objective=objective,
            activity=activity,
        )
    except ValidationError as exc:
        _error_messages(request, exc)
    else:
        messages.success(request, _("Your comment was sent."))
    return redirect(_review_url(pk, _anchor(objective, activity)))


@require_POST
def amendment_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_visible(request.user, pk)
    form = forms.AmendmentForm(request.POST, countries=_officer_countries(request))
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_review_url(pk))
    objective, activity = selectors.review_target(
        version, form.cleaned_data["objective"], form.cleaned_data["activity"]
    )
    try:
        services.amendment_propose(
            user=request.user,
            version=version,
            text=form.cleaned_data["text"],
            objective=objective,
            activity=activity,
            country=form.cleaned_data["country"],
        )
    except ValidationError as exc:
        _error_messages(request, exc)
    else:
        messages.success(request, _("Your amendment was proposed."))
    return redirect(_review_url(pk, _anchor(objective, activity)))


@require_POST
def amendment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    amendment = selectors.amendment_for_decision(request.user, pk)
    form = forms.DecideForm(request.POST)
    if not access.can_decide_amendment(_actor(request)):
        raise PermissionDenied
    if not form.is_valid():
        _form_errors(request, form)
    elif request.POST.get("confirmed") != "1" and form.cleaned_data["reason"].strip():
        # A decision on an amendment is final: the page asks once more, with the choice made.
        accept = form.cleaned_data["decision"] == "accept"
        return confirm_page(
            request,
            Confirmation(
                title=_("Accept the amendment") if accept else _("Reject the amendment"),
                subject=_("Amendment of %(country)s") % {"country": amendment.country.name},
                consequence=_(
                    "The decision is recorded with your reason, and the network sees it in the "
                    "review of the version."
                ),
                undo=_("This cannot be undone."),
                button=_("Accept") if accept else _("Reject"),
                cancel_url=_review_url(amendment.version_id, f"amendment-{amendment.pk}"),
                hidden={
                    "decision": form.cleaned_data["decision"],
                    "reason": form.cleaned_data["reason"],
                    "confirmed": "1",
                },
            ),
        )
    else:
        try:
            services.amendment_decide(
                user=request.user,
                amendment=amendment,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            _error_messages(request, exc)
        else:
            messages.success(request, _("The decision is recorded."))
    return redirect(_review_url(amendment.version_id, f"amendment-{amendment.pk}"))


# --- adoption ----------------------------------------------------------------------------------


def version_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    """Two steps without scripts: choose the meeting, then the point of its report and the
    date."""
    version = selectors.version_visible(request.user, pk)
    if not access.can_adopt_workplan(_actor(request)) or version.is_frozen:
        raise PermissionDenied
    meetings = selectors.adoption_meetings(request.user)
    source = request.POST if request.method == "POST" else request.GET
    step1 = forms.AdoptMeetingForm(source or None, meetings=meetings)
    form = None
    if step1.is_bound and step1.is_valid():
        meeting = step1.cleaned_data["meeting"]
        points = selectors.adoption_points(request.user, meeting)
        form = forms.AdoptForm(
            request.POST if request.method == "POST" else None,
            meetings=meetings,
            points=points,
            initial={"meeting": meeting.pk},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.version_adopt(
                    user=request.user,
                    version=version,
                    meeting=meeting,
                    point=form.chosen_point(),
                    adopted_on=form.cleaned_data["adopted_on"],
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The version is adopted: it is the plan in force."))
                return redirect(_version_url(version.pk))
    return render(
        request,
        "workplan/version_adopt.html",
        {"version": version, "step1": step1, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- drafting ----------------------------------------------------------------------------------


def _edit_page(
    request: HttpRequest,
    *,
    form: forms.PlanItemForm,
    save: Callable[[], models.Model],
    title: str,
    version: WorkPlanVersion,
    item: models.Model | None = None,
    formset: Any = None,
) -> HttpResponse:
    """Render an item's form; on a valid POST save it through its service and go back to the
    version. On a conflict the form comes back with the user's input, what the other person
    changed, and a fresh fingerprint: saving again is a knowing choice."""
    conflict: list[selectors.ConflictRow] = []
    status = 200
    if request.method == "POST":
        valid = form.is_valid()
        valid = (formset.is_valid() if formset is not None else True) and valid
        if valid:
            try:
                saved = save()
            except EditConflict as exc:
                assert item is not None
                fresh = type(item)._default_manager.get(pk=item.pk)
                now = services.item_snapshot(fresh)
                conflict = selectors.conflict_rows(type(item), form.opened_snapshot(), now)
                data = request.POST.copy()
                form.instance = fresh
                form.reopen(data)
                form.data = data
                form.add_error(None, exc)
                status = 409
            except ValidationError as exc:
                apply_validation_error(form, exc)
                status = 400
            else:
                messages.success(request, _("Saved."))
                return redirect(_item_url(version.pk, str(saved._meta.model_name), saved))
        else:
            status = 400
    return render(
        request,
        "workplan/version_item_form.html",
        {
            "form": form,
            "formset": formset,
            "title": title,
            "version": version,
            "item": item,
            "conflict": conflict,
        },
        status=status,
    )


def axis_new(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.editable_version(request.user, pk)
    form = forms.AxisForm(request.POST or None, lines=selectors.plan_lines_of(version))
    return _edit_page(
        request,
        form=form,
        save=lambda: services.axis_create(
            user=request.user, version=version, data=form.model_data()
        ),
        title=_("New axis"),
        version=version,
    )


def axis_edit(request: HttpRequest, pk: int) -> HttpResponse:
    axis = selectors.editable_item(request.user, Axis, pk)
    form = forms.AxisForm(
        request.POST or None, instance=axis, lines=selectors.plan_lines_of(axis.version)
    )
    return _edit_page(
        request,
        form=form,
        save=lambda: services.axis_update(
            user=request.user,
            axis=axis,
            data=form.model_data(),
            expected_state=form.expected_state(),
        ),
        title=_("Edit axis"),
        version=axis.version,
        item=axis,
    )


def objective_new(request: HttpRequest, pk: int) -> HttpResponse:
    axis = selectors.editable_item(request.user, Axis, pk)
    form = forms.ObjectiveForm(
        request.POST or None, version=axis.version, initial={"axis": axis.pk}
    )
    return _edit_page(
        request,
        form=form,
        save=lambda: services.objective_create(
            user=request.user, axis=axis, data=form.model_data()
        ),
        title=_("New objective"),
        version=axis.version,
    )


def objective_edit(request: HttpRequest, pk: int) -> HttpResponse:
    objective = selectors.editable_item(request.user, Objective, pk)
    form = forms.ObjectiveForm(request.POST or None, instance=objective, version=objective.version)
    return _edit_page(
        request,
        form=form,
        save=lambda: services.objective_update(
            user=request.user,
            objective=objective,
            data=form.model_data(),
            expected_state=form.expected_state(),
        ),
        title=_("Edit objective"),
        version=objective.version,
        item=objective,
    )


def activity_new(request: HttpRequest, pk: int) -> HttpResponse:
    objective = selectors.editable_item(request.user, Objective, pk)
    form = forms.ActivityForm(
        request.POST or None, version=objective.version, initial={"objective": objective.pk}
    )
    formset = forms.indicator_formset(request.POST or None)
    return _edit_page(
        request,
        form=form,
        formset=formset,
        save=lambda: services.activity_create(
            user=request.user,
            objective=objective,
            data={
                **form.model_data(),
                **form.relations(),
                "indicators": forms.indicator_rows(formset),
            },
        ),
        title=_("New activity"),
        version=objective.version,
    )


def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.editable_item(request.user, Activity, pk)
    form = forms.ActivityForm(request.POST or None, instance=activity, version=activity.version)
    formset = forms.indicator_formset(request.POST or None, activity=activity)
    return _edit_page(
        request,
        form=form,
        formset=formset,
        save=lambda: services.activity_update(
            user=request.user,
            activity=activity,
            data={
                **form.model_data(),
                **form.relations(),
                "indicators": forms.indicator_rows(formset),
            },
            expected_state=form.expected_state(),
        ),
        title=_("Edit activity"),
        version=activity.version,
        item=activity,
    )


ITEM_MODELS: dict[str, type[Axis] | type[Objective] | type[Activity]] = {
    "axis": Axis,
    "objective": Objective,
    "activity": Activity,
}


def _item_model(kind: str) -> type[Axis] | type[Objective] | type[Activity]:
    model = ITEM_MODELS.get(kind)
    if model is None:
        raise Http404
    return model


def item_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Confirm, then delete an axis, objective or activity (with what it holds)."""
    item = selectors.editable_item(request.user, _item_model(kind), pk)
    conflict: list[selectors.ConflictRow] = []
    status = 200
    if request.method == "POST":
        try:
            services.item_delete(
                user=request.user, item=item, expected_state=request.POST.get("state") or None
            )
        except EditConflict as exc:
            item.refresh_from_db()
            now = services.item_snapshot(item)
            opened = forms.load_opened(request.POST.get("opened", ""))
            conflict = selectors.conflict_rows(type(item), opened, now)
            messages.error(request, exc.messages[0])
            status = 409
        except ValidationError as exc:
            _error_messages(request, exc)
            status = 400
        else:
            messages.success(request, _("Deleted."))
            return redirect(_version_url(item.version_id))
    snapshot = services.item_snapshot(item)
    return render(
        request,
        "workplan/version_item_delete.html",
        {
            "item": item,
            "kind": kind,
            "version": item.version,
            "state": services.state_of_snapshot(snapshot),
            "opened": forms.sign_opened(snapshot),
            "conflict": conflict,
        },
        status=status,
    )


@require_POST
def item_move(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = selectors.editable_item(request.user, _item_model(kind), pk)
    try:
        services.item_move(user=request.user, item=item, up=request.POST.get("direction") == "up")
    except ValidationError as exc:
        _error_messages(request, exc)
    return redirect(_item_url(item.version_id, kind, item))


# --- comparing ---------------------------------------------------------------------------------


def compare(request: HttpRequest) -> HttpResponse:
    """Two versions side by side (?a=&b=): what B added, removed and changed from A. The
    activities that did not change are counted, and listed only when asked (&unchanged=1): in a
    new version of a 500-activity plan they are most of the rows."""
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    comparison = None
    rows: list[selectors.CompareRow] = []
    show_unchanged = request.GET.get("unchanged") == "1"
    hidden = 0
    if a.isdigit() and b.isdigit():
        comparison = selectors.version_compare(request.user, int(a), int(b))
        for row in comparison.rows:
            if show_unchanged or row.kind != "same" or row.level != "activity":
                rows.append(row)
            else:
                hidden += 1
    return render(
        request,
        "workplan/compare.html",
        {
            "comparison": comparison,
            "rows": rows,
            "hidden": hidden,
            "show_unchanged": show_unchanged,
            "versions": [
                # Labelled once for the two lists (a plan's history is hundreds of versions).
                (str(v.pk), f"{v.work_plan.name} — v{v.number} ({v.get_status_display()})")
                for v in selectors.versions_visible_to(request.user).order_by(
                    "work_plan__period_start", "work_plan_id", "number"
                )
            ],
            "a": a,
            "b": b,
        },
    )


@require_http_methods(["GET", "POST"])
def activity_from_commitment(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a confirmed commitment an activity of a work plan version being drafted."""

    if not access.can_draft_workplan(access.actor_for(request.user)):
        raise PermissionDenied
    commitment = commitment_detail(request.user, pk)
    form = forms.ObjectiveChoiceForm(
        request.POST or None, objectives=selectors.objectives_in_drafting(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_from_commitment(
                user=request.user, commitment=commitment, objective=form.cleaned_data["objective"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The commitment is now an activity of the work plan."))
            return redirect("workplan:draft_activity_edit", pk=activity.pk)
    return render(
        request,
        "workplan/from_commitment.html",
        {"form": form, "commitment": commitment},
        status=400 if request.method == "POST" else 200,
    )


# --- the annex document and the version's spreadsheet -----------------------------------------


def _readable_version(request: HttpRequest, pk: int) -> WorkPlanVersion:
    versions = selectors.versions_visible_to(request.user)
    version = documents.version_for_document(pk, versions)
    if version is None:
        raise Http404
    return version


def _language(request: HttpRequest) -> str:
    language = request.GET.get("lang", "es")
    return language if language in documents.LANGUAGES else "es"


@require_safe
def version_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    version = _readable_version(request, pk)
    language = _language(request)
    return attachment(
        documents.render_pdf(version, language),
        content_type="application/pdf",
        filename=documents.document_filename(version, language, "pdf"),
    )


@require_safe
def version_docx(request: HttpRequest, pk: int) -> HttpResponse:
    version = _readable_version(request, pk)
    language = _language(request)
    return attachment(
        documents.render_docx(version, language),
        content_type=DOCX_TYPE,
        filename=documents.document_filename(version, language, "docx"),
    )


@require_safe
def version_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.versions_visible_to(request.user).filter(pk=pk).first()
    if version is None:
        raise Http404
    content = xlsx.version_workbook(version, xlsx.version_activities(version))
    return attachment(
        content,
        content_type=xlsx.XLSX_TYPE,
        filename=documents.document_filename(version, "activities", "xlsx"),
    )
