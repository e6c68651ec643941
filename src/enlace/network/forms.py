from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enlace.core.forms import StatefulModelForm, date_widgets
from enlace.core.i18n import NAME_LABELS
from enlace.network.models import (
    Body,
    Country,
    Membership,
    Organisation,
    Person,
    Post,
    Presidency,
)


class CountryForm(StatefulModelForm):
    class Meta:
        model = Country
        fields = ["code", "name_es", "name_en", "name_fr", "status", "joined_year"]
        labels = NAME_LABELS

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise forms.ValidationError(_("Use the three-letter ISO 3166-1 code, e.g. HND."))
        return code


class OrganisationForm(StatefulModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name_es",
            "name_en",
            "name_fr",
            "acronym",
            "kind",
            "country",
            "is_observer",
            "website",
        ]
        labels = NAME_LABELS


class PresidencyForm(StatefulModelForm):
    class Meta:
        model = Presidency
        fields = ["year", "country", "start_date", "end_date"]
        widgets = date_widgets(Presidency)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.filter(  # type: ignore[attr-defined]
            status=Country.Status.MEMBER
        )


class PersonForm(StatefulModelForm):
    class Meta:
        model = Person
        fields = ["honorific", "given_name", "family_name", "email", "phone"]


class MembershipForm(StatefulModelForm):
    """A membership names its post by body, role and country or organisation."""

    body = forms.ModelChoiceField(Body.objects.all(), label=_("Body"))
    role = forms.ChoiceField(choices=Post.Role.choices, label=_("Role"))
    country = forms.ModelChoiceField(Country.objects.all(), required=False, label=_("Country"))
    organisation = forms.ModelChoiceField(
        Organisation.objects.all(), required=False, label=_("Organisation")
    )

    class Meta:
        model = Membership
        fields = ["person", "institution", "position", "start_date", "end_date"]
        widgets = date_widgets(Membership)

    field_order = [
        "person",
        "body",
        "role",
        "country",
        "organisation",
        "institution",
        "position",
        "start_date",
        "end_date",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            post = self.instance.post
            self.initial.update(
                body=post.body_id,
                role=post.role,
                country=post.country_id,
                organisation=post.organisation_id,
            )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if bool(cleaned.get("country")) == bool(cleaned.get("organisation")):
            self.add_error("country", _("Choose either a country or an organisation for the post."))
        return cleaned

    def _get_validation_exclusions(self) -> set[str]:
        # The post is resolved from body, role, country or organisation by the service.
        return {*super()._get_validation_exclusions(), "post"}  # type: ignore[misc]

    def service_data(self) -> dict[str, Any]:
        data = self.model_data()
        for name in ("body", "role", "country", "organisation"):
            data[name] = self.cleaned_data.get(name)
        return data
