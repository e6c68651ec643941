"""Commitments: what a report point asks of whom, by when, followed until it is done.

A commitment hangs on a ``reports.ReportPoint`` (``point.commitments``). A point that carries
commitments cannot be deleted (``on_delete=PROTECT``): the report's editor says so instead.
Every change of status is an audit event (``commitment.confirm``, ``commitment.complete`` …).
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enlace.accounts.models import hash_token
from enlace.network.models import Country, Organisation
from enlace.reports.models import ReportPoint


class Commitment(models.Model):
    class ActorKind(models.TextChoices):
        COUNTRY = "country", _("A country")
        ORGANISATION = "organisation", _("An organisation")
        SECRETARIAT = "secretariat", _("The Technical Secretariat")
        PPT = "ppt", _("The Pro Tempore Presidency")
        ALL_MEMBER_COUNTRIES = "all_member_countries", _("All member countries")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Open")
        DONE = "done", _("Done")
        DISMISSED = "dismissed", _("Dismissed")

    point = models.ForeignKey(
        ReportPoint,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("report point"),
    )
    actor_kind = models.CharField(_("who"), max_length=24, choices=ActorKind.choices)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("country"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("organisation"),
    )
    text = models.TextField(_("what"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_text = models.CharField(
        _("deadline as written"), max_length=200, blank=True, help_text=_("e.g. “by 21 July”")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("What shows it was done: a note or a link.")
    )
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    # What extraction proposed (actor and text, hashed), kept through later corrections, so
    # that proposing again from the same text does not bring a corrected commitment back.
    extraction_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(actor_kind="country", country__isnull=False, organisation__isnull=True)
                    | Q(actor_kind="organisation", country__isnull=True, organisation__isnull=False)
                    | (
                        Q(country__isnull=True, organisation__isnull=True)
                        & ~Q(actor_kind__in=["country", "organisation"])
                    )
                ),
                name="commitment_actor_consistent",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_at__isnull=False),
                name="commitment_done_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.actor_label}: {self.text[:60]}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.actor_kind == self.ActorKind.COUNTRY and self.country_id is None:
            errors["country"] = _("Choose the country that committed itself.")
        if self.actor_kind == self.ActorKind.ORGANISATION and self.organisation_id is None:
            errors["organisation"] = _("Choose the organisation that committed itself.")
        if errors:
            raise ValidationError(errors)
        # Only the chosen kind's holder is kept.
        if self.actor_kind != self.ActorKind.COUNTRY:
            self.country = None
        if self.actor_kind != self.ActorKind.ORGANISATION:
            self.organisation = None

    @property
    def actor_label(self) -> str:
        if self.actor_kind == self.ActorKind.COUNTRY and self.country is not None:
            return self.country.name
        if self.actor_kind == self.ActorKind.ORGANISATION and self.organisation is not None:
            return self.organisation.acronym or self.organisation.name
        return str(self.get_actor_kind_display())

    @property
    def is_overdue(self) -> bool:
        """Open (confirmed, not done) with its due date passed."""
        return (
            self.status == self.Status.CONFIRMED
            and self.due_date is not None
            and self.due_date < datetime.date.today()
        )

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.CONFIRMED


CALENDAR_TOKEN_BYTES = 32


class CalendarFeed(models.Model):
    """A user's secret calendar address. Only the token's hash is kept; the address is shown
    once, when it is created. Revoking it makes the address answer 404."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} ({self.prefix}…)"

    @staticmethod
    def generate() -> str:
        return secrets.token_urlsafe(CALENDAR_TOKEN_BYTES)

    @staticmethod
    def hash(raw: str) -> str:
        return hash_token(raw)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
