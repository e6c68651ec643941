"""Forms of the drafting, review and adoption of the work plan. The services check the rules;
these forms only parse what a person typed."""

import datetime
from typing import Any

from django import forms
from django.core import signing
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from enlace.core.forms import DateInput, Form, StatefulModelForm
from enlace.core.i18n import NAME_LABELS, current_language
from enlace.core.services import deadline_error
from enlace.meetings.models import Meeting
from enlace.network.models import Country, Organisation
from enlace.reports.models import ReportPoint
from enlace.workplan import services
from enlace.workplan.models import (
    Activity,
    Axis,
    Objective,
    PlanAxis,
    PlanLine,
    PlanOfAction,
    WorkPlan,
    WorkPlanVersion,
)

OPENED_SALT = "enlace.workplan.opened"


def sign_opened(snapshot: dict[str, Any]) -> str:
    """What an edit form opened, signed so that it comes back as it was sent."""
    return signing.dumps(snapshot, salt=OPENED_SALT, compress=True)


def load_opened(value: str) -> dict[str, Any] | None:
    if not value:
        return None
    try:
        loaded = signing.loads(value, salt=OPENED_SALT)
    except signing.BadSignature:
        return None
    return loaded if isinstance(loaded, dict) else None


class PlanItemForm(StatefulModelForm):
    """An edit form of an axis, objective or activity. Besides the fingerprint of what it
    opened (``state``) it carries what it opened (``opened``, signed), so that on a conflict
    the page can show what the other person changed."""

    opened = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.reopen()

    def reopen(self, data: Any = None) -> None:
        """Start again from what is saved now (after a conflict, the next save is knowing)."""
        saved = services.item_snapshot(self.instance)
        state = services.state_of_snapshot(saved)
        opened = sign_opened(saved)
        if data is not None:
            data["state"] = state
            data["opened"] = opened
        else:
            self.initial["state"] = state
            self.initial["opened"] = opened

    def opened_snapshot(self) -> dict[str, Any] | None:
        return load_opened(self.data.get("opened", "") if self.is_bound else "")


class AxisForm(PlanItemForm):
    class Meta:
        model = Axis
        fields = ["title_es", "title_en", "plan_line"]
        widgets = {
            "title_es": forms.TextInput(attrs={"size": 80}),
            "title_en": forms.TextInput(attrs={"size": 80}),
        }

    def __init__(self, *args: Any, lines: QuerySet[PlanLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan_line"].queryset = lines  # type: ignore[attr-defined]


class ObjectiveForm(PlanItemForm):
    class Meta:
        model = Objective
        fields = ["title_es", "title_en", "description_es", "description_en", "axis", "weight"]
        widgets = {
            "title_es": forms.TextInput(attrs={"size": 80}),
            "title_en": forms.TextInput(attrs={"size": 80}),
            "description_es": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, version: WorkPlanVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["axis"]
        field.queryset = Axis.objects.filter(version=version).order_by("position")  # type: ignore[attr-defined]
        field.empty_label = None  # type: ignore[attr-defined]


class ActivityForm(PlanItemForm):
    responsible_countries = forms.ModelMultipleChoiceField(
        Country.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Responsible countries"),
    )
    responsible_organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Responsible organisations"),
    )

    class Meta:
        model = Activity
        fields = [
            "title_es",
            "title_en",
            "description_es",
            "description_en",
            "objective",
            "responsible_countries",
            "responsible_organisations",
            "partners",
            "start_date",
            "end_date",
            "weight",
            "status",
            "progress",
        ]
        widgets = {
            "title_es": forms.TextInput(attrs={"size": 80}),
            "title_en": forms.TextInput(attrs={"size": 80}),
            "partners": forms.TextInput(attrs={"size": 80}),
            "description_es": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args: Any, version: WorkPlanVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        objective = self.fields["objective"]
        objective.queryset = Objective.objects.filter(version=version).order_by(  # type: ignore[attr-defined]
            "axis__position", "position", "pk"
        )
        objective.empty_label = None  # type: ignore[attr-defined]
        self.fields["responsible_countries"].queryset = Country.objects.filter(  # type: ignore[attr-defined]
            status=Country.Status.MEMBER
        ).order_by(f"name_{current_language()}")
        self.fields["responsible_organisations"].queryset = Organisation.objects.order_by(  # type: ignore[attr-defined]
            "acronym", "name_es"
        )

    def clean_end_date(self) -> datetime.date | None:
        """The deadline of an activity is not set in the past; one kept as it was stands."""
        value: datetime.date | None = self.cleaned_data.get("end_date")
        error = deadline_error(value, previous=self.instance.end_date if self.instance.pk else None)
        if error is not None:
            raise error
        return value

    def relations(self) -> dict[str, Any]:
        return {
            "responsible_countries": list(self.cleaned_data["responsible_countries"]),
            "responsible_organisations": list(self.cleaned_data["responsible_organisations"]),
        }


def _cell(label: Any, max_length: int) -> forms.CharField:
    """A text cell of the indicators table, labelled for screen readers by its column."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        widget=forms.TextInput(attrs={"aria-label": label}),
    )


class IndicatorForm(Form):
    name = _cell(_("Indicator"), 300)
    baseline = _cell(_("Baseline"), 100)
    target = _cell(_("Target"), 100)
    current = _cell(_("Current value"), 100)


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=2, max_num=50)


def indicator_formset(data: Any = None, *, activity: Activity | None = None) -> forms.BaseFormSet:  # type: ignore[type-arg]
    initial = (
        [
            {"name": i.name, "baseline": i.baseline, "target": i.target, "current": i.current}
            for i in activity.indicators.order_by("pk")
        ]
        if activity is not None and activity.pk
        else []
    )
    return IndicatorFormSet(data, initial=initial, prefix="indicators")


def indicator_rows(formset: forms.BaseFormSet) -> list[services.IndicatorRow]:  # type: ignore[type-arg]
    return [
        services.IndicatorRow(
            name=form.cleaned_data.get("name", ""),
            baseline=form.cleaned_data.get("baseline", ""),
            target=form.cleaned_data.get("target", ""),
            current=form.cleaned_data.get("current", ""),
        )
        for form in formset.forms
        if form.cleaned_data
    ]


class VersionCreateForm(Form):
    based_on = forms.ModelChoiceField(
        WorkPlanVersion.objects.none(),
        required=False,
        label=_("Copy the content of"),
        empty_label=_("Nothing: start an empty version"),
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Note")
    )

    def __init__(self, *args: Any, versions: QuerySet[WorkPlanVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["based_on"].queryset = versions  # type: ignore[attr-defined]
        self.fields["based_on"].label_from_instance = _version_label  # type: ignore[attr-defined]


def _version_label(version: WorkPlanVersion) -> str:
    return f"v{version.number} · {version.get_status_display()}"


class CommentForm(Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=services.TEXT_MAX_CHARS,
        label=_("Your delegation's comment"),
    )
    objective = forms.IntegerField(required=False, widget=forms.HiddenInput)
    activity = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AmendmentForm(CommentForm):
    country = forms.ModelChoiceField(
        Country.objects.none(), required=False, label=_("In the name of")
    )

    def __init__(
        self, *args: Any, countries: QuerySet[Country] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Proposed change")
        if countries is not None:
            self.fields["country"].queryset = countries  # type: ignore[attr-defined]


class DecideForm(Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
        label=_("Decision"),
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=services.TEXT_MAX_CHARS,
        label=_("Reason"),
    )


class AdoptMeetingForm(Form):
    """Step one of the adoption: the meeting (its report's points are offered next)."""

    meeting = forms.ModelChoiceField(Meeting.objects.none(), label=_("Adopted by the meeting"))

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class AdoptForm(AdoptMeetingForm):
    point = forms.TypedChoiceField(coerce=int, label=_("At the point of its report"))
    adopted_on = forms.DateField(widget=DateInput(), label=_("Adopted on"))

    def __init__(
        self,
        *args: Any,
        meetings: QuerySet[Meeting],
        points: list[tuple[str, ReportPoint]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, meetings=meetings, **kwargs)
        self.points = {p.pk: p for _label, p in points}
        self.fields["point"].choices = [  # type: ignore[attr-defined]
            (p.pk, f"{label} {p.text[:120]}") for label, p in points
        ]

    def chosen_point(self) -> ReportPoint | None:
        return self.points.get(self.cleaned_data["point"])


# --- the Plan of Action and the work plans (enlace.workplan.manage_views) --------------------


class PlanOfActionForm(StatefulModelForm):
    class Meta:
        model = PlanOfAction
        fields = ["slug", "name_es", "name_en", "name_fr", "adopted_year"]
        labels = {**NAME_LABELS, "slug": _("Short name in addresses")}


class PlanAxisForm(StatefulModelForm):
    class Meta:
        model = PlanAxis
        fields = ["position", "name_es", "name_en", "name_fr"]
        labels = NAME_LABELS


class PlanLineForm(StatefulModelForm):
    class Meta:
        model = PlanLine
        fields = ["position", "name_es", "name_en", "name_fr"]
        labels = NAME_LABELS


class WorkPlanForm(StatefulModelForm):
    class Meta:
        model = WorkPlan
        fields = [
            "slug",
            "name_es",
            "name_en",
            "name_fr",
            "body",
            "plan_of_action",
            "period_start",
            "period_end",
        ]
        labels = {
            **NAME_LABELS,
            "slug": _("Short name in addresses"),
            "body": _("Body"),
            "plan_of_action": _("Annex of the Plan of Action"),
        }


class ObjectiveChoiceForm(Form):
    """Where a commitment becomes an activity: an objective of a version being drafted."""

    objective = forms.ModelChoiceField(Objective.objects.none(), label=_("Objective"))

    def __init__(self, *args: Any, objectives: QuerySet[Objective], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = objectives  # type: ignore[attr-defined]
