"""Form helpers shared by the platform's own forms: the bases every form of the project
subclasses (``Form``, ``ModelForm``), which give every text field a maximum length; the
stateful model form of the administration pages; date widgets."""

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models
from django.forms.forms import DeclarativeFieldsMetaclass
from django.forms.models import ModelFormMetaclass
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import ngettext

from enlace.core.services import state_token

# The maximum lengths of free text, by kind: a title or a short line; a summary, note, reason
# or message; a long text (a report's point, a country report's narrative, an activity's
# results). A field without its own maximum gets LINE_LIMIT, or TEXT_LIMIT if it is a text area.
LINE_LIMIT = 300
TEXT_LIMIT = 5_000
LONG_TEXT_LIMIT = 20_000


def _limit_text(limit: int) -> str:
    return ngettext("Up to %(limit)s character.", "Up to %(limit)s characters.", limit) % {
        "limit": limit
    }


# Evaluated when the page is shown, in its language (a lazy ngettext's % would translate now).
_lazy_limit_text = lazy(_limit_text, str)


def limit_help(limit: int) -> Any:
    """ "Up to N characters.", in the language of the page that shows it."""
    return _lazy_limit_text(limit)


def is_free_text(field: forms.Field) -> bool:
    """A text field a person types into (hidden fields carry the form's own tokens)."""
    return isinstance(field, forms.CharField) and not field.widget.is_hidden


def limit_text(field: forms.CharField, limit: int | None = None) -> None:
    """Give a text field its maximum (``limit``, else its own, else the default of its kind),
    enforced by a validator, shown as the ``maxlength`` attribute and said in its help text."""
    if not is_free_text(field) or getattr(field, "_limit_shown", False):
        return
    if limit is None:
        limit = field.max_length or (
            TEXT_LIMIT if isinstance(field.widget, forms.Textarea) else LINE_LIMIT
        )
    if field.max_length != limit:
        field.validators = [
            v for v in field.validators if not isinstance(v, MaxLengthValidator)
        ] + [MaxLengthValidator(limit)]
        field.max_length = limit
    field.widget.attrs["maxlength"] = str(limit)
    help_text = limit_help(limit)
    field.help_text = (
        format_lazy("{} {}", field.help_text, help_text) if field.help_text else help_text
    )
    field._limit_shown = True  # type: ignore[attr-defined]


def limit_text_fields(fields: dict[str, forms.Field], limits: dict[str, int] | None = None) -> None:
    for name, field in fields.items():
        if isinstance(field, forms.CharField):
            limit_text(field, (limits or {}).get(name))


class _LimitedFormMetaclass(DeclarativeFieldsMetaclass):
    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any]) -> Any:
        new_class: Any = super().__new__(mcs, name, bases, attrs)
        limit_text_fields(new_class.base_fields, getattr(new_class, "text_limits", None))
        return new_class


class _LimitedModelFormMetaclass(ModelFormMetaclass):
    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any]) -> Any:
        new_class: Any = super().__new__(mcs, name, bases, attrs)
        limit_text_fields(new_class.base_fields, getattr(new_class, "text_limits", None))
        return new_class


class Form(forms.Form, metaclass=_LimitedFormMetaclass):
    """The base of the project's forms: every text field has a maximum length (a class may
    name its own in ``text_limits``); fields added when the form is made get one too."""

    text_limits: dict[str, int] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_text_fields(self.fields, self.text_limits)


class ModelForm(forms.ModelForm, metaclass=_LimitedModelFormMetaclass):  # type: ignore[type-arg]
    """``Form`` for a model: a model field's own ``max_length`` is kept as the maximum."""

    text_limits: dict[str, int] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_text_fields(self.fields, self.text_limits)


class StatefulModelForm(ModelForm):
    """A model form that carries the fingerprint of the object as it was when the form was
    opened, so that the service can refuse to overwrite someone else's later edit."""

    state = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["state"] = state_token(self.instance)

    def model_data(self) -> dict[str, Any]:
        """The cleaned values of the model's own fields, for a service."""
        names = [f.name for f in self.instance._meta.fields]
        return {k: v for k, v in self.cleaned_data.items() if k in names}

    def expected_state(self) -> str | None:
        value = self.cleaned_data.get("state") or None
        return str(value) if value else None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_widgets(model: type[models.Model]) -> dict[str, forms.Widget]:
    return {
        f.name: DateInput()
        for f in model._meta.fields
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)
    }
