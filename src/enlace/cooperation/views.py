"""Pages of cooperation requests and protected cases (thin: selectors, services, templates).

Anonymous visitors are sent to the login page; a logged-in user without access gets a 404 for
every page and object here, never a 403, so a third country learns nothing.
"""

import csv
import io
import json
import mimetypes
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from enlace import access
from enlace.cooperation import exports, selectors, services
from enlace.cooperation.forms import (
    AttachmentForm,
    CaseForm,
    DeclineForm,
    EventForm,
    IdentityForm,
    MessageForm,
    RequestForm,
    RevealForm,
    StepForm,
    TransitionForm,
    type_field_display,
)
from enlace.cooperation.models import (
    DEFAULT_RESPONSE_DAYS,
    NOT_CLOSED,
    ProtectedCase,
    RequestParty,
    RequestState,
    RequestType,
)
from enlace.core import charts, downloads, uploads
from enlace.core.confirm import Confirmation, confirm_page
from enlace.core.downloads import streaming_csv
from enlace.core.manage import apply_validation_error
from enlace.core.spreadsheets import csv_row

PAGE_SIZE = 50

View = Callable[..., HttpResponseBase]


def cooperation_page(view: View) -> View:
    """Login required; then nothing here for anyone outside the inbox's users."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not access.can_use_cooperation(access.actor_for(request.user)):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@cooperation_page
def inbox(request: HttpRequest) -> HttpResponse:
    actor = access.actor_for(request.user)
    requests = selectors.requests_visible_to(request.user)
    state = request.GET.get("state", "")
    if state in RequestState.values:
        requests = requests.filter(state=state)
    elif state != "all":
        # The working inbox: everything not closed yet. Closed ones are one filter away.
        state = ""
        requests = requests.filter(state__in=NOT_CLOSED)
    # The inbox shows no content: the encrypted free text is not even read (nor decrypted).
    requests = selectors.mark_waiting_on(
        request.user, requests.defer("summary", "details", "decline_reason")
    )
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cooperation/inbox.html",
        {
            "page": page,
            "state": state,
            "states": RequestState.choices,
            "can_create": access.can_create_request(actor),
            "metadata_only": access.inbox_is_metadata_only(actor),
            "types": RequestType.choices,
            "query": f"state={state}" if state else "",
        },
    )


@require_http_methods(["GET", "POST"])
@cooperation_page
def request_new(request: HttpRequest) -> HttpResponse:
    actor = access.actor_for(request.user)
    if not access.can_create_request(actor):
        raise Http404
    type_ = request.GET.get("type") or request.POST.get("type") or ""
    if type_ not in RequestType.values:
        return render(
            request,
            "cooperation/request_type.html",
            {
                "types": [
                    (value, label, DEFAULT_RESPONSE_DAYS[value])
                    for value, label in RequestType.choices
                ]
            },
        )
    own = selectors.own_countries(request.user)
    form = RequestForm(
        request.POST or None,
        type_=type_,
        own_countries=own,
        countries=selectors.countries_for_requests(),
        cases=selectors.cases_owned_by(request.user),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created = services.request_create(
                    user=request.user,
                    request_type=type_,
                    requesting_country=form.cleaned_data["requesting_country"],
                    requested_countries=list(form.cleaned_data["requested_countries"]),
                    summary=form.cleaned_data["summary"],
                    details=form.details(),
                    case=form.cleaned_data["case"],
                    due_on=form.cleaned_data["due_on"],
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The request was sent."))
                return redirect("cooperation:request", created.pk)
        status = 400
    return render(
        request,
        "cooperation/request_new.html",
        {"form": form, "type": type_, "type_label": RequestType(type_).label},
        status=status,
    )


def _request_context(request: HttpRequest, pk: int, **extra: Any) -> dict[str, Any]:
    view = selectors.request_detail(request.user, pk)
    context: dict[str, Any] = {
        "view": view,
        "req": view.cooperation_request,
        "recipients": [
            party.country.name
            for party in view.cooperation_request.parties.all()
            if party.role == RequestParty.Role.REQUESTED
        ],
    }
    if view.content:
        context.update(selectors.request_content(view))
        context["details"] = type_field_display(
            view.cooperation_request.type, view.cooperation_request.details
        )
        context["message_form"] = MessageForm()
        context["attachment_form"] = AttachmentForm()
        context["transition_form"] = TransitionForm()
    context.update(extra)
    return context


@require_GET
@cooperation_page
def request_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "cooperation/request.html", _request_context(request, pk))


def _post_back(
    request: HttpRequest, pk: int, action: Callable[[], Any], done: str, form_name: str, form: Any
) -> HttpResponse:
    try:
        action()
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return render(
            request,
            "cooperation/request.html",
            _request_context(request, pk, **{form_name: form}),
            status=400,
        )
    messages.success(request, done)
    return redirect("cooperation:request", pk)


# Transitions that cannot be undone, so the page asks before posting them.
CONFIRMED_TRANSITIONS = ("decline", "close")


def _transition_page(
    request: HttpRequest, view: Any, action: str, form: Any = None, status: int = 200
) -> HttpResponse:
    """The confirmation of declining or closing a request."""
    req = view.cooperation_request
    subject = _("Request %(reference)s: %(type)s") % {
        "reference": req.reference,
        "type": req.get_type_display(),
    }
    if action == "decline":
        confirmation = Confirmation(
            title=_("Decline the request"),
            subject=subject,
            consequence=_(
                "The requesting country is told that your country declines the request, with "
                "the reason you give below. Nobody can work on it any more."
            ),
            undo=_(
                "This cannot be undone: the requesting country would have to send a new request."
            ),
            button=_("Decline"),
            cancel_url=reverse("cooperation:request", args=[req.pk]),
            form=form or DeclineForm(),
            hidden={"action": "decline"},
            action_url=reverse("cooperation:request_transition", args=[req.pk]),
        )
    else:
        confirmation = Confirmation(
            title=_("Close the request"),
            subject=subject,
            consequence=_("The request is closed: no more steps, messages or attachments."),
            undo=_("This cannot be undone."),
            button=_("Close the request"),
            cancel_url=reverse("cooperation:request", args=[req.pk]),
            form=form,
            hidden={"action": "close"},
            action_url=reverse("cooperation:request_transition", args=[req.pk]),
        )
    return confirm_page(request, confirmation, status=status)


def _may_transition(view: Any, action: str) -> bool:
    return bool(view.close if action == "close" else view.answer)


@require_GET
@cooperation_page
def request_transition_confirm(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Ask before declining or closing: the same answer as the POST for who may not."""
    view = selectors.request_detail(request.user, pk)
    if not view.content or action not in CONFIRMED_TRANSITIONS:
        raise Http404
    if not _may_transition(view, action):
        raise PermissionDenied
    return _transition_page(request, view, action)


@require_POST
@cooperation_page
def request_transition(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.request_detail(request.user, pk)
    if not view.content:
        raise Http404
    form = TransitionForm(request.POST)
    action = request.POST.get("action", "")
    if not form.is_valid():
        if action in CONFIRMED_TRANSITIONS and _may_transition(view, action):
            return _transition_page(request, view, action, form, status=400)
        return render(
            request,
            "cooperation/request.html",
            _request_context(request, pk, transition_form=form),
            status=400,
        )
    try:
        services.request_transition(
            user=request.user,
            cooperation_request=view.cooperation_request,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        if action in CONFIRMED_TRANSITIONS:
            apply_validation_error(form, exc)
            return _transition_page(request, view, action, form, status=400)
        apply_validation_error(form, exc)
        return render(
            request,
            "cooperation/request.html",
            _request_context(request, pk, transition_form=form),
            status=400,
        )
    messages.success(request, _("The request's state was changed."))
    return redirect("cooperation:request", pk)


@require_POST
@cooperation_page
def request_message(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.request_detail(request.user, pk)
    if not view.content:
        raise Http404
    form = MessageForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "cooperation/request.html",
            _request_context(request, pk, message_form=form),
            status=400,
        )
    return _post_back(
        request,
        pk,
        lambda: services.request_message_add(
            user=request.user,
            cooperation_request=view.cooperation_request,
            body=form.cleaned_data["body"],
        ),
        _("Your message was added."),
        "message_form",
        form,
    )


@require_POST
@cooperation_page
def request_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.request_detail(request.user, pk)
    if not view.content:
        raise Http404
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request,
            "cooperation/request.html",
            _request_context(request, pk, attachment_form=form),
            status=400,
        )
    return _post_back(
        request,
        pk,
        lambda: services.request_attachment_add(
            user=request.user,
            cooperation_request=view.cooperation_request,
            upload=form.cleaned_data["file"],
        ),
        _("The file was attached."),
        "attachment_form",
        form,
    )


@require_POST
@cooperation_page
def request_step(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    view = selectors.request_detail(request.user, pk)
    step = selectors.child_step_for(view, step_pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "cooperation/request.html",
            _request_context(request, pk, step_error=True),
            status=400,
        )
    return _post_back(
        request,
        pk,
        lambda: services.child_step_update(
            user=request.user,
            cooperation_request=view.cooperation_request,
            step=step,
            state=form.cleaned_data["state"],
        ),
        _("The step was updated."),
        "step_form",
        form,
    )


@require_POST
@cooperation_page
def request_remind(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.request_detail(request.user, pk)
    try:
        services.request_remind(user=request.user, cooperation_request=view.cooperation_request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The parties were reminded."))
    return redirect("cooperation:request", pk)


@require_GET
@never_cache
@cooperation_page
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = selectors.attachment_for(request.user, pk)
    _name, data = services.attachment_content(attachment)
    # A type stored before uploads were checked by content may be anything (text/html): only
    # the types of accepted kinds are sent as they are.
    content_type = attachment.content_type
    if content_type not in set(uploads.CONTENT_TYPES.values()):
        content_type = "application/octet-stream"
    extension = mimetypes.guess_extension(attachment.content_type) or ""
    # The stored name may identify someone: the download is named after the request instead.
    # Always a download, never shown in the page's origin, and never sniffed into HTML.
    response = downloads.attachment(
        data,
        content_type=content_type,
        filename=f"{attachment.request.reference}-{attachment.pk}{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- cases -----------------------------------------------------------------------------------


def _officer_page(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not access.can_use_protected_cases(access.actor_for(request.user)):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@_officer_page
def case_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.cases_visible_to(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "cooperation/case_list.html", {"page": page, "query": ""})


def _case_form_page(
    request: HttpRequest, case: ProtectedCase | None, country_choices: Any
) -> HttpResponse:
    form = CaseForm(request.POST or None, instance=case)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.model_data()
            try:
                if case is None:
                    saved = services.case_register(
                        user=request.user, country=country_choices.first(), data=data
                    )
                else:
                    saved = services.case_update(
                        user=request.user,
                        case=case,
                        data=data,
                        expected_state=form.expected_state(),
                    )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The case was saved."))
                return redirect("cooperation:case", saved.code)
        status = 400
    return render(
        request, "cooperation/case_form.html", {"form": form, "case": case}, status=status
    )


@require_http_methods(["GET", "POST"])
@_officer_page
def case_new(request: HttpRequest) -> HttpResponse:
    return _case_form_page(request, None, selectors.own_countries(request.user))


@require_http_methods(["GET", "POST"])
@_officer_page
def case_edit(request: HttpRequest, code: str) -> HttpResponse:
    view = selectors.case_detail(request.user, code)
    if not view.edit:
        raise Http404
    return _case_form_page(request, view.case, None)


@require_GET
@_officer_page
def case_page(request: HttpRequest, code: str) -> HttpResponse:
    view = selectors.case_detail(request.user, code)
    case = view.case
    return render(
        request,
        "cooperation/case.html",
        {
            "view": view,
            "case": case,
            "events": list(case.events.select_related("country")),
            "requests": list(selectors.requests_visible_to(request.user).filter(case=case)),
            "has_identity": hasattr(case, "identity") and case.identity_purged_on is None,
            "event_form": EventForm() if view.edit else None,
            "reveal_form": RevealForm() if view.identity else None,
        },
    )


@require_POST
@_officer_page
def case_event(request: HttpRequest, code: str) -> HttpResponse:
    view = selectors.case_detail(request.user, code)
    if not view.edit:
        raise Http404
    form = EventForm(request.POST)
    if form.is_valid():
        try:
            services.trafficking_event_add(
                user=request.user,
                case=view.case,
                kind=form.cleaned_data["kind"],
                country=form.cleaned_data["country"],
                city=form.cleaned_data["city"],
                date=form.cleaned_data["date"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The event was added."))
    else:
        messages.error(request, _("The event was not added: check the stage and the country."))
    return redirect("cooperation:case", code)


@require_http_methods(["GET", "POST"])
@never_cache
@sensitive_post_parameters()
@_officer_page
def case_identity_edit(request: HttpRequest, code: str) -> HttpResponse:
    view = selectors.case_detail(request.user, code)
    if not view.edit:
        raise Http404
    form = IdentityForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.case_identity_save(
                    user=request.user,
                    case=view.case,
                    identity=form.identity(),
                    photo=form.cleaned_data["photo"],
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The identifying data was saved, encrypted."))
                return redirect("cooperation:case", code)
        status = 400
    return render(
        request,
        "cooperation/identity_form.html",
        {"form": form, "case": view.case},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@never_cache
@_officer_page
def case_identity(request: HttpRequest, code: str) -> HttpResponse:
    view = selectors.case_detail(request.user, code)
    if not view.identity:
        raise Http404
    form = RevealForm(request.POST or None)
    identity = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                identity = services.case_identity_reveal(
                    user=request.user, case=view.case, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
                status = 400
        else:
            status = 400
    response = render(
        request,
        "cooperation/identity.html",
        {"form": form, "case": view.case, "identity": identity},
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@_officer_page
def case_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    view = selectors.case_detail(request.user, code)
    if not view.export:
        raise Http404
    events = list(view.case.events.select_related("country"))
    data = exports.case_htcds(view.case, events)
    filename = f"{view.case.code}.{fmt}"
    if fmt == "json":
        return downloads.attachment(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type=downloads.JSON_TYPE,
            filename=filename,
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in exports.case_rows(data):
        writer.writerow(csv_row(row))
    return downloads.attachment(
        buffer.getvalue(), content_type=downloads.CSV_TYPE, filename=filename
    )


@require_GET
@_officer_page
def cases_export(request: HttpRequest) -> StreamingHttpResponse:
    """Every case the officer may see, laid out as HTCDS 2.0's toolkit spreadsheet."""
    cases = selectors.cases_visible_to(request.user).iterator(chunk_size=500)
    return streaming_csv(exports.toolkit_rows(cases), filename="enlace-cases-htcds.csv")


@require_GET
@login_required
def identity_log(request: HttpRequest) -> HttpResponse:
    views = selectors.identity_views_for_supervisor(request.user)
    page = Paginator(views, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cooperation/identity_log.html", {"page": page, "query": ""})


@require_GET
@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    if not access.can_view_cooperation_statistics(access.actor_for(request.user)):
        raise Http404
    counts = selectors.cooperation_counts()
    by_type = charts.bar_chart(
        key="by-type",
        title=_("Requests by type: the same figures as the table below."),
        desc=_("Requests between member countries since the first, by what they ask."),
        bars=[
            charts.Bar(row["label"], row["count"], number_format(row["count"], 0))
            for row in counts["by_type"]
        ],
    )
    return render(
        request,
        "cooperation/statistics.html",
        {"counts": counts, "by_type_chart": by_type, "inbox_url": reverse("cooperation:inbox")},
    )
