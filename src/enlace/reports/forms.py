import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from enlace.core.forms import LONG_TEXT_LIMIT, DateInput, Form, StatefulModelForm
from enlace.meetings.forms import LANGUAGE_CHOICES
from enlace.meetings.models import Meeting
from enlace.reports.models import Report, ReportPoint, number_points
from enlace.reports.services import COMMENT_MAX_CHARS

MAX_POINTS = 500


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


TEXT_INPUT = forms.TextInput(attrs={"class": "full"})


class ReportForm(StatefulModelForm):
    """A draft report's own fields. Its meeting and language are chosen before (the language
    step of a new report) and do not change here. Adopting, presenting and publishing are the
    secretariat's buttons on the report's page (enlace.reports.services), not fields of this
    form."""

    class Meta:
        model = Report
        fields = ["title", "place_line", "date_line", "opening", "observers_invited"]
        widgets = {
            "title": TEXT_INPUT,
            "place_line": TEXT_INPUT,
            "date_line": TEXT_INPUT,
            "opening": forms.Textarea(attrs={"rows": 5, "class": "full"}),
        }


class NewReportForm(ReportForm):
    """A new report: its meeting and language, chosen in the step before, travel hidden."""

    language = forms.ChoiceField(choices=LANGUAGE_CHOICES, widget=forms.HiddenInput)

    class Meta(ReportForm.Meta):
        fields = ["meeting", "language", *ReportForm.Meta.fields]
        widgets = {**ReportForm.Meta.widgets, "meeting": forms.HiddenInput()}
        labels = {"meeting": _("Meeting")}

    def _get_validation_exclusions(self) -> set[str]:
        # A second report in a language is refused by the service (report_save), which says
        # which language is taken, rather than by the model's constraint.
        return {*super()._get_validation_exclusions(), "language"}  # type: ignore[misc]


class LanguageStepForm(forms.Form):
    """The first step of a new report: its meeting, then the language of the draft (only the
    languages the meeting has no report in yet)."""

    meeting = forms.ModelChoiceField(Meeting.objects.none(), label=_("Meeting"))
    language = forms.ChoiceField(
        choices=LANGUAGE_CHOICES, widget=forms.RadioSelect, label=_("Language of the report")
    )


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
        widgets = ReportForm.Meta.widgets


class PointForm(Form):
    text_limits = {"text": LONG_TEXT_LIMIT}

    id = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    level = forms.TypedChoiceField(
        choices=[(0, _("Numbered point (1, 2, 3…)")), (1, _("Sub-point (a, b, c…)"))],
        coerce=int,
        label=_("Kind of point"),
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "class": "full point-text"}),
        required=False,
        label=_("Text"),
    )
    # Where the editor's script splits the point (the cursor, in characters); without it a
    # point is split at its first empty line.
    split_at = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class BasePointFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """The points in the order of the page; a deleted point stays on the page (hidden, with
    its text) until the report is saved, so that it can be restored."""

    deletion_widget = forms.HiddenInput


PointFormSet = forms.formset_factory(
    PointForm,
    formset=BasePointFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_POINTS,
    validate_max=True,
)


@dataclass
class EditorRow:
    """One point as the editor shows it (not yet saved)."""

    level: int = 0
    text: str = ""
    id: int | None = None
    removed: bool = False
    split_at: int | None = None

    def initial(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "level": self.level, "text": self.text}
        if self.removed:
            data["DELETE"] = True
        return data


def _int(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def posted_rows(data: Mapping[str, Any], prefix: str = "points") -> list[EditorRow]:
    """The points as the editor sent them, in their order, read leniently: an editing action
    (move, add, split, delete) keeps whatever was typed; saving validates it all."""
    total = min(max(_int(data.get(f"{prefix}-TOTAL_FORMS")) or 0, 0), MAX_POINTS)
    rows = []
    for i in range(total):
        level = 1 if data.get(f"{prefix}-{i}-level") == "1" else 0
        removed = str(data.get(f"{prefix}-{i}-DELETE", "")).lower() in {"on", "true", "1"}
        point_id = _int(data.get(f"{prefix}-{i}-id"))
        rows.append(
            EditorRow(
                level=level,
                text=str(data.get(f"{prefix}-{i}-text", "")),
                id=point_id if point_id and point_id > 0 else None,
                removed=removed,
                split_at=_int(data.get(f"{prefix}-{i}-split_at")),
            )
        )
    return rows


def split_text(text: str) -> list[str]:
    """A point's text cut at its first empty line: [before, after] (or [text] if none)."""
    parts = re.split(r"\n[ \t]*\n", (text or "").replace("\r\n", "\n").strip(), maxsplit=1)
    return [p.strip() for p in parts if p.strip()]


def split_at(text: str, at: int | None) -> list[str]:
    """A point's text cut at a character (the cursor), or else at its first empty line."""
    text = (text or "").replace("\r\n", "\n")
    if at is not None and 0 < at < len(text):
        parts = [text[:at].strip(), text[at:].strip()]
        return [p for p in parts if p]
    return split_text(text)


class EditorAction(NamedTuple):
    rows: list[EditorRow]
    focus: int | None  # the row to put the keyboard focus on
    focus_on: str  # what of it: "text", or a button: "up", "down", "restore"
    message: str
    done: bool


def _neighbour(rows: list[EditorRow], index: int, step: int) -> int | None:
    i = index + step
    while 0 <= i < len(rows):
        if not rows[i].removed:
            return i
        i += step
    return None


def _number(rows: list[EditorRow], index: int) -> str:
    """The label a live row has on the page, as a sentence names it: 1, 2, a), …"""
    live = [row for row in rows[: index + 1] if not row.removed]
    points = [ReportPoint(level=row.level, text=row.text) for row in live]
    # "3" rather than "3." inside a sentence; "a)" stays as it is.
    return number_points(points)[-1][0].rstrip(".") if points else ""


def _heads(rows: list[EditorRow]) -> list[int]:
    """The rows numbered 1., 2., …: the live points of level 0, and the first live row whatever
    its level (a sub-point with no point before it is numbered as a point)."""
    heads: list[int] = []
    for i, row in enumerate(rows):
        if not row.removed and (row.level == 0 or not heads):
            heads.append(i)
    return heads


def _move(rows: list[EditorRow], index: int, step: int) -> tuple[list[EditorRow], int] | None:
    """The rows with the one at ``index`` moved a place up (-1) or down (1), and where it is now.
    A numbered point moves with its sub-points (and the deleted rows among them) past the whole
    of the point next to it; a sub-point moves past the live row next to it. None if it cannot
    move further."""
    heads = _heads(rows)
    if index not in heads:
        other = _neighbour(rows, index, step)
        if other is None:
            return None
        rows[index], rows[other] = rows[other], rows[index]
        return rows, other
    at = heads.index(index)
    bounds = [*heads, len(rows)]
    if step < 0:
        if at == 0:
            return None
        before, start, end = bounds[at - 1], index, bounds[at + 1]
        return rows[:before] + rows[start:end] + rows[before:start] + rows[end:], before
    if at + 1 >= len(heads):
        return None
    start, middle, end = index, bounds[at + 1], bounds[at + 2]
    return rows[:start] + rows[middle:end] + rows[start:middle] + rows[end:], start + end - middle


def editor_action(rows: list[EditorRow], action: str) -> EditorAction:
    """Apply one editing action of a button without JavaScript (``"up:3"``, ``"down:3"``,
    ``"add:3"``, ``"add:end"``, ``"split:3"``, ``"remove:3"``, ``"restore:3"``) to the rows;
    nothing is saved. An action that does not apply leaves the rows as they are."""
    rows = list(rows)
    verb, _sep, where = action.partition(":")
    if verb == "add" and where == "end":
        rows.append(EditorRow(level=0))
        index = len(rows) - 1
        return EditorAction(
            rows,
            index,
            "text",
            gettext("Point %(number)s added.") % {"number": _number(rows, index)},
            True,
        )
    found = _int(where)
    if found is None or not 0 <= found < len(rows):
        return EditorAction(rows, None, "text", "", False)
    index = found
    row = rows[index]
    if verb in {"up", "down"} and not row.removed:
        moved = _move(rows, index, -1 if verb == "up" else 1)
        if moved is None:
            return EditorAction(rows, index, verb, "", False)
        rows, other = moved
        message = gettext("Point moved to position %(number)s.") % {"number": _number(rows, other)}
        return EditorAction(rows, other, verb, message, True)
    if verb == "add":
        rows.insert(index + 1, EditorRow(level=row.level))
        message = gettext("Point %(number)s added.") % {"number": _number(rows, index + 1)}
        return EditorAction(rows, index + 1, "text", message, True)
    if verb == "split" and not row.removed:
        parts = split_at(row.text, row.split_at)
        if len(parts) < 2:
            message = gettext(
                "To split a point, leave an empty line in its text where it is to be split."
            )
            return EditorAction(rows, index, "text", message, False)
        rows[index] = EditorRow(level=row.level, text=parts[0], id=row.id)
        rows.insert(index + 1, EditorRow(level=row.level, text=parts[1]))
        message = gettext("Point split: the second part is point %(number)s.") % {
            "number": _number(rows, index + 1)
        }
        return EditorAction(rows, index + 1, "text", message, True)
    if verb == "remove" and not row.removed:
        rows[index] = EditorRow(level=row.level, text=row.text, id=row.id, removed=True)
        message = gettext(
            "Point deleted. It is removed when you save; until then you can restore it."
        )
        return EditorAction(rows, index, "restore", message, True)
    if verb == "restore" and row.removed:
        rows[index] = EditorRow(level=row.level, text=row.text, id=row.id)
        message = gettext("Point %(number)s restored.") % {"number": _number(rows, index)}
        return EditorAction(rows, index, "text", message, True)
    return EditorAction(rows, index, "text", "", False)


class PageRow(NamedTuple):
    """A point's form as the editor's page shows it."""

    form: PointForm
    order: int
    number: str
    level: int
    removed: bool
    text: str


def page_rows(formset: BasePointFormSet) -> list[PageRow]:
    """The formset's points with their numbers on the page (1., 2., a), …), bound or not."""

    def value(form: forms.Form, name: str) -> Any:
        if form.is_bound:
            return form.data.get(form.add_prefix(name))
        return form.initial.get(name)

    shown: list[PageRow] = []
    live: list[ReportPoint] = []
    for index, form in enumerate(formset.forms):
        level = 1 if str(value(form, "level")) == "1" else 0
        removed = str(value(form, "DELETE") or "").lower() in {"on", "true", "1"}
        number = ""
        if not removed:
            live.append(ReportPoint(level=level))
            number = number_points(live)[-1][0]
        shown.append(PageRow(form, index, number, level, removed, str(value(form, "text") or "")))
    return shown
