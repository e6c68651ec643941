"""Meetings of the bodies, who took part, their agendas, documents and reports."""

import string

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enlace.access import ReportStatus
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
        return f"{self.title} ({self.start_date:%Y-%m-%d})"

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
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=Q(organisation__isnull=False),
                name="participation_unique_organisation",
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


class Report(models.Model):
    """The report a meeting presents to the GRCM, in one language."""

    Status = ReportStatus

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="reports")
    language = models.CharField(_("language"), max_length=2, default="es")
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
        ordering = ["meeting", "language"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "language"], name="report_one_per_language"),
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
        ordering = ["position", "pk"]
        verbose_name = _("report point")
        verbose_name_plural = _("report points")
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="point_position_unique"),
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
