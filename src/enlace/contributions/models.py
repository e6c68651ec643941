"""Observers' contributions to meetings, their recommendations, the member countries' answers,
and the register of cooperation mechanisms with civil society and international organisations.

A contribution is made by an observer organisation or an observer country to a meeting; the
secretariat accepts it into the meeting's record (or returns it). A recommendation of a
contribution is addressed to all member countries or to some; each addressed country answers
for itself, and every change of an answer is kept (``AnswerRevision``). An accepted
recommendation can become a commitment or a work plan activity: the link is a ``FollowUp``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enlace.meetings.models import Meeting
from enlace.network.models import Country, Organisation
from enlace.reports.models import ReportPoint


class Openness(models.TextChoices):
    """Who may read an object of this app (besides those who write it)."""

    NETWORK = "network", _("Network only")
    PUBLIC = "public", _("Public")


class Contribution(models.Model):
    class Kind(models.TextChoices):
        PRESENTATION = "presentation", _("Presentation")
        POSITION_PAPER = "position_paper", _("Position paper")
        RECOMMENDATIONS = "recommendations", _("Recommendations")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted into the record")
        RETURNED = "returned", _("Returned")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("meeting")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("organisation"),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("observer country"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Openness.choices, default=Openness.NETWORK
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    return_reason = models.TextField(_("reason for returning it"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    report_point = models.ForeignKey(
        ReportPoint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="noted_contributions",
        verbose_name=_("report point that took note of it"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-meeting__start_date", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, country__isnull=True)
                | Q(organisation__isnull=True, country__isnull=False),
                name="contribution_by_organisation_xor_country",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="contribution_returned_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def author(self) -> Organisation | Country:
        author = self.organisation or self.country
        assert author is not None
        return author

    @property
    def author_label(self) -> str:
        if self.organisation is not None:
            return self.organisation.acronym or self.organisation.name
        return str(self.author)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.ACCEPTED and self.visibility == Openness.PUBLIC


class ContributionDocument(models.Model):
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="contributions/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("document of a contribution")
        verbose_name_plural = _("documents of contributions")

    def __str__(self) -> str:
        return self.title


class Recommendation(models.Model):
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="recommendations"
    )
    position = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("recommendation"))
    to_all_members = models.BooleanField(_("addressed to all member countries"), default=True)
    countries = models.ManyToManyField(
        Country,
        blank=True,
        related_name="recommendations_received",
        verbose_name=_("addressed to"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["contribution", "position"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "position"],
                name="recommendation_position_unique",
                violation_error_message=_(
                    "This contribution already has a recommendation with this number."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:80]}"


class Answer(models.Model):
    """What one addressed member country says about one recommendation."""

    class Position(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        UNDER_STUDY = "under_study", _("Under study")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="answers"
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="answers", verbose_name=_("country")
    )
    position = models.CharField(_("answer"), max_length=12, choices=Position.choices)
    reasons = models.TextField(_("reasons"), blank=True)
    actions = models.TextField(_("what the country will do"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["recommendation", "country__name_es"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "country"],
                name="answer_one_per_country",
                violation_error_message=_("This country has already answered this recommendation."),
            ),
            models.CheckConstraint(
                condition=~Q(position="not_accepted") | ~Q(reasons=""),
                name="answer_refusal_has_reasons",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.get_position_display()}"


class AnswerRevision(models.Model):
    """An answer as it was saved at one time: the answer's history."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="revisions")
    position = models.CharField(max_length=12, choices=Answer.Position.choices)
    reasons = models.TextField(blank=True)
    actions = models.TextField(blank=True)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answer", "-saved_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.answer}: {self.position} ({self.saved_at:%Y-%m-%d})"


class FollowUp(models.Model):
    """An accepted recommendation taken up as a commitment or as a work plan activity."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="follow_ups"
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    commitment = models.ForeignKey(
        "commitments.Commitment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="from_recommendations",
    )
    activity = models.ForeignKey(
        "workplan.Activity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="from_recommendations",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(commitment__isnull=False, activity__isnull=True)
                | Q(commitment__isnull=True, activity__isnull=False),
                name="followup_commitment_xor_activity",
            )
        ]

    def __str__(self) -> str:
        kind = "commitment" if self.commitment_id else "activity"
        return f"{self.recommendation} → {kind} {self.commitment_id or self.activity_id}"


class Mechanism(models.Model):
    """A cooperation mechanism between member countries and civil society or international
    organisations: an agreement, a round table, a joint programme."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("Agreement")
        ROUND_TABLE = "round_table", _("Round table")
        JOINT_PROGRAMME = "joint_programme", _("Joint programme")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        CONCLUDED = "concluded", _("Concluded")
        SUSPENDED = "suspended", _("Suspended")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    scope = models.TextField(_("scope"), blank=True)
    countries = models.ManyToManyField(
        Country, related_name="mechanisms", verbose_name=_("member countries")
    )
    organisations = models.ManyToManyField(
        Organisation, related_name="mechanisms", verbose_name=_("organisations")
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Openness.choices, default=Openness.NETWORK
    )
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "title", "pk"]
        verbose_name = _("cooperation mechanism")
        verbose_name_plural = _("cooperation mechanisms")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="mechanism_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title


class MechanismDocument(models.Model):
    mechanism = models.ForeignKey(Mechanism, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="mechanisms/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("document of a mechanism")
        verbose_name_plural = _("documents of mechanisms")

    def __str__(self) -> str:
        return self.title
