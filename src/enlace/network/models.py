"""The network: countries, organisations, bodies, the presidency and the directory of people."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enlace.access import PostRole
from enlace.core.i18n import TranslatedNameMixin


class Country(TranslatedNameMixin):
    class Status(models.TextChoices):
        MEMBER = "member", _("Member country")
        OBSERVER = "observer", _("Observer country")

    code = models.CharField(
        _("ISO code"),
        max_length=3,
        unique=True,
        error_messages={"unique": _("A country with this ISO code already exists.")},
        help_text=_("ISO 3166-1 alpha-3, e.g. HND"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    joined_year = models.PositiveSmallIntegerField(_("year joined"), null=True, blank=True)

    class Meta:
        ordering = ["name_es"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class Organisation(TranslatedNameMixin):
    class Kind(models.TextChoices):
        SECRETARIAT = "secretariat", _("Technical Secretariat")
        INTERNATIONAL = "international", _("International organisation")
        CIVIL_SOCIETY = "civil_society", _("Civil society network")
        INSTITUTION = "institution", _("Government institution")

    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("country"),
    )
    is_observer = models.BooleanField(_("observer of the network"), default=False)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name_es"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Body(TranslatedNameMixin):
    class Kind(models.TextChoices):
        VICE_MINISTERIAL = "vice_ministerial", _("Vice-Ministerial Meeting")
        GRCM = "grcm", _("Regional Consultation Group on Migration")
        NETWORK = "network", _("Liaison officer network")
        WORKING_GROUP = "working_group", _("Working group")

    slug = models.SlugField(
        unique=True, error_messages={"unique": _("A body with this short name already exists.")}
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    reports_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reporting_bodies",
        verbose_name=_("reports to"),
    )
    description_es = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    description_fr = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")


class Presidency(models.Model):
    """The Pro Tempore Presidency: the member country that presides over a period."""

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="presidencies", verbose_name=_("country")
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        error_messages={"unique": _("A Pro Tempore Presidency is already recorded for this year.")},
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    # Invented by the demo (the years after the record), shown with the demo marker.
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("Pro Tempore Presidency")
        verbose_name_plural = _("Pro Tempore Presidencies")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="presidency_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.country}"


class Person(models.Model):
    honorific = models.CharField(_("honorific"), max_length=40, blank=True)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
    )
    # An invented person of the demo, shown with the demo marker.
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.honorific, self.given_name, self.family_name) if p)


class Post(models.Model):
    """A seat in a body held for a country or an organisation: e.g. Honduras's liaison officer."""

    Role = PostRole

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="posts")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("country"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("organisation"),
    )

    class Meta:
        ordering = ["body", "role", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.CheckConstraint(
                condition=Q(country__isnull=False, organisation__isnull=True)
                | Q(country__isnull=True, organisation__isnull=False),
                name="post_for_country_xor_organisation",
            ),
            models.UniqueConstraint(
                fields=["body", "role", "country"],
                condition=Q(country__isnull=False),
                name="post_unique_for_country",
                violation_error_message=_("This post already exists for this country."),
            ),
            models.UniqueConstraint(
                fields=["body", "role", "organisation"],
                condition=Q(organisation__isnull=False),
                name="post_unique_for_organisation",
                violation_error_message=_("This post already exists for this organisation."),
            ),
        ]

    @property
    def holder(self) -> Country | Organisation:
        holder = self.country or self.organisation
        assert holder is not None
        return holder

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.holder}"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, on: datetime.date | None = None) -> "MembershipQuerySet":
        day = on or datetime.date.today()
        return self.filter(Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gte=day))


class Membership(models.Model):
    """A person holding a post for a period.

    History is kept: a membership ends (end date), it is never deleted.
    """

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person")
    )
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("post")
    )
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.post}"

    def is_current(self, on: datetime.date | None = None) -> bool:
        day = on or datetime.date.today()
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)
