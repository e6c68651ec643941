from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enlace.core.forms import DateInput, Form
from enlace.imports.extract import SUFFIXES
from enlace.reports.models import ReportKind

MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(SUFFIXES)}))
        kwargs.setdefault("allow_empty_file", True)  # refused later with the reason, like others
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(item, initial) for item in data]
        return [single(data or None, initial)]


class UploadForm(Form):
    reports = MultipleFileField(
        label=_("Report files"),
        help_text=_("Plain text, Word (.docx) or PDF with text; up to 20 files."),
    )

    def clean_reports(self) -> list[Any]:
        files: list[Any] = self.cleaned_data["reports"]
        if len(files) > MAX_FILES:
            raise ValidationError(_("Upload at most %(n)s files at a time.") % {"n": MAX_FILES})
        for upload in files:
            if upload.size is not None and upload.size > settings.ENLACE_MAX_DOCUMENT_BYTES:
                raise ValidationError(
                    _("%(name)s is larger than %(size)s MB.")
                    % {
                        "name": upload.name,
                        "size": f"{settings.ENLACE_MAX_DOCUMENT_BYTES / (1024 * 1024):.1f}",
                    }
                )
        return files


class ConfirmForm(Form):
    publish = forms.BooleanField(
        label=_("Publish the imported reports to the public"), required=False
    )


# The kinds the parser tells apart are the report's own (enlace.reports.models.ReportKind).
KIND_CHOICES = ReportKind.choices


class CorrectionForm(Form):
    """What the secretariat may correct of what the importer recognised in one file, before
    anything is saved. Its initial values are what was recognised."""

    kind = forms.ChoiceField(label=_("Kind of document"), choices=KIND_CHOICES)
    body = forms.ChoiceField(label=_("Body that met"))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    start_date = forms.DateField(label=_("First day"), widget=DateInput)
    end_date = forms.DateField(label=_("Last day"), widget=DateInput)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    country = forms.ChoiceField(label=_("Host country"), required=False)
    title = forms.CharField(label=_("Title"), max_length=400, required=False)

    def __init__(
        self,
        *args: Any,
        bodies: list[tuple[str, str]],
        countries: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        body_field = self.fields["body"]
        country_field = self.fields["country"]
        assert isinstance(body_field, forms.ChoiceField)
        assert isinstance(country_field, forms.ChoiceField)
        body_field.choices = bodies
        country_field.choices = [("", _("Not recognised")), *countries]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot be before the first."))
        return data

    def corrections(self) -> dict[str, Any]:
        """The cleaned values as JSON (dates as ISO text, no country as None)."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "body": data["body"],
            "language": data["language"],
            "start_date": data["start_date"].isoformat(),
            "end_date": data["end_date"].isoformat(),
            "city": data["city"].strip(),
            "country": data["country"] or None,
            "title": data["title"].strip(),
        }
