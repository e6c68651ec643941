"""Forms of the commitment pages. Country and organisation choices are built once per page
(``Choices``), so a page with many forms does not query once per form."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enlace.commitments.models import Commitment
from enlace.core.forms import DateInput, Form
from enlace.network.models import Country, Organisation
from enlace.reports.models import ReportPoint


@dataclass(frozen=True)
class Choices:
    countries: dict[int, Country]
    organisations: dict[int, Organisation]

    @classmethod
    def load(cls) -> "Choices":
        return cls(
            countries={c.pk: c for c in Country.objects.all()},
            organisations={
                o.pk: o for o in Organisation.objects.exclude(kind=Organisation.Kind.SECRETARIAT)
            },
        )


class CommitmentForm(Form):
    """Who, what, by when: the secretariat's correction of a commitment."""

    actor_kind = forms.ChoiceField(label=_("Who"), choices=Commitment.ActorKind.choices)
    country = forms.TypedChoiceField(
        label=_("Country"), coerce=int, required=False, empty_value=None
    )
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), coerce=int, required=False, empty_value=None
    )
    text = forms.CharField(
        label=_("What"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    due_text = forms.CharField(label=_("Deadline as written"), max_length=200, required=False)

    def __init__(self, *args: Any, choices: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        blank = [("", "—")]
        self.fields["country"].choices = blank + sorted(  # type: ignore[attr-defined]
            ((pk, c.name) for pk, c in choices.countries.items()), key=lambda item: item[1]
        )
        self.fields["organisation"].choices = blank + sorted(  # type: ignore[attr-defined]
            ((pk, o.acronym or o.name) for pk, o in choices.organisations.items()),
            key=lambda item: item[1],
        )

    @classmethod
    def for_commitment(
        cls, commitment: Commitment, choices: Choices, **kwargs: Any
    ) -> "CommitmentForm":
        initial = {
            "actor_kind": commitment.actor_kind,
            "country": commitment.country_id,
            "organisation": commitment.organisation_id,
            "text": commitment.text,
            "due_date": commitment.due_date,
            "due_text": commitment.due_text,
        }
        return cls(initial=initial, choices=choices, prefix=f"c{commitment.pk}", **kwargs)

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["country"] = self.choices.countries.get(data["country"]) if data["country"] else None
        data["organisation"] = (
            self.choices.organisations.get(data["organisation"]) if data["organisation"] else None
        )
        return data


class CommitmentAddForm(CommitmentForm):
    """A commitment the secretariat writes down by hand, at one point of the report."""

    point = forms.TypedChoiceField(label=_("Point"), coerce=int)

    field_order = ["point", "actor_kind", "country", "organisation", "text", "due_date"]

    def __init__(
        self, *args: Any, choices: Choices, points: list[tuple[str, ReportPoint]], **kwargs: Any
    ) -> None:
        super().__init__(*args, choices=choices, prefix="add", **kwargs)
        self.points = {point.pk: point for _label, point in points}
        self.fields["point"].choices = [  # type: ignore[attr-defined]
            (point.pk, f"{label} {point.text[:80]}") for label, point in points
        ]

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        del data["point"]
        return data


class EvidenceForm(Form):
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What shows it was done: a short note or a link."),
    )


class ListFilterForm(Form):
    scope = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("mine", _("Mine")), ("all", _("All I can see"))],
    )
    actor_kind = forms.ChoiceField(
        label=_("Who"), required=False, choices=[("", _("Anyone")), *Commitment.ActorKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *Commitment.Status.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
