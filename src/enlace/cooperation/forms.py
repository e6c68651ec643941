"""Forms of cooperation requests and protected cases. Each request type has its own fields
(``TYPE_FIELDS``), kept in the request's ``details``."""

import datetime
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from enlace.cooperation.models import (
    DEFAULT_RESPONSE_DAYS,
    AgeBand,
    Assistance,
    ChildStep,
    ControlMethod,
    Exploitation,
    LegalBasis,
    ProtectedCase,
    Recruitment,
    RequestType,
    Sex,
    TraffickingEvent,
    Vulnerability,
)
from enlace.core.forms import DateInput, Form, ModelForm, StatefulModelForm
from enlace.network.models import Country

DOCUMENT_KINDS = [
    ("passport", _("Passport")),
    ("identity_card", _("Identity card")),
    ("birth_certificate", _("Birth certificate")),
    ("travel_document", _("Travel document")),
    ("other", _("Other")),
]
SERVICES = [
    ("shelter", _("Shelter")),
    ("medical", _("Medical care")),
    ("psychosocial", _("Psychosocial support")),
    ("legal", _("Legal assistance")),
    ("reintegration", _("Reintegration")),
]
URGENCY = [("normal", _("Normal")), ("urgent", _("Urgent"))]


def _type_fields(type_: str) -> dict[str, forms.Field]:
    """The fields of a request type. None asks for a name: the person is the case code."""
    if type_ == RequestType.REPATRIATION:
        return {
            "destination": forms.CharField(
                label=_("Destination (department or province)"), max_length=100
            ),
            "planned_travel_date": forms.DateField(
                label=_("Planned travel date"), required=False, widget=DateInput()
            ),
            "receiving_institution": forms.CharField(
                label=_("Proposed receiving institution"), max_length=200, required=False
            ),
        }
    if type_ == RequestType.ASSISTED_RETURN:
        return {
            "destination": forms.CharField(
                label=_("Destination (department or province)"), max_length=100
            ),
            "reserve_fund": forms.BooleanField(
                label=_("Ask for the CRM reserve fund for assisted return"), required=False
            ),
        }
    if type_ == RequestType.FAMILY_TRACING:
        return {
            "locality": forms.CharField(label=_("Last known locality"), max_length=100),
            "risk_assessment": forms.BooleanField(
                label=_("Include an assessment of the risk of return"), required=False, initial=True
            ),
        }
    if type_ == RequestType.DOCUMENT_VERIFICATION:
        return {
            "document_kind": forms.ChoiceField(label=_("Document"), choices=DOCUMENT_KINDS),
            "issuing_authority": forms.CharField(
                label=_("Issuing authority"), max_length=200, required=False
            ),
        }
    if type_ == RequestType.INVESTIGATION:
        return {
            "file_reference": forms.CharField(
                label=_("Investigation or prosecution file"), max_length=100
            ),
            "legal_instrument": forms.CharField(
                label=_("Legal instrument relied on"), max_length=200, required=False
            ),
            "urgency": forms.ChoiceField(label=_("Urgency"), choices=URGENCY),
        }
    if type_ == RequestType.ASSISTANCE_REFERRAL:
        return {
            "services": forms.MultipleChoiceField(
                label=_("Services needed"), choices=SERVICES, widget=forms.CheckboxSelectMultiple
            ),
        }
    return {}


def type_field_display(type_: str, details: dict[str, Any]) -> list[tuple[str, str]]:
    """The type's fields of a request as (label, words) in the user's language: a choice by
    its label, several choices joined, yes or no, a date in the locale's format."""
    fields = _type_fields(type_)
    shown = []
    for name, value in details.items():
        field = fields.get(name)
        labels = dict(getattr(field, "choices", None) or [])
        values = value if isinstance(value, list | tuple) else [value]
        words = []
        for item in values:
            if item is True or item is False:
                words.append(str(_("yes") if item else _("no")))
            elif item in (None, ""):
                continue
            elif isinstance(field, forms.DateField):
                try:
                    words.append(date_format(datetime.date.fromisoformat(str(item))))
                except ValueError:
                    words.append(str(item))
            else:
                words.append(str(labels.get(item, item)))
        shown.append((str(field.label) if field else name, ", ".join(words) or "—"))
    return shown


class RequestForm(Form):
    requesting_country = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Country.objects.none()
    )
    requested_countries = forms.ModelMultipleChoiceField(
        label=_("To the member countries"),
        queryset=Country.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    case = forms.ModelChoiceField(
        label=_("Protected case"), queryset=ProtectedCase.objects.none(), required=False
    )
    summary = forms.CharField(
        label=_("What is asked"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Refer to the person by the case code only: never a name."),
    )
    due_on = forms.DateField(
        label=_("Answer due by"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for the type's default response time."),
    )

    def __init__(
        self,
        *args: Any,
        type_: str,
        own_countries: Any,
        countries: Any,
        cases: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.type = type_
        self.fields["requesting_country"].queryset = own_countries  # type: ignore[attr-defined]
        # A country does not ask itself: its own country is not offered as a recipient (an
        # officer of several countries chooses among the others, and the form refuses the
        # one that sends).
        if own_countries.count() == 1:
            countries = countries.exclude(pk__in=own_countries)
        self.fields["requested_countries"].queryset = countries  # type: ignore[attr-defined]
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]
        self.fields["case"].label_from_instance = lambda c: c.code  # type: ignore[attr-defined]
        if own_countries.count() == 1:
            self.fields["requesting_country"].initial = own_countries.first()
        self.fields["due_on"].help_text = _(
            "Leave empty for the type's default response time (%(days)s days)."
        ) % {"days": DEFAULT_RESPONSE_DAYS.get(type_, 30)}
        self.detail_names = list(_type_fields(type_))
        self.fields.update(_type_fields(type_))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        sender = cleaned.get("requesting_country")
        if sender is not None and sender in (cleaned.get("requested_countries") or []):
            self.add_error(
                "requested_countries",
                _(
                    "%(country)s cannot send a request to itself: choose only other member "
                    "countries."
                )
                % {"country": sender.name},
            )
        return cleaned

    def details(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.detail_names:
            value = self.cleaned_data.get(name)
            out[name] = value.isoformat() if isinstance(value, datetime.date) else value
        return out


class TransitionForm(Form):
    action = forms.ChoiceField(
        choices=[(a, a) for a in ("acknowledge", "start", "complete", "decline", "close")]
    )
    reason = forms.CharField(
        label=_("Reason for declining"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeclineForm(Form):
    """The one field the confirmation of declining asks for."""

    reason = forms.CharField(
        label=_("Reason for declining"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MessageForm(Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}))


class AttachmentForm(Form):
    file = forms.FileField(label=_("File"))


class StepForm(Form):
    state = forms.ChoiceField(label=_("State"), choices=ChildStep.State.choices)


def _multi(label: Any, choices: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class CaseForm(StatefulModelForm):
    exploitation = _multi(_("Forms of exploitation"), Exploitation.choices)
    control_methods = _multi(_("Means of control"), ControlMethod.choices)
    recruitment = _multi(_("Recruitment"), Recruitment.choices)
    vulnerabilities = _multi(_("Vulnerabilities"), Vulnerability.choices)
    assistance = _multi(_("Assistance given"), Assistance.choices)
    age_band = forms.ChoiceField(label=_("Age band"), choices=AgeBand.choices)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    legal_basis = forms.ChoiceField(
        label=_("Legal basis for sharing"), choices=LegalBasis.choices, required=False
    )

    class Meta:
        model = ProtectedCase
        fields = [
            "age_at_identification",
            "age_band",
            "is_minor",
            "sex",
            "citizenship",
            "identified_on",
            "exploitation",
            "control_methods",
            "recruitment",
            "vulnerabilities",
            "assistance",
            "processing_consent",
            "sharing_consent",
            "legal_basis",
            "legal_basis_note",
            "status",
        ]
        widgets = {"identified_on": DateInput()}


class EventForm(ModelForm):
    class Meta:
        model = TraffickingEvent
        fields = ["kind", "country", "city", "date"]
        widgets = {"date": DateInput()}


class IdentityForm(Form):
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput())
    documents = forms.CharField(
        label=_("Identity documents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kind and number of each document."),
    )
    contacts = forms.CharField(
        label=_("Contacts"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    photo = forms.ImageField(label=_("Photo"), required=False)

    def identity(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "given_name": data["given_name"],
            "family_name": data["family_name"],
            "birth_date": data["birth_date"].isoformat() if data["birth_date"] else "",
            "documents": data["documents"],
            "contacts": data["contacts"],
        }


class RevealForm(Form):
    reason = forms.CharField(
        label=_("Why do you need to see the identifying data?"),
        max_length=300,
        help_text=_("Your reason is logged with your name and read by your country's supervisor."),
    )
