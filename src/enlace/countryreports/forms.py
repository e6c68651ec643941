"""Forms of the country reports. The figures' checks are not here: they are
``enlace.countryreports.validation``'s, applied by the services."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from enlace.core.forms import LONG_TEXT_LIMIT, DateInput, Form, ModelForm, StatefulModelForm
from enlace.countryreports.indicators import (
    CATEGORIES,
    DIMENSIONS,
    INDICATORS,
    PILLARS,
    FigureKey,
    series_keys,
)
from enlace.countryreports.models import Agreement, CountryReport, LegislationEntry, Programme


class RoundForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    period_start = forms.DateField(label=_("Period start"), widget=DateInput())
    period_end = forms.DateField(label=_("Period end"), widget=DateInput())
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())


def figure_field_name(key: FigureKey) -> str:
    return key.slug


class ReportForm(StatefulModelForm):
    """The narrative and every figure of the catalogue (empty = not reported). Figures are
    plain text fields: what was typed is kept as it is, and checked by the service."""

    text_limits = dict.fromkeys(("advances", "challenges", "cooperation_needs"), LONG_TEXT_LIMIT)

    class Meta:
        model = CountryReport
        fields = ["advances", "challenges", "cooperation_needs"]
        widgets = {
            "advances": forms.Textarea(attrs={"rows": 5}),
            "challenges": forms.Textarea(attrs={"rows": 5}),
            "cooperation_needs": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, entries: dict[FigureKey, object] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.figure_keys: list[FigureKey] = []
        for indicator in INDICATORS.values():
            for key in series_keys(indicator):
                name = figure_field_name(key)
                self.fields[name] = forms.CharField(
                    label=key.label(),
                    required=False,
                    max_length=40,
                    widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 8}),
                )
                if entries and key in entries and not self.is_bound:
                    self.initial[name] = entries[key]
                self.figure_keys.append(key)

    def figures(self) -> dict[FigureKey, object]:
        return {key: self.cleaned_data.get(figure_field_name(key), "") for key in self.figure_keys}

    def narrative(self) -> dict[str, str]:
        return {
            name: self.cleaned_data.get(name, "")
            for name in ("advances", "challenges", "cooperation_needs")
        }

    def sections(self) -> list[dict[str, Any]]:
        """The figure fields grouped for the page: pillar → indicator (and crime) → total and
        breakdowns, each breakdown a row of fields."""
        out: list[dict[str, Any]] = []
        for pillar, pillar_label in PILLARS.items():
            blocks = []
            for indicator in INDICATORS.values():
                if indicator.pillar != pillar:
                    continue
                for crime in indicator.crimes:
                    total = FigureKey(indicator.code, crime)
                    breakdowns = []
                    for dimension in indicator.dimensions:
                        breakdowns.append(
                            {
                                "label": DIMENSIONS[dimension],
                                "fields": [
                                    (
                                        self[
                                            figure_field_name(
                                                FigureKey(
                                                    indicator.code, crime, dimension, category
                                                )
                                            )
                                        ],
                                        name,
                                    )
                                    for category, name in CATEGORIES[dimension].items()
                                ],
                            }
                        )
                    blocks.append(
                        {
                            "key": total,
                            "label": total.label().rsplit(",", 1)[0],
                            "total": self[figure_field_name(total)],
                            "breakdowns": breakdowns,
                        }
                    )
            out.append({"label": pillar_label, "blocks": blocks})
        return out


class ReviseForm(ReportForm):
    reason = forms.CharField(
        label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 3})
    )


class QueryForm(Form):
    message = forms.CharField(
        label=_("Question for the country"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ProgrammeForm(ModelForm):
    class Meta:
        model = Programme
        fields = ["kind", "name", "audience", "reach", "period"]


class AgreementForm(ModelForm):
    """An agreement of the report; it may be one of the register's cooperation mechanisms to
    which the country is a party (``mechanisms``: those the user may read)."""

    class Meta:
        model = Agreement
        fields = ["kind", "title", "partners", "signed_on", "mechanism"]
        widgets = {"signed_on": DateInput()}

    def __init__(self, *args: Any, mechanisms: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mechanism"]
        field.queryset = mechanisms  # type: ignore[attr-defined]
        field.required = False
        field.help_text = _("When the agreement is in the register of cooperation mechanisms.")


class UploadForm(Form):
    file = forms.FileField(label=_("Filled-in template (XLSX)"))


class LegislationForm(StatefulModelForm):
    class Meta:
        model = LegislationEntry
        fields = ["status", "reference", "last_confirmed"]
        widgets = {"last_confirmed": DateInput()}


class DashboardFilterForm(Form):
    series = forms.ChoiceField(label=_("Indicator"), required=False)
    country = forms.MultipleChoiceField(
        label=_("Countries"), required=False, widget=forms.CheckboxSelectMultiple
    )
    year_from = forms.IntegerField(label=_("From year"), required=False, min_value=1990)
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1990)
    sex = forms.ChoiceField(label=_("Sex"), required=False)
    age = forms.ChoiceField(label=_("Age group"), required=False)
    form = forms.ChoiceField(label=_("Form of exploitation"), required=False)

    def __init__(
        self,
        *args: Any,
        series: list[tuple[str, str]],
        countries: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["series"]).choices = series
        cast(forms.ChoiceField, self.fields["country"]).choices = countries
        everyone = [("", _("all (total)"))]
        for name in ("sex", "age", "form"):
            cast(forms.ChoiceField, self.fields[name]).choices = everyone + [
                (code, str(label)) for code, label in CATEGORIES[name].items()
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [name for name in ("sex", "age", "form") if data.get(name)]
        if len(chosen) > 1:
            raise forms.ValidationError(
                _(
                    "Choose one breakdown at a time (sex, age or form): countries report each "
                    "breakdown against the total, not crossed with another."
                )
            )
        low, high = data.get("year_from"), data.get("year_to")
        if low and high and low > high:
            self.add_error("year_to", _("The last year cannot be before the first."))
        return data
