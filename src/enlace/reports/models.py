"""The drafting of a report: every version of every point, the delegations' comments on a draft
and the numbered revisions of an adopted report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enlace.meetings.models import Report, ReportPoint
from enlace.network.models import Country, Organisation


class PointVersion(models.Model):
    """One state of a point's text and level; number 1 is the first text the platform saw."""

    point = models.ForeignKey(ReportPoint, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    level = models.PositiveSmallIntegerField(_("level"), default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["point", "number"]
        verbose_name = _("point version")
        verbose_name_plural = _("point versions")
        constraints = [
            models.UniqueConstraint(fields=["point", "number"], name="point_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.point_id} v{self.number}"


class PointComment(models.Model):
    """A delegation's comment on a point of a draft, and the drafters' answer to it.

    The comment stays with the report if its point is later removed; ``point_text`` keeps the
    text it was written about.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    point = models.ForeignKey(
        ReportPoint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("point"),
    )
    point_text = models.TextField(_("text of the point when commented"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    author_name = models.CharField(_("author"), max_length=200)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True, max_length=5000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def delegation(self) -> str:
        holder = self.country or self.organisation
        if holder is None:
            return ""
        if isinstance(holder, Organisation) and holder.acronym:
            return holder.acronym
        return str(holder)


class ReportRevision(models.Model):
    """A correction of an adopted report. The adopted text is revision 1, so the first
    correction is number 2; ``snapshot`` holds the text as it was before the correction."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    reason = models.TextField(_("reason"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    snapshot = models.JSONField(_("previous text"))

    class Meta:
        ordering = ["report", "number"]
        verbose_name = _("report revision")
        verbose_name_plural = _("report revisions")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} r{self.number}"


class ReportAdoption(models.Model):
    """Where a report was adopted, when that is another meeting than the one that drafted it
    (the date is ``Report.adopted_on``)."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="adoption")
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("adopted at the meeting"),
    )

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")

    def __str__(self) -> str:
        return f"{self.report_id} @ {self.meeting_id}"
