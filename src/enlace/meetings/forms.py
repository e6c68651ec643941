from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enlace.core.forms import Form, ModelForm, StatefulModelForm, date_widgets
from enlace.meetings.models import Meeting, MeetingDocument, Participation
from enlace.network.models import Country, Organisation, Person

LANGUAGE_CHOICES = [("es", _("Spanish")), ("en", _("English")), ("fr", _("French"))]


class MeetingForm(StatefulModelForm):
    countries = forms.ModelMultipleChoiceField(
        Country.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Participating countries"),
    )
    organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Participating organisations"),
    )
    agenda = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        label=_("Agenda"),
        help_text=_("One item per line, in order."),
    )

    class Meta:
        model = Meeting
        fields = [
            "body",
            "title",
            "start_date",
            "end_date",
            "city",
            "country",
            "format",
            "visibility",
        ]
        widgets = date_widgets(Meeting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            participations = list(self.instance.participations.all())
            self.initial["countries"] = [p.country_id for p in participations if p.country_id]
            self.initial["organisations"] = [
                p.organisation_id for p in participations if p.organisation_id
            ]
            self.initial["agenda"] = "\n".join(
                item.title for item in self.instance.agenda_items.all()
            )

    def agenda_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["agenda"].splitlines() if line.strip()]


class RepresentativeForm(Form):
    participation = forms.ModelChoiceField(Participation.objects.none(), label=_("Delegation"))
    person = forms.ModelChoiceField(
        Person.objects.all(), required=False, label=_("Person of the directory")
    )
    name = forms.CharField(required=False, max_length=200, label=_("Or the name"))
    position = forms.CharField(required=False, max_length=200, label=_("Position"))

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participation"].queryset = meeting.participations.select_related(  # type: ignore[attr-defined]
            "country", "organisation"
        )


class DocumentForm(ModelForm):
    language = forms.ChoiceField(choices=LANGUAGE_CHOICES, label=_("Language"))

    class Meta:
        model = MeetingDocument
        fields = ["title", "language", "visibility", "file"]
