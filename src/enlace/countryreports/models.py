"""Country progress reports: rounds, reports along the four P's with their figures in a long
table, the review, revisions after publication, and the legislation matrix."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from enlace.network.models import Country


class ReportingRound(models.Model):
    """A period the member countries report on (usually a year, or the time before a meeting),
    with its deadline. Opening it creates one report per member country."""

    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    deadline = models.DateField(_("deadline"))
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="round_period_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.year = self.period_end.year
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class CountryReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        QUERIED = "queried", _("queried by the secretariat")
        ACCEPTED = "accepted", _("accepted")
        PUBLISHED = "published", _("published")

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reports")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    advances = models.TextField(_("advances"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    cooperation_needs = models.TextField(_("needs for cooperation"), blank=True)
    # Entries of a draft that are not whole numbers yet, kept as typed so no edit is lost.
    pending = models.JSONField(default=dict, blank=True, editable=False)
    revision = models.PositiveIntegerField(default=1, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "country__name_es"]
        verbose_name = _("country report")
        verbose_name_plural = _("country reports")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "country"],
                name="one_report_per_round",
                violation_error_message=_("This country already has a report in this round."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} · {self.round}"

    @property
    def is_frozen(self) -> bool:
        return self.status in (self.Status.ACCEPTED, self.Status.PUBLISHED)


class Figure(models.Model):
    """One number of a report, in the long format (see enlace.countryreports.indicators).

    ``country``, ``year`` and ``published`` repeat the report's, so that the dashboards
    aggregate with one grouped query over this table alone, however large it grows."""

    report = models.ForeignKey(CountryReport, on_delete=models.CASCADE, related_name="figures")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    published = models.BooleanField(default=False)
    indicator = models.CharField(max_length=40)
    crime = models.CharField(max_length=3, blank=True)
    dimension = models.CharField(max_length=12, blank=True)
    category = models.CharField(max_length=24, blank=True)
    value = models.PositiveBigIntegerField()

    def __str__(self) -> str:
        return f"{self.indicator}.{self.crime}.{self.dimension}.{self.category}={self.value}"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator", "crime", "dimension", "category"],
                name="one_figure_per_key",
                violation_error_message=_("This figure is already in the report."),
            )
        ]
        indexes = [
            models.Index(
                fields=["published", "indicator", "crime", "dimension", "category", "year"],
                name="figure_series",
            )
        ]


class FigureTotal(models.Model):
    """The published figures summed by country and year: one row per country, year and figure
    of the catalogue, however many reports (rounds) a year has. Derived data, kept by
    ``enlace.countryreports.totals`` whenever a report is published or corrected; the
    dashboards read it, so their cost follows the number of cells they show (countries × years),
    not the number of figures ever reported."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    indicator = models.CharField(max_length=40)
    crime = models.CharField(max_length=3, blank=True)
    dimension = models.CharField(max_length=12, blank=True)
    category = models.CharField(max_length=24, blank=True)
    value = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "crime", "dimension", "category", "year", "country"],
                name="one_total_per_cell",
                violation_error_message=_("This total is already kept."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.year} {self.indicator}.{self.crime}={self.value}"


class Programme(models.Model):
    """A prevention programme of a report: an awareness campaign, a training of officials."""

    class Kind(models.TextChoices):
        CAMPAIGN = "campaign", _("awareness campaign")
        TRAINING = "training", _("training of officials")
        PROGRAMME = "programme", _("prevention programme")

    report = models.ForeignKey(CountryReport, on_delete=models.CASCADE, related_name="programmes")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    reach = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    period = models.CharField(_("period"), max_length=100, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name


class Agreement(models.Model):
    """A partnership of a report: an agreement or memorandum, a joint operation."""

    class Kind(models.TextChoices):
        COUNTRIES = "countries", _("agreement with other countries")
        CIVIL_SOCIETY = "civil_society", _("agreement with civil society")
        JOINT_OPERATION = "joint_operation", _("joint operation")

    report = models.ForeignKey(CountryReport, on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    signed_on = models.DateField(_("date"), null=True, blank=True)
    # The mechanism of the register (enlace.contributions) this agreement is, when it is there.
    mechanism = models.ForeignKey(
        "contributions.Mechanism",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="country_report_agreements",
        verbose_name=_("registered cooperation mechanism"),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title


class ReviewEvent(models.Model):
    """A step of a report's life: submitted, queried (with the question), accepted, published,
    revised (with the reason and what it replaced)."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        QUERIED = "queried", _("queried")
        ACCEPTED = "accepted", _("accepted")
        PUBLISHED = "published", _("published")
        REVISED = "revised", _("revised")

    report = models.ForeignKey(CountryReport, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12, choices=Action.choices)
    message = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=1)
    previous = models.JSONField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report} · {self.action}"


class LegislationEntry(models.Model):
    """The state of a country's law on one topic, with its reference and when it was last
    confirmed."""

    class Topic(models.TextChoices):
        TRAFFICKING = "criminalisation_tip", _("criminalisation of trafficking in persons")
        SMUGGLING = "criminalisation_som", _("criminalisation of the smuggling of migrants")
        PENALTIES = "penalties", _("penalties")
        PROTECTION = "victim_protection", _("protection of victims")
        NON_PUNISHMENT = "non_punishment", _("non-punishment of victims")
        CHILDREN = "children", _("special provisions for children")
        PROTOCOL = "smuggling_protocol", _("compliance with the Smuggling of Migrants Protocol")

    class State(models.TextChoices):
        IN_FORCE = "in_force", _("in force")
        PARTIAL = "partial", _("partly covered")
        BILL = "bill", _("bill under discussion")
        NONE = "none", _("no provision")

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(_("topic"), max_length=24, choices=Topic.choices)
    status = models.CharField(_("state of the law"), max_length=12, choices=State.choices)
    reference = models.CharField(_("reference"), max_length=500, blank=True)
    last_confirmed = models.DateField(_("last confirmed"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country__name_es", "topic"]
        verbose_name = _("legislation entry")
        verbose_name_plural = _("legislation entries")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "topic"],
                name="one_entry_per_topic",
                violation_error_message=_("This country already has an entry on this topic."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} · {self.get_topic_display()}"
