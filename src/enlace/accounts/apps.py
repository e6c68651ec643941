from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "enlace.accounts"
    label = "accounts"

    def ready(self) -> None:
        from allauth.account.signals import password_changed, password_reset
        from allauth.mfa.signals import authenticator_added, authenticator_removed
        from django.contrib.auth.signals import user_logged_in

        from enlace.accounts import receivers, second_factor

        user_logged_in.connect(second_factor.on_signed_in, dispatch_uid="enlace-second-factor")
        authenticator_added.connect(
            second_factor.on_authenticator_changed, dispatch_uid="enlace-2fa-added"
        )
        authenticator_removed.connect(
            second_factor.on_authenticator_changed, dispatch_uid="enlace-2fa-removed"
        )
        password_changed.connect(receivers.on_password_changed, dispatch_uid="enlace-pw-change")
        password_reset.connect(receivers.on_password_reset, dispatch_uid="enlace-pw-reset")
        _close_allauth_admin()


def _close_allauth_admin() -> None:
    """allauth registers its models in the Django admin (the admin's autodiscovery has run by
    now). None may be written there: a removed authenticator or a changed address would take
    an account over without the platform's checks; the secrets are never shown."""
    from allauth.account.models import EmailAddress, EmailConfirmation
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession
    from django.contrib import admin

    from enlace.core.admin import ReadOnlyModelAdmin

    for model in (Authenticator, EmailConfirmation, EmailAddress, UserSession):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
    for model in (EmailAddress, UserSession):
        admin.site.register(model, ReadOnlyModelAdmin)
