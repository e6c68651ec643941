"""Forms of the follow-up pages: an activity's status and progress (carrying what was opened,
to detect and show a conflicting save), a milestone, a piece of evidence, the filters of the
dashboard and of "my activities"."""

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enlace.core.forms import LONG_TEXT_LIMIT, DateInput, Form
from enlace.core.services import state_token
from enlace.followup.services import opened_values
from enlace.workplan.models import Activity


class ProgressForm(Form):
    """Status, progress, completion date, results and reason for cancelling of an activity.

    Two hidden fields carry the activity as the form was opened: its fingerprint (``state``)
    and its follow-up values (``opened``), so that a later save by someone else is refused and
    shown field by field."""

    text_limits = {"results": LONG_TEXT_LIMIT, "cancel_reason": 4000}
    status = forms.ChoiceField(label=_("Status"), choices=Activity.Status.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    completed_on = forms.DateField(
        label=_("Completed on"),
        required=False,
        widget=DateInput(),
        help_text=_("Required when the activity is completed."),
    )
    results = forms.CharField(
        label=_("Results"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    cancel_reason = forms.CharField(
        label=_("Reason for cancelling"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the activity is cancelled."),
    )
    state = forms.CharField(widget=forms.HiddenInput, required=False)
    opened = forms.CharField(widget=forms.HiddenInput, required=False)

    @classmethod
    def for_activity(cls, activity: Activity, **kwargs: Any) -> "ProgressForm":
        return cls(initial=cls.initial_for(activity), **kwargs)

    @staticmethod
    def initial_for(activity: Activity) -> dict[str, Any]:
        return {
            "status": activity.status,
            "progress": activity.progress,
            "completed_on": activity.completed_on,
            "results": activity.results,
            "cancel_reason": activity.cancel_reason,
            "state": state_token(activity),
            "opened": json.dumps(opened_values(activity), default=str),
        }

    def opened_values(self) -> dict[str, Any] | None:
        """What the editor opened, or ``None`` if the form did not say (or said nonsense)."""
        try:
            value = json.loads(self.cleaned_data.get("opened") or "null")
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "progress": data["progress"],
            "completed_on": data.get("completed_on"),
            "results": data.get("results") or "",
            "cancel_reason": data.get("cancel_reason") or "",
            "expected_state": data.get("state") or None,
            "opened": self.opened_values(),
        }


class MilestoneForm(Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(
        label=_("What happened"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvidenceForm(Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(label=_("Link"), required=False, max_length=200, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False)


class DashboardFilterForm(Form):
    """Which plan in force, which axis, which responsible country."""

    plan = forms.ChoiceField(label=_("Work plan"), required=False)
    axis = forms.TypedChoiceField(label=_("Axis"), coerce=int, required=False, empty_value=None)
    country = forms.ChoiceField(label=_("Responsible country"), required=False)

    def __init__(
        self,
        *args: Any,
        plans: list[tuple[str, str]],
        axes: list[tuple[int, str]],
        countries: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["plan"].choices = plans  # type: ignore[attr-defined]
        self.fields["axis"].choices = everything + axes  # type: ignore[attr-defined]
        self.fields["country"].choices = everything + countries  # type: ignore[attr-defined]


class MineFilterForm(Form):
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args: Any, countries: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All")), *countries]  # type: ignore[attr-defined]
