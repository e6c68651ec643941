"""Loads the demo into the database. Safe to run again: nothing is duplicated or overwritten."""

import datetime
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import translation

from enlace import access
from enlace.accounts.models import User
from enlace.accounts.second_factor import enrol_totp, totp_secret
from enlace.audit.services import audit_record, snapshot
from enlace.commitments.models import Commitment
from enlace.commitments.services import commitment_confirm, commitments_propose_for_report
from enlace.demo import data
from enlace.demo.contributions import load_contributions_demo
from enlace.demo.cooperation import load_cooperation_demo
from enlace.demo.countryreports import load_countryreports_demo
from enlace.demo.meetings import load_meetings_demo
from enlace.demo.workplan import load_workplan_demo
from enlace.meetings.models import AgendaItem, Meeting, MeetingDocument, Participation, Visibility
from enlace.network.models import (
    Body,
    Country,
    Membership,
    Organisation,
    Person,
    Post,
    Presidency,
)
from enlace.reports.models import Report, ReportPoint


def _get_or_create(model: type[models.Model], defaults: dict[str, Any], **lookup: Any) -> Any:
    instance, created = model._default_manager.get_or_create(defaults=defaults, **lookup)
    if created:
        audit_record(
            actor=None,
            action=f"{model._meta.model_name}.create",
            instance=instance,
            after=snapshot(instance),
        )
    return instance


@transaction.atomic
def load_demo() -> list[data.DemoAccount]:
    """Load the demo (idempotent), in the network's working language: the labels the audit
    trail records at each write are in it, as if the secretariat had made them."""
    with translation.override(settings.LANGUAGE_CODE):
        return _load_demo()


def _load_demo() -> list[data.DemoAccount]:
    countries = {
        code: _get_or_create(
            Country, {"name_es": es, "name_en": en, "name_fr": fr, "status": status}, code=code
        )
        for code, es, en, fr, status in data.COUNTRIES
    }
    organisations = {
        acronym: _get_or_create(
            Organisation,
            {"name_es": es, "name_en": en, "name_fr": fr, "kind": kind, "is_observer": observer},
            acronym=acronym,
        )
        for acronym, es, en, fr, kind, observer in data.ORGANISATIONS
    }
    bodies: dict[str, Body] = {}
    for slug, kind, acronym, es, en, fr, parent in data.BODIES:
        bodies[slug] = _get_or_create(
            Body,
            {
                "kind": kind,
                "acronym": acronym,
                "name_es": es,
                "name_en": en,
                "name_fr": fr,
                "reports_to": bodies.get(parent) if parent else None,
            },
            slug=slug,
        )
    for year, code, invented in data.presidencies(datetime.date.today()):
        _get_or_create(
            Presidency,
            {
                "country": countries[code],
                "start_date": datetime.date(year, 1, 1),
                "end_date": datetime.date(year, 12, 31),
                "is_demo": invented,
            },
            year=year,
        )
    network = bodies["trafficking-network"]

    # One fictional liaison officer per member country, so the directory is not empty.
    demo_start = datetime.date(2016, 1, 1)
    for code, (given_name, family_name) in data.OFFICERS.items():
        person = _get_or_create(
            Person,
            {
                "email": f"demo.{code.lower()}@example.org",
                "phone": "+000 0000 0000",
                "is_demo": True,
            },
            given_name=given_name,
            family_name=family_name,
        )
        post = _get_or_create(
            Post,
            {},
            body=network,
            role=Post.Role.LIAISON_OFFICER,
            country=countries[code],
            organisation=None,
        )
        _get_or_create(
            Membership,
            {"position": "Funcionario/a de enlace"},
            person=person,
            post=post,
            start_date=demo_start,
        )

    for account in data.ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = User.objects.create_user(
                username=account.username,
                password=account.password,
                email=f"{account.username}@example.org",
            )
        person = _get_or_create(
            Person,
            {
                "email": f"{account.username}@example.org",
                "phone": "+000 0000 0000",
                "user": user,
                "is_demo": True,
            },
            given_name=account.given_name,
            family_name=account.family_name,
        )
        post = _get_or_create(
            Post,
            {},
            body=network,
            role=account.post_role,
            country=countries[account.country] if account.country else None,
            organisation=organisations[account.organisation] if account.organisation else None,
        )
        _get_or_create(
            Membership,
            {"institution": account.institution, "position": account.position},
            person=person,
            post=post,
            start_date=demo_start,
        )
    # History: Honduras's officer before the current one.
    former = _get_or_create(
        Person,
        {"email": "former.hnd@example.org", "is_demo": True},
        given_name=data.FORMER_HND_OFFICER[0],
        family_name=data.FORMER_HND_OFFICER[1],
    )
    hnd_post = Post.objects.get(
        body=network, role=Post.Role.LIAISON_OFFICER, country=countries["HND"]
    )
    _get_or_create(
        Membership,
        {
            "end_date": datetime.date(2015, 12, 31),
            "institution": "Secretaría de Seguridad",
            "position": "Funcionario de enlace",
        },
        person=former,
        post=hnd_post,
        start_date=datetime.date(2008, 1, 1),
    )

    admin_name, admin_password = data.ADMIN_ACCOUNT
    if not User.objects.filter(username=admin_name).exists():
        User.objects.create_superuser(admin_name, f"{admin_name}@example.org", admin_password)
    # Every demo account signs in with an authenticator app, as the real ones must: its secret
    # is printed by `enlace demo`, its current code by `enlace demo-otp USERNAME`.
    for user in User.objects.filter(username__in=data.demo_usernames()):
        if totp_secret(user) is None:
            enrol_totp(user)

    _load_tela(network, countries, organisations)
    _propose_tela_commitments()
    load_meetings_demo()
    load_workplan_demo()
    load_cooperation_demo()
    load_contributions_demo()
    load_countryreports_demo()
    return data.ACCOUNTS


def _propose_tela_commitments() -> None:
    """Point 4 asks the ST for the Work Plan Archive: extraction proposes it, the ST confirms."""

    report = Report.objects.get(
        meeting__city="Tela", meeting__start_date=data.TELA_DATE, language="es"
    )
    if Commitment.objects.filter(point__report=report).exists():
        return
    secretariat = User.objects.get(username="secretariat")
    for commitment in commitments_propose_for_report(access.SYSTEM, report):
        commitment_confirm(user=secretariat, commitment=commitment)


def _load_tela(
    network: Body, countries: dict[str, Country], organisations: dict[str, Organisation]
) -> None:
    text = data.TELA_REPORT.read_text(encoding="utf-8")
    parsed = data.parse_tela_report(text)
    meeting = _get_or_create(
        Meeting,
        {
            "title": "Reunión de la Red de Funcionarios de Enlace para el Combate a la Trata de "
            "Personas y al Tráfico Ilícito de Migrantes",
            "end_date": data.TELA_DATE,
            "country": countries["HND"],
            "format": Meeting.Format.IN_PERSON,
            "visibility": Visibility.PUBLIC,
        },
        body=network,
        start_date=data.TELA_DATE,
        city="Tela",
    )
    for code in data.TELA_COUNTRIES:
        _get_or_create(
            Participation, {}, meeting=meeting, country=countries[code], organisation=None
        )
    _get_or_create(
        Participation,
        {"note": "Presentó las áreas en que los países podrían ampliar sus esfuerzos"},
        meeting=meeting,
        country=None,
        organisation=organisations["RROCM"],
    )
    _get_or_create(
        Participation,
        {"note": "Presentó con la PPT la propuesta del Plan de Trabajo"},
        meeting=meeting,
        country=None,
        organisation=organisations["ST"],
    )
    if not meeting.agenda_items.exists():
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(
                    meeting=meeting,
                    position=1,
                    title="Avances de los países miembros en el combate a la trata de personas "
                    "y el tráfico ilícito de migrantes",
                ),
                AgendaItem(meeting=meeting, position=2, title="Asistencia a las víctimas de trata"),
                AgendaItem(
                    meeting=meeting,
                    position=3,
                    title="Presentación de la Red Regional de Organizaciones Civiles para las "
                    "Migraciones (RROCM)",
                ),
                AgendaItem(
                    meeting=meeting,
                    position=4,
                    title="Revisión de la propuesta del Plan de Trabajo de la Red",
                ),
            ]
        )
    report = Report.objects.filter(meeting=meeting, language="es").first()
    if report is None:
        report = _get_or_create(
            Report,
            {
                "title": parsed.title,
                "place_line": parsed.place_line,
                "date_line": parsed.date_line,
                "opening": parsed.opening,
                "status": Report.Status.ADOPTED,
                "adopted_on": data.TELA_DATE,
                "is_published": True,
            },
            meeting=meeting,
            language="es",
        )
        ReportPoint.objects.bulk_create(
            ReportPoint(report=report, position=i, level=0, text=point)
            for i, point in enumerate(parsed.points, 1)
        )
    if not meeting.documents.exists():
        document = MeetingDocument(
            meeting=meeting, title=parsed.title, language="es", visibility=Visibility.PUBLIC
        )
        document.file.save(data.TELA_REPORT.name, ContentFile(text.encode("utf-8")), save=True)
