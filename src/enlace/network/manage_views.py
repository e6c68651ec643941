"""The secretariat's pages to create and edit the network and its directory."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from enlace import access
from enlace.core.manage import edit_page
from enlace.network import forms, selectors, services
from enlace.network.models import Country, Membership, Organisation, Person, Presidency


def _require_secretariat(request: HttpRequest) -> None:
    if not access.can_manage_directory(access.actor_for(request.user)):
        raise PermissionDenied


def index(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request)
    from enlace.meetings.selectors import meetings_managed_by

    return render(
        request,
        "core/manage_index.html",
        {
            "countries": selectors.countries_visible_to(request.user),
            "organisations": selectors.organisations_visible_to(request.user),
            "presidencies": selectors.presidencies_visible_to(request.user),
            "people": selectors.people_managed_by(request.user).order_by("family_name")[:500],
            "memberships": selectors.directory_visible_to(request.user, include_former=True)[:500],
            "meetings": meetings_managed_by(request.user)[:200],
        },
    )


def country_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_secretariat(request)
    country = get_object_or_404(Country, pk=pk) if pk else None
    form = forms.CountryForm(request.POST or None, instance=country)
    return edit_page(
        request,
        form=form,
        save=lambda: services.country_save(
            user=request.user,
            data=form.model_data(),
            country=country,
            expected_state=form.expected_state(),
        ),
        title=_("Edit country") if country else _("New country"),
        success_url=lambda c: reverse("network:country", args=[c.code]),  # type: ignore[attr-defined]
    )


def organisation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_secretariat(request)
    organisation = get_object_or_404(Organisation, pk=pk) if pk else None
    form = forms.OrganisationForm(request.POST or None, instance=organisation)
    return edit_page(
        request,
        form=form,
        save=lambda: services.organisation_save(
            user=request.user,
            data=form.model_data(),
            organisation=organisation,
            expected_state=form.expected_state(),
        ),
        title=_("Edit organisation") if organisation else _("New organisation"),
        success_url=lambda o: reverse("manage:index") + "#organisations",
    )


def presidency_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_secretariat(request)
    presidency = get_object_or_404(Presidency, pk=pk) if pk else None
    form = forms.PresidencyForm(request.POST or None, instance=presidency)
    return edit_page(
        request,
        form=form,
        save=lambda: services.presidency_save(
            user=request.user,
            data=form.model_data(),
            presidency=presidency,
            expected_state=form.expected_state(),
        ),
        title=_("Edit presidency") if presidency else _("New presidency"),
        success_url=lambda p: reverse("network:overview"),
    )


def person_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_secretariat(request)
    person = get_object_or_404(Person, pk=pk) if pk else None
    form = forms.PersonForm(request.POST or None, instance=person)
    return edit_page(
        request,
        form=form,
        save=lambda: services.person_save(
            user=request.user,
            data=form.model_data(),
            person=person,
            expected_state=form.expected_state(),
        ),
        title=_("Edit person") if person else _("New person"),
        success_url=lambda p: reverse("manage:index") + "#people",
    )


def membership_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_secretariat(request)
    membership = get_object_or_404(Membership.objects.select_related("post"), pk=pk) if pk else None
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
