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
