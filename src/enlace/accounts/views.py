"""The account page with personal API tokens (sign-in and passwords are allauth's)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from enlace import access
from enlace.accounts.selectors import api_token_of, api_tokens_of
from enlace.accounts.services import (
    api_token_create,
    api_token_revoke,
    user_deactivate,
    user_reactivate,
)
from enlace.core.confirm import Confirmation, confirm_page
from enlace.core.forms import Form
from enlace.network.selectors import person_managed


class TokenForm(Form):
    name = forms.CharField(label=gettext_lazy("Token name"), max_length=100)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    new_token = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            form = TokenForm()
    person = getattr(request.user, "person", None)
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "tokens": api_tokens_of(request.user),
            "new_token": new_token,
            "person": person,
            "memberships": person.memberships.current().select_related(
                "post__body", "post__country", "post__organisation"
            )
            if person
            else [],
            "roles": access.actor_for(request.user).role_codes,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = api_token_of(request.user, pk)
    if request.method != "POST":
        return confirm_page(
            request,
            Confirmation(
                title=_("Revoke the token"),
                subject=_("%(name)s (starts with %(prefix)s…)")
                % {"name": token.name, "prefix": token.prefix},
                consequence=_(
                    "Programs that use this token can no longer reach the API in your name."
                ),
                undo=_("This cannot be undone: create a new token if you need one."),
                button=_("Revoke"),
                cancel_url=reverse("accounts:profile"),
            ),
        )
    api_token_revoke(user=request.user, token=token)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:profile")


def account_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate (or reactivate) the account of a person, after a page that says what follows."""
    person = person_managed(request.user, pk)
    account = person.user
    if account is None:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "deactivate":
                user_deactivate(actor=request.user, user=account)
                messages.success(request, _("The account was deactivated."))
            elif request.POST.get("action") == "reactivate":
                user_reactivate(actor=request.user, user=account)
                messages.success(request, _("The account was reactivated."))
            return redirect(reverse("manage:index") + "#people")
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "accounts/manage_account.html",
        {
            "person": person,
            "account": account,
            "error": error,
            "title": _("Deactivate an account")
            if account.is_active
            else _("Reactivate an account"),
        },
    )
