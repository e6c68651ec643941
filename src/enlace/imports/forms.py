from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enlace.imports.extract import SUFFIXES

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


class UploadForm(forms.Form):
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


class ConfirmForm(forms.Form):
    publish = forms.BooleanField(
        label=_("Publish the imported reports to the public"), required=False
    )
