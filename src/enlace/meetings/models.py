"""Meetings of the bodies, who took part, their agendas and documents (their reports:
enlace.reports.models)."""

from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from enlace.access import Visibility as Visibility  # the choices of its visibility fields
from enlace.network.models import Body, Country, Organisation, Person


class Meeting(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIRTUAL = "virtual", _("Virtual")
        HYBRID = "hybrid", _("Hybrid")

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body")
    )
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("host country"),
    )
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    # An invented meeting of the demo, shown with the demo marker.
    is_demo = models.BooleanField(default=False, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="meeting_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        # The day in the reader's words: a meeting is named so in selects and references.
        return f"{self.title} ({date_format(self.start_date)})"

    @property
    def place(self) -> str:
        return ", ".join(str(p) for p in (self.city, self.country) if p)


class Participation(models.Model):
    """A delegation at a meeting: a country's or an organisation's."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("country"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.CheckConstraint(
                condition=Q(country__isnull=False, organisation__isnull=True)
                | Q(country__isnull=True, organisation__isnull=False),
                name="participation_country_xor_organisation",
            ),
            models.UniqueConstraint(
                fields=["meeting", "country"],
                condition=Q(country__isnull=False),
                name="participation_unique_country",
                violation_error_message=_(
                    "This country is already among the participants of the meeting."
                ),
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=Q(organisation__isnull=False),
                name="participation_unique_organisation",
                violation_error_message=_(
                    "This organisation is already among the participants of the meeting."
                ),
            ),
        ]

    @property
    def delegate_of(self) -> Country | Organisation:
        holder = self.country or self.organisation
        assert holder is not None
        return holder

    def __str__(self) -> str:
        return str(self.delegate_of)


class Representative(models.Model):
    """Who represented a delegation, where known: a person of the directory or a name."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="representatives"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="representations"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.person) if self.person else self.name


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=2, default="es")
    file = models.FileField(_("file"), upload_to="meetings/documents/%Y/")
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.NETWORK
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title
