"""Logins in the Django admin. Making someone staff or superuser, or changing their groups,
permissions or password, is a grant: each such write is an audit event."""

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import router, transaction
from django.http import HttpRequest, HttpResponse

from enlace.accounts.models import User
from enlace.audit.admin import AuditedModelAdmin


class AuditedUserAdmin(AuditedModelAdmin, UserAdmin):  # type: ignore[type-arg]
    # What a login may do in the admin; the event records these values (no personal data).
    audited_values = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")

    def user_change_password(
        self,
        request: HttpRequest,
        id: str,  # noqa: A002 (Django's admin URL passes it by this name)
        form_url: str = "",
    ) -> HttpResponse:
        """Setting or disabling a password through the admin is an event (never the hash)."""
        with transaction.atomic(using=router.db_for_write(self.model)):
            user = self.get_object(request, unquote(id))
            before = user.password if user is not None else None
            response = super().user_change_password(request, id, form_url)
            if user is not None:
                user.refresh_from_db(fields=["password"])
                if user.password != before:
                    self.audit(
                        request,
                        "admin.password_change",
                        user,
                        fields=["password"],
                        after={"usable_password": user.has_usable_password()},
                    )
        return response


class AuditedGroupAdmin(AuditedModelAdmin, GroupAdmin):
    audited_values = ("permissions",)


def _register(model: Any, model_admin: Any) -> None:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)


_register(User, AuditedUserAdmin)
_register(Group, AuditedGroupAdmin)
