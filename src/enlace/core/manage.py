"""The generic edit page of the secretariat's administration: parse, call the service, answer."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from enlace.core.forms import StatefulModelForm


def apply_validation_error(form: BaseForm, exc: ValidationError) -> None:
    """Show a service's validation error on the form: on its fields where it names them."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target if target != NON_FIELD_ERRORS else None, error)
    else:
        form.add_error(None, exc)


def edit_page(
    request: HttpRequest,
    *,
    form: BaseForm,
    save: Callable[[], models.Model],
    title: str,
    success_url: Callable[[models.Model], str],
    template: str = "core/manage_form.html",
    extra: dict[str, Any] | None = None,
    valid: Callable[[], bool] | None = None,
) -> HttpResponse:
    """Render ``form``; on a valid POST call ``save`` (a service) and redirect.

    Whatever the service refuses comes back as errors on the form, and nothing is saved.
    """
    if request.method == "POST" and (valid() if valid else form.is_valid()):
        try:
            saved = save()
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(success_url(saved))
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, "title": title, **(extra or {})}, status=status)


def record_edit_page(
    request: HttpRequest,
    *,
    instance: models.Model | None,
    form_class: type[StatefulModelForm],
    service: Callable[..., models.Model],
    allowed: bool,
    titles: tuple[str, str],
    success_url: Callable[[Any], str],
    fixed: dict[str, Any] | None = None,
) -> HttpResponse:
    """New (``instance`` None) or edit page of one record, written by its named service.

    ``service`` is called as ``service(user=…, data=…, <model_name>=instance, expected_state=…)``;
    ``fixed`` adds values the page decides (the parent of a new record), never the form.
    """
    if not allowed:
        raise PermissionDenied
    form = form_class(request.POST or None, instance=instance)
    model_name = form_class._meta.model._meta.model_name or ""
    return edit_page(
        request,
        form=form,
        save=lambda: service(
            user=request.user,
            data={**form.model_data(), **(fixed or {})},
            expected_state=form.expected_state(),
            **{model_name: instance},
        ),
        title=titles[1] if instance else titles[0],
        success_url=success_url,
    )
