"""The reports a meeting presents and their numbered points, and their drafting: every version
of every point, the delegations' comments on a draft and the numbered revisions of an adopted
report."""

import string

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enlace.access import ReportStatus
from enlace.meetings.models import Meeting
from enlace.network.models import Country, Organisation


class ReportKind(models.TextChoices):
    """What the document of a meeting is: a report or conclusions of numbered points, or a
    declaration or joint communiqué of paragraphs (each kept as a point)."""

    REPORT = "report", _("Report")
    CONCLUSIONS = "conclusions", _("Conclusions")
    DECLARATION = "declaration", _("Declaration")
    COMMUNIQUE = "communique", _("Joint communiqué")


class Report(models.Model):
    """The report a meeting presents to the GRCM, in one language."""

    Status = ReportStatus
    Kind = ReportKind

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="reports")
    language = models.CharField(_("language"), max_length=2, default="es")
    kind = models.CharField(
        _("kind of document"), max_length=12, choices=ReportKind.choices, default=ReportKind.REPORT
    )
    title = models.CharField(_("title"), max_length=400)
    place_line = models.CharField(_("place line"), max_length=200, blank=True)
    date_line = models.CharField(_("date line"), max_length=200, blank=True)
    opening = models.TextField(_("opening paragraph"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    presented_on = models.DateField(_("presented to the GRCM on"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    observers_invited = models.BooleanField(_("observers invited to comment"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "meetings_report"  # the table it had when meetings owned it
        ordering = ["meeting", "language"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "language"],
                name="report_one_per_language",
                violation_error_message=_(
                    "A report in this language already exists for this meeting."
                ),
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | ~Q(status="draft"),
                name="report_published_only_when_adopted",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReportPoint(models.Model):
    """A numbered point of a report; level 1 is a sub-point a), b), … of the point before it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="points")
    position = models.PositiveIntegerField(_("order"))
    level = models.PositiveSmallIntegerField(_("level"), default=0)
    text = models.TextField(_("text"))

    class Meta:
        db_table = "meetings_reportpoint"
        ordering = ["position", "pk"]
        verbose_name = _("report point")
        verbose_name_plural = _("report points")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "position"],
                name="point_position_unique",
                violation_error_message=_("Two points of this report would have the same number."),
            ),
            models.CheckConstraint(condition=Q(level__lte=1), name="point_level_0_or_1"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


def number_points(points: "list[ReportPoint]") -> list[tuple[str, ReportPoint]]:
    """The label of each point in order: 1., 2., … and a), b), … for sub-points."""
    labelled: list[tuple[str, ReportPoint]] = []
    number = 0
    sub = 0
    for point in points:
        if point.level == 0 or number == 0:
            number += 1
            sub = 0
            labelled.append((f"{number}.", point))
        else:
            letters = string.ascii_lowercase
            label = letters[sub % 26] * (sub // 26 + 1)
            sub += 1
            labelled.append((f"{label})", point))
    return labelled


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
            models.UniqueConstraint(
                fields=["point", "number"],
                name="point_version_unique",
                violation_error_message=_("This version of the point already exists."),
            )
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
            models.UniqueConstraint(
                fields=["report", "number"],
                name="report_revision_unique",
                violation_error_message=_(
                    "A revision with this number already exists for this report."
                ),
            )
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
