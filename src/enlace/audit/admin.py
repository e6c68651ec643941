"""The bases for the Django admin, which only the system administrator uses.

Grants (people, posts, memberships) and everything else the secretariat edits in /manage/
go through its audited services; the admin only shows them (``ReadOnlyModelAdmin``). What the
admin may still write goes through ``AuditedModelAdmin``: every create, change and delete is
an audit event, recorded in the same transaction as the write. The event names the object and
the fields that changed, never their values, unless a field is listed in ``audited_values``
(privilege flags and the like, never personal data).
"""

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.db import models, router, transaction
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from enlace.audit.models import AuditEvent
from enlace.audit.services import audit_record
from enlace.core.admin import ReadOnlyModelAdmin


def _value(obj: models.Model, name: str) -> Any:
    """The stored value of a field: a primary key for a relation, the sorted keys for many."""
    field = obj._meta.get_field(name)
    if field.many_to_many:
        if obj.pk is None:
            return []
        return sorted(getattr(obj, name).values_list("pk", flat=True))
    value = getattr(obj, field.attname)  # type: ignore[union-attr]
    return value if value is None or isinstance(value, bool | int | str) else str(value)


def _form_value(obj: models.Model, form: ModelForm[Any] | None, name: str) -> Any:
    """The value a field takes once the form is saved (many-to-many come from the form)."""
    field = obj._meta.get_field(name)
    if field.many_to_many and form is not None and name in form.cleaned_data:
        return sorted(item.pk for item in form.cleaned_data[name])
    return _value(obj, name)


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A model admin whose every write is an audit event ("admin.create", "admin.change",
    "admin.delete"), in the transaction of the write."""

    # Fields whose values (not only their names) the event records. Never personal data.
    audited_values: tuple[str, ...] = ()

    def _db(self, obj: models.Model) -> str:
        return router.db_for_write(type(obj), instance=obj)

    def _values(self, obj: models.Model) -> dict[str, Any]:
        return {name: _value(obj, name) for name in self.audited_values}

    def audit(
        self,
        request: HttpRequest,
        action: str,
        obj: models.Model,
        *,
        fields: Iterable[str] | None = None,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        """Record an admin write: the field names that changed, and the audited values."""
        recorded: dict[str, Any] = {"fields": sorted(set(fields))} if fields is not None else {}
        if after:
            recorded["values"] = after
        audit_record(
            actor=request.user,
            action=action,
            instance=obj,
            before={"values": before} if before else None,
            after=recorded or None,
        )

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic(using=self._db(obj)):
            before = None
            if change and self.audited_values:
                stored = type(obj)._default_manager.filter(pk=obj.pk).first()
                before = self._values(stored) if stored is not None else None
            super().save_model(request, obj, form, change)
            after = {name: _form_value(obj, form, name) for name in self.audited_values}
            self.audit(
                request,
                "admin.change" if change else "admin.create",
                obj,
                fields=form.changed_data if form is not None else (),
                before=before,
                after=after,
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic(using=self._db(obj)):
            self.audit(request, "admin.delete", obj, before=self._values(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic(using=router.db_for_write(queryset.model)):
            for obj in queryset:
                self.audit(request, "admin.delete", obj, before=self._values(obj))
            super().delete_queryset(request, queryset)

    def save_formset(
        self,
        request: HttpRequest,
        form: Any,
        formset: BaseInlineFormSet[Any, Any, Any],
        change: bool,
    ) -> None:
        """Inline rows are writes too: each one created, changed or deleted is an event."""
        with transaction.atomic(using=self._db(form.instance)):
            instances = formset.save(commit=False)
            for obj in formset.deleted_objects:
                self.audit(request, "admin.delete", obj)
                obj.delete()
            changed = {id(obj): fields for obj, fields in formset.changed_objects}
            for obj in instances:
                created = id(obj) not in changed
                obj.save()
                self.audit(
                    request,
                    "admin.create" if created else "admin.change",
                    obj,
                    fields=changed.get(id(obj), []),
                )
            formset.save_m2m()


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    """The trail is written by the services only: the admin can neither add nor alter it."""

    list_display = ["at", "actor_label", "action", "object_type", "object_label"]
