"""Log in and out, passwords, and the account page with personal API tokens."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from enlace import access
from enlace.accounts.selectors import api_tokens_of
from enlace.accounts.services import api_token_create, api_token_revoke, api_tokens_revoke_all
from enlace.audit.services import audit_record


class AuditedPasswordChangeView(auth_views.PasswordChangeView):
    """Changing one's password is a write: it leaves an audit event (never the password)."""

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            user = form.user
            audit_record(actor=user, action="user.password_change", instance=user)
            api_tokens_revoke_all(user=user, reason="password_change")
        return response


class AuditedPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            audit_record(actor=form.user, action="user.password_reset", instance=form.user)
            api_tokens_revoke_all(user=form.user, reason="password_reset")
        return response


class TokenForm(forms.Form):
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
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(api_tokens_of(request.user), pk=pk)
    api_token_revoke(user=request.user, token=token)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:profile")
