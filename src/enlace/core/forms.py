"""Form helpers shared by the platform's own administration pages."""

from typing import Any

from django import forms
from django.db import models

from enlace.core.services import state_token


class StatefulModelForm(forms.ModelForm):  # type: ignore[type-arg]
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
