"""Forms of contributions, recommendations, answers and mechanisms. Validation that needs the
database or the user is the services'."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enlace.contributions.models import Answer, Contribution, Mechanism, Recommendation
from enlace.core.forms import Form, StatefulModelForm, date_widgets
from enlace.meetings.models import Meeting
from enlace.network.models import Country, Organisation
from enlace.reports.models import ReportPoint


class ContributionForm(StatefulModelForm):
    class Meta:
        model = Contribution
        fields = ["kind", "title", "summary", "visibility"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}


class ContributionNewForm(ContributionForm):
    """A new contribution: the meeting, and whom it speaks for (when the user may choose)."""

    meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), label=_("Meeting"))
    author = forms.ChoiceField(label=_("Submitted by"))

    class Meta(ContributionForm.Meta):
        fields = ["meeting", "kind", "title", "summary", "visibility"]

    def __init__(
        self, *args: Any, meetings: Any, authors: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]
        self.fields["author"].choices = authors  # type: ignore[attr-defined]
        self.order_fields(["meeting", "author"])

    def author_objects(self) -> tuple[Organisation | None, Country | None]:
        kind, _sep, pk = str(self.cleaned_data["author"]).partition(":")
        if kind == "org":
            return Organisation.objects.get(pk=int(pk)), None
        return None, Country.objects.get(pk=int(pk))


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept into the record")), ("return", _("Return to its author"))],
        widget=forms.RadioSelect,
    )
    report_point = forms.ModelChoiceField(
        queryset=ReportPoint.objects.none(),
        required=False,
        label=_("Report point that took note of it"),
    )
    return_reason = forms.CharField(
        label=_("Reason for returning it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    state = forms.CharField(widget=forms.HiddenInput, required=False)


class PointForm(Form):
    report_point = forms.ModelChoiceField(
        queryset=ReportPoint.objects.none(),
        required=False,
        label=_("Report point that took note of it"),
    )


class DocumentForm(Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"))


class RecommendationForm(StatefulModelForm):
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.filter(status=Country.Status.MEMBER).order_by("name_es"),
        required=False,
        label=_("Addressed to (when not all member countries)"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Recommendation
        fields = ["text", "to_all_members", "countries"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class AnswerForm(Form):
    position = forms.ChoiceField(
        label=_("Answer"), choices=Answer.Position.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    actions = forms.CharField(
        label=_("What the country will do"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    state = forms.CharField(widget=forms.HiddenInput, required=False)


class FollowUpForm(Form):
    country = forms.ModelChoiceField(queryset=Country.objects.none(), label=_("Country"))
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ActivityFollowUpForm(Form):
    country = forms.ModelChoiceField(queryset=Country.objects.none(), label=_("Country"))
    objective = forms.ModelChoiceField(queryset=Country.objects.none(), label=_("Objective"))


class MechanismForm(StatefulModelForm):
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.filter(status=Country.Status.MEMBER).order_by("name_es"),
        label=_("Member countries"),
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.exclude(kind="secretariat").order_by("name_es"),
        label=_("Organisations"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Mechanism
        fields = [
            "title",
            "kind",
            "scope",
            "countries",
            "organisations",
            "start_date",
            "end_date",
            "status",
            "visibility",
        ]
        widgets = {**date_widgets(Mechanism), "scope": forms.Textarea(attrs={"rows": 4})}
