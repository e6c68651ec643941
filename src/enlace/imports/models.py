"""The record of every report file imported from the archive."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enlace.meetings.models import Meeting
from enlace.reports.models import Report


class ImportedFile(models.Model):
    """A file imported once: its SHA-256 is unique, so the same file never imports twice."""

    sha256 = models.CharField(
        _("SHA-256"),
        max_length=64,
        unique=True,
        error_messages={"unique": _("This file was already imported.")},
    )
    source_name = models.CharField(_("file name"), max_length=255)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="imported_files", verbose_name=_("meeting")
    )
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="imported_files", verbose_name=_("report")
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")

    def __str__(self) -> str:
        return self.source_name
