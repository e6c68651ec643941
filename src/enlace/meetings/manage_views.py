"""The secretariat's pages to create and edit meetings, their delegations and documents."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from enlace.core.confirm import Confirmation, confirm_page
from enlace.core.manage import apply_validation_error, edit_page
from enlace.meetings import forms, selectors, services


def meeting_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    # The page is the secretariat's, for a new meeting too: PermissionDenied for anyone else.
    selectors.meetings_managed_by(request.user)
    meeting = selectors.meeting_managed(request.user, pk) if pk else None
    form = forms.MeetingForm(request.POST or None, instance=meeting)
    extra = {}
    if meeting is not None:
        extra = {
            "meeting": meeting,
            "representative_form": forms.RepresentativeForm(meeting=meeting),
            "document_form": forms.DocumentForm(),
            "representatives": selectors.representatives_managed(request.user, meeting),
            "documents": meeting.documents.all(),
            "cancel_url": reverse("meetings:detail", args=[meeting.pk]),
        }
    return edit_page(
        request,
        form=form,
        save=lambda: services.meeting_save(
            user=request.user,
            data=form.model_data(),
            meeting=meeting,
            countries=form.cleaned_data["countries"],
            organisations=form.cleaned_data["organisations"],
            agenda=form.agenda_lines(),
            expected_state=form.expected_state(),
        ),
        title=_("Edit meeting") if meeting else _("New meeting"),
        success_url=lambda m: reverse("manage:meeting_edit", args=[m.pk]),
        template="meetings/manage_meeting.html",
        extra=extra,
    )


@require_POST
def representative_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_managed(request.user, pk)
    form = forms.RepresentativeForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.representative_add(
                user=request.user,
                participation=form.cleaned_data["participation"],
                person=form.cleaned_data["person"],
                name=form.cleaned_data["name"],
                position=form.cleaned_data["position"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("manage:meeting_edit", pk=meeting.pk)


@require_POST
def representative_remove(request: HttpRequest, pk: int) -> HttpResponse:
    representative = selectors.representative_managed(request.user, pk)
    meeting_id = representative.participation.meeting_id
    services.representative_remove(user=request.user, representative=representative)
    messages.success(request, _("Removed."))
    return redirect("manage:meeting_edit", pk=meeting_id)


@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_managed(request.user, pk)
    form = forms.DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(
                user=request.user,
                meeting=meeting,
                data={k: form.cleaned_data[k] for k in ("title", "language", "visibility")},
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("manage:meeting_edit", pk=meeting.pk)


@require_http_methods(["GET", "POST"])
def document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_managed(request.user, pk)
    meeting_id = document.meeting_id
    if request.method != "POST":
        return confirm_page(
            request,
            Confirmation(
                title=_("Remove the document"),
                subject=document.title,
                consequence=_(
                    "The document and its file are deleted from the meeting; nobody can "
                    "download it any more."
                ),
                undo=_("This cannot be undone: to bring it back, upload the file again."),
                button=_("Remove"),
                cancel_url=reverse("manage:meeting_edit", args=[meeting_id]),
            ),
        )
    services.document_remove(user=request.user, document=document)
    messages.success(request, _("Removed."))
    return redirect("manage:meeting_edit", pk=meeting_id)
