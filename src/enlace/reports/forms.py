import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enlace.core.forms import LONG_TEXT_LIMIT, DateInput, Form, StatefulModelForm
from enlace.meetings.forms import LANGUAGE_CHOICES
from enlace.meetings.models import Meeting
from enlace.reports.models import Report
from enlace.reports.services import COMMENT_MAX_CHARS


class CommentForm(Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=COMMENT_MAX_CHARS,
        label=_("Your delegation's comment"),
    )


class AnswerForm(Form):
    answer = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=COMMENT_MAX_CHARS,
        label=_("Answer"),
    )


class AdoptForm(Form):
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


class PresentForm(Form):
    presented_on = forms.DateField(widget=DateInput(), label=_("Presented to the GRCM on"))


class ReportForm(StatefulModelForm):
    """A draft report's own fields. Adopting, presenting and publishing are the secretariat's
    buttons on the report's page (enlace.reports.services), not fields of this form."""

    language = forms.ChoiceField(choices=LANGUAGE_CHOICES, label=_("Language"))

    class Meta:
        model = Report
        fields = [
            "meeting",
            "language",
            "title",
            "place_line",
            "date_line",
            "opening",
            "observers_invited",
        ]
        widgets = {"opening": forms.Textarea(attrs={"rows": 5})}
        # Report.meeting has no verbose name of its own.
        labels = {"meeting": _("Meeting")}


class ReportRevisionForm(StatefulModelForm):
    """The correction of an adopted report: its text, and why it is corrected."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        label=_("Reason for the revision"),
        help_text=_("Shown with the report: what was corrected and why."),
    )

    class Meta:
        model = Report
        fields = ["title", "place_line", "date_line", "opening"]
        widgets = {"opening": forms.Textarea(attrs={"rows": 5})}


class PointForm(Form):
    text_limits = {"text": LONG_TEXT_LIMIT}

    id = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    level = forms.TypedChoiceField(
        choices=[(0, _("Point")), (1, _("Sub-point"))], coerce=int, label=_("Level")
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Text")
    )
    split = forms.BooleanField(
        required=False,
        label=_("Split into two points at the empty line"),
        help_text=_("The text after the first empty line becomes a new point below this one."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("split") and len(split_text(data.get("text", ""))) < 2:
            self.add_error(
                "text", _("Leave an empty line in the text where the point is to be split.")
            )
        return data

    def rows(self) -> list[tuple[int, str, int | None]]:
        """The point (level, text, id) this row stands for, or two if it is split."""
        data = self.cleaned_data
        if data.get("split"):
            first, second = split_text(data["text"])
            return [(data["level"], first, data.get("id")), (data["level"], second, None)]
        return [(data["level"], data.get("text", ""), data.get("id"))]


def split_text(text: str) -> list[str]:
    """A point's text cut at its first empty line: [before, after] (or [text] if none)."""
    parts = re.split(r"\n[ \t]*\n", (text or "").replace("\r\n", "\n").strip(), maxsplit=1)
    return [p.strip() for p in parts if p.strip()]


PointFormSet = forms.formset_factory(
    PointForm, extra=2, can_delete=True, can_order=True, max_num=500, validate_max=True
)
