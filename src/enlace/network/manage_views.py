"""The secretariat's pages to create and edit the network and its directory."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from enlace import access
from enlace.core.forms import StatefulModelForm
from enlace.core.manage import edit_page, record_edit_page
from enlace.network import forms, selectors, services
from enlace.network.models import Country, Membership, Organisation, Person, Presidency


def _require_secretariat(request: HttpRequest) -> None:
    if not access.can_manage_directory(access.actor_for(request.user)):
        raise PermissionDenied


def _simple_edit(
    request: HttpRequest,
    pk: int | None,
    *,
    model: type[Model],
    form_class: type[StatefulModelForm],
    service: Callable[..., Model],
    titles: tuple[str, str],
    success_url: Callable[[Any], str],
) -> HttpResponse:
    """New or edit page of one directory record, written by its named service."""
    _require_secretariat(request)
    return record_edit_page(
        request,
        instance=selectors.record_managed(request.user, model, pk) if pk else None,
        form_class=form_class,
        service=service,
        allowed=True,
        titles=titles,
        success_url=success_url,
    )


def country_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(
        request,
        pk,
        model=Country,
        form_class=forms.CountryForm,
        service=services.country_save,
        titles=(_("New country"), _("Edit country")),
        success_url=lambda c: reverse("portal:country", args=[c.code]),
    )


def organisation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(
        request,
        pk,
        model=Organisation,
        form_class=forms.OrganisationForm,
        service=services.organisation_save,
        titles=(_("New organisation"), _("Edit organisation")),
        success_url=lambda o: reverse("manage:index") + "#organisations",
    )


def presidency_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(
        request,
        pk,
        model=Presidency,
        form_class=forms.PresidencyForm,
        service=services.presidency_save,
        titles=(_("New presidency"), _("Edit presidency")),
        success_url=lambda p: reverse("network:overview"),
    )


def person_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(
        request,
        pk,
        model=Person,
        form_class=forms.PersonForm,
        service=services.person_save,
        titles=(_("New person"), _("Edit person")),
        success_url=lambda p: reverse("manage:index") + "#people",
    )


def membership_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_secretariat(request)
    membership = selectors.record_managed(request.user, Membership, pk) if pk else None
    initial = {"person": request.GET.get("person")} if not pk else None
    form = forms.MembershipForm(request.POST or None, instance=membership, initial=initial)
    return edit_page(
        request,
        form=form,
        save=lambda: services.membership_save(
            user=request.user,
            data=form.service_data(),
            membership=membership,
            expected_state=form.expected_state(),
        ),
        title=_("Edit membership") if membership else _("New membership"),
        success_url=lambda m: reverse("network:person", args=[m.person_id]),  # type: ignore[attr-defined]
    )
