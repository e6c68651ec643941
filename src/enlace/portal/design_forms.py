"""The sample form of the design page: refused on purpose, so the page shows the error
summary and the errors beside each field as every form of the platform shows them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from enlace.core.forms import Form


class SampleForm(Form):
    title = forms.CharField(label=_("Title"), max_length=10)
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional. Write what the reader needs to know."),
    )
