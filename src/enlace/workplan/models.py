"""The CRM Plan of Action and the network's Work Plan: versions, objectives, activities, follow-up
and the Work Plan Archive.

A work plan has versions. A version is drafted (draft), circulated for review (review), adopted
by a meeting at a report point (adopted) and replaced by the next adopted one (superseded).
Adopted versions are never edited in place: an update is a new version copied from it. Objectives
and activities carry a ``key`` that stays the same from one version to the next, so any two
versions can be compared. Progress, milestones and evidence are recorded on the activities of
the version in force. A completed (or cancelled) activity goes to the archive with its date,
results and the meeting that took note of it.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enlace.core.i18n import TranslatedNameMixin, current_language
from enlace.meetings.models import Meeting
from enlace.network.models import Body, Country, Organisation
from enlace.reports.models import ReportPoint


class BilingualTitleMixin(models.Model):
    """A title (and description) in Spanish and English, the plan's two document languages."""

    title_es = models.CharField(_("title (Spanish)"), max_length=400)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        abstract = True

    @property
    def title(self) -> str:
        if current_language() == "en" and self.title_en:
            return self.title_en
        return self.title_es

    @property
    def description(self) -> str:
        if current_language() == "en" and self.description_en:
            return self.description_en
        return self.description_es

    def __str__(self) -> str:
        return self.title


class PlanOfAction(TranslatedNameMixin):
    """The CRM's Plan of Action, of which the network's work plans are annexes."""

    slug = models.SlugField(
        unique=True,
        error_messages={"unique": _("A Plan of Action with this short name already exists.")},
    )
    adopted_year = models.PositiveSmallIntegerField(_("year adopted"), null=True, blank=True)

    class Meta:
        ordering = ["-adopted_year", "pk"]
        verbose_name = _("Plan of Action")
        verbose_name_plural = _("Plans of Action")


class PlanAxis(TranslatedNameMixin):
    """An axis of the Plan of Action (e.g. migration policy and management)."""

    plan = models.ForeignKey(PlanOfAction, on_delete=models.CASCADE, related_name="axes")
    position = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("axis of the Plan of Action")
        verbose_name_plural = _("axes of the Plan of Action")


class PlanLine(TranslatedNameMixin):
    """A line of action under an axis of the Plan of Action."""

    axis = models.ForeignKey(PlanAxis, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        ordering = ["axis", "position"]
        verbose_name = _("line of action")
        verbose_name_plural = _("lines of action")


class WorkPlan(TranslatedNameMixin):
    """The network's work plan (e.g. on migrant smuggling 2019–2025), an annex of a Plan of
    Action. Its content lives in its versions."""

    slug = models.SlugField(
        unique=True,
        error_messages={"unique": _("A work plan with this short name already exists.")},
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="work_plans")
    plan_of_action = models.ForeignKey(
        PlanOfAction, on_delete=models.PROTECT, related_name="work_plans"
    )
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        ordering = ["-period_start", "pk"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")

    def clean(self) -> None:
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The last year cannot be before the first.")})


class WorkPlanVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        ADOPTED = "adopted", _("Adopted")
        SUPERSEDED = "superseded", _("Superseded")

    work_plan = models.ForeignKey(WorkPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="successors"
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The adoption: by which meeting, at which point of its report, on which day.
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_plans",
        verbose_name=_("adopted by the meeting"),
    )
    adopted_at_point = models.ForeignKey(
        ReportPoint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_plans",
        verbose_name=_("report point that adopted it"),
    )

    class Meta:
        ordering = ["work_plan", "-number"]
        verbose_name = _("work plan version")
        verbose_name_plural = _("work plan versions")
        constraints = [
            models.UniqueConstraint(
                fields=["work_plan", "number"],
                name="plan_version_number",
                violation_error_message=_("This work plan already has a version with this number."),
            ),
            models.UniqueConstraint(
                fields=["work_plan"],
                condition=Q(status="adopted"),
                name="one_version_in_force",
                violation_error_message=_("This work plan already has a version in force."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work_plan} v{self.number}"

    @property
    def is_frozen(self) -> bool:
        """Adopted and superseded versions are never edited in place."""
        return self.status in (self.Status.ADOPTED, self.Status.SUPERSEDED)


class Axis(models.Model):
    """An axis of a work plan version (e.g. intelligence and investigation)."""

    version = models.ForeignKey(WorkPlanVersion, on_delete=models.CASCADE, related_name="axes")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveSmallIntegerField(_("order"))
    title_es = models.CharField(_("title (Spanish)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    plan_line = models.ForeignKey(
        PlanLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_plan_axes",
        verbose_name=_("line of action of the Plan of Action"),
    )

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("axis")
        verbose_name_plural = _("axes")

    @property
    def title(self) -> str:
        return self.title_en if current_language() == "en" and self.title_en else self.title_es

    def __str__(self) -> str:
        return self.title


class Objective(BilingualTitleMixin):
    version = models.ForeignKey(
        WorkPlanVersion, on_delete=models.CASCADE, related_name="objectives"
    )
    axis = models.ForeignKey(Axis, on_delete=models.CASCADE, related_name="objectives")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveSmallIntegerField(_("order"))
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["axis__position", "position", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")


class Activity(BilingualTitleMixin):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    version = models.ForeignKey(
        WorkPlanVersion, on_delete=models.CASCADE, related_name="activities"
    )
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="activities")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveSmallIntegerField(_("order"))
    responsible_countries = models.ManyToManyField(
        Country,
        blank=True,
        related_name="responsible_activities",
        verbose_name=_("responsible countries"),
    )
    responsible_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="responsible_activities",
        verbose_name=_("responsible organisations"),
    )
    partners = models.CharField(_("partners"), max_length=400, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end (deadline)"), null=True, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    # Where it comes from: the agreement that asked for it (a report point, a commitment).
    source_point = models.ForeignKey(
        ReportPoint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_plan_activities",
        verbose_name=_("agreement (report point)"),
    )
    source_commitment = models.ForeignKey(
        "commitments.Commitment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_plan_activities",
        verbose_name=_("commitment"),
    )
    # The archive: when it was completed (or cancelled, and why), its results, and the meeting
    # that took note of it. ``archived_on`` set means it is in the Work Plan Archive.
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    results = models.TextField(_("results"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    noted_by_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="noted_activities",
        verbose_name=_("meeting that took note"),
    )
    archived_on = models.DateField(_("archived on"), null=True, blank=True)
    archive_published = models.BooleanField(_("published in the archive"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["objective__axis__position", "objective__position", "position", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["version", "status"]),
            models.Index(fields=["end_date"]),
            models.Index(fields=["archived_on"]),
        ]


class Indicator(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=300)
    baseline = models.CharField(_("baseline"), max_length=100, blank=True)
    target = models.CharField(_("target"), max_length=100, blank=True)
    current = models.CharField(_("current value"), max_length=100, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    note = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.date}: {self.note[:50]}"


class Evidence(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="workplan/evidence/%Y/", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""), name="evidence_has_link_or_file"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PlanComment(models.Model):
    """A comment of a delegation on an objective or an activity of a version under review."""

    version = models.ForeignKey(WorkPlanVersion, on_delete=models.CASCADE, related_name="comments")
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    delegation = models.CharField(_("delegation"), max_length=200, blank=True)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.delegation}: {self.text[:50]}"


class Amendment(models.Model):
    """A member country's proposal to change an objective or an activity; the drafters accept
    or reject it with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    version = models.ForeignKey(
        WorkPlanVersion, on_delete=models.CASCADE, related_name="amendments"
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="amendments"
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="amendments"
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="amendments", verbose_name=_("country")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("proposed change"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"{self.country}: {self.text[:50]}"


class Reminder(models.Model):
    """A deadline reminder sent for an activity, so that none is sent twice."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the deadline")
        OVERDUE = "overdue", _("Deadline passed")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    deadline = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "kind", "deadline"],
                name="reminder_once_per_deadline",
                violation_error_message=_("This reminder was already sent for this deadline."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.kind} {self.deadline}"
