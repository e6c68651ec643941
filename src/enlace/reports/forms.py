from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enlace.core.forms import DateInput
from enlace.meetings.models import Meeting
from enlace.reports.services import COMMENT_MAX_CHARS


class CommentForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=COMMENT_MAX_CHARS,
        label=_("Your delegation's comment"),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=COMMENT_MAX_CHARS,
        label=_("Answer"),
    )


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(widget=DateInput(), label=_("Adopted on"))
    meeting = forms.ModelChoiceField(
        Meeting.objects.none(),
        required=False,
        label=_("At the meeting"),
        help_text=_("Leave empty if the report was adopted at its own meeting."),
    )

    def __init__(self, *args: Any, meetings: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if meetings is not None:
            self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class PresentForm(forms.Form):
    presented_on = forms.DateField(widget=DateInput(), label=_("Presented to the GRCM on"))
