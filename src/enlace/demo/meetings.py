"""The meetings demo: the network's life around the day the demo is loaded.

Tela 2008 is the record and the founding meeting (``load._load_tela``). The meetings here are
invented (``Meeting.is_demo``, shown with the demo marker) and dated from the day the demo is
loaded, so the demo never goes stale:

- a meeting about a year ago, whose report was adopted and presented to the GRCM;
- a meeting about five months ago, whose report is adopted and published, and whose points ask
  the secretariat and the member countries for things by dates still to come (confirmed
  commitments: they are in the calendar feeds);
- a virtual meeting a few weeks ago, whose report is a draft the observers are invited to
  comment on;
- a meeting in a few weeks in Tegucigalpa, hosted by the Pro Tempore Presidency, with its agenda:
  observers may still send contributions to it;
- a virtual meeting some months later, with a first agenda.

Texts are in Spanish, the network's working language (the reports say so: ``language="es"``).
Safe to run again: once the invented meetings exist, nothing is added (their dates stay those
of the first load).
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from enlace import access
from enlace.accounts.models import User
from enlace.audit.services import audit_record, snapshot
from enlace.commitments.models import Commitment
from enlace.commitments.services import (
    commitment_add,
    commitment_complete,
    commitment_confirm,
    commitment_dismiss,
    commitments_propose_for_report,
)
from enlace.meetings.models import AgendaItem, Meeting, Participation, Visibility
from enlace.network.models import Body, Country, Organisation
from enlace.reports.models import Report, ReportPoint

MONTHS_ES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
NETWORK_ES = (
    "Red de Funcionarios de Enlace para el Combate a la Trata de Personas y al Tráfico Ilícito "
    "de Migrantes"
)


def fecha(day: datetime.date) -> str:
    """A date as a Spanish report writes it: "15 de enero de 2027"."""
    return f"{day.day} de {MONTHS_ES[day.month - 1]} de {day.year}"


@dataclass
class DemoMeeting:
    key: str
    offset: int  # days from the day the demo is loaded to the first day
    days: int
    city: str
    country: str | None
    format: str
    visibility: str
    title: str
    countries: list[str]
    organisations: list[str]
    agenda: list[str]
    report_status: str | None = None
    presented_after: int | None = None  # days after the meeting's end
    observers_invited: bool = False
    points: list[str] = field(default_factory=list)


def meetings(today: datetime.date) -> list[DemoMeeting]:
    """The invented meetings, dated from ``today``."""
    return [
        DemoMeeting(
            key="last-year",
            offset=-400,
            days=2,
            city="San Salvador",
            country="SLV",
            format=Meeting.Format.IN_PERSON,
            visibility=Visibility.PUBLIC,
            title=f"Reunión de la {NETWORK_ES}",
            countries=["BLZ", "CRI", "SLV", "GTM", "HND", "MEX", "NIC", "PAN", "DOM", "USA"],
            organisations=["ST", "IOM", "UNODC", "RROCM"],
            agenda=[
                "Avances de los países miembros en el combate a la trata de personas",
                "Presentación de UNODC sobre el Informe mundial sobre la trata de personas",
                "Seguimiento del Plan de Trabajo sobre tráfico ilícito de migrantes",
            ],
            report_status=Report.Status.PRESENTED,
            presented_after=30,
            points=[
                "Los países miembros presentaron sus avances en la identificación y atención de "
                "víctimas de trata de personas durante el año.",
                "La ST circulará entre los países miembros la compilación de buenas prácticas "
                "de investigación a más tardar el "
                + fecha(today + datetime.timedelta(days=-400 + 1 + 60))
                + ".",
                "UNODC presentó las conclusiones del Informe mundial sobre la trata de personas "
                "para la región.",
                "Guatemala compartirá su protocolo de investigación financiera con la Red.",
            ],
        ),
        DemoMeeting(
            key="half-year",
            offset=-150,
            days=2,
            city="Ciudad de Guatemala",
            country="GTM",
            format=Meeting.Format.HYBRID,
            visibility=Visibility.PUBLIC,
            title=f"Reunión de la {NETWORK_ES}",
            countries=["CAN", "CRI", "SLV", "GTM", "HND", "MEX", "PAN", "USA"],
            organisations=["ST", "IOM", "UNHCR", "RROCM"],
            agenda=[
                "Estado de ejecución del Plan de Trabajo 2019–2025",
                "Informes anuales de los países miembros",
                "Alojamiento temporal de personas migrantes objeto de tráfico ilícito",
            ],
            report_status=Report.Status.ADOPTED,
            points=[
                "La PPT presentó el estado de ejecución del Plan de Trabajo de la Red sobre "
                "tráfico ilícito de migrantes.",
                "Los países miembros enviarán a la ST sus informes anuales a más tardar el "
                + fecha(today + datetime.timedelta(days=40))
                + ".",
                "La ST preparará una propuesta de lineamientos regionales de alojamiento "
                "temporal a más tardar el " + fecha(today + datetime.timedelta(days=75)) + ".",
                "México organizará un taller virtual sobre la investigación de redes de tráfico "
                "ilícito de migrantes.",
            ],
        ),
        DemoMeeting(
            key="recent",
            offset=-25,
            days=1,
            city="",
            country=None,
            format=Meeting.Format.VIRTUAL,
            visibility=Visibility.NETWORK,
            title=f"Reunión virtual de la {NETWORK_ES}",
            countries=["CRI", "SLV", "GTM", "HND", "MEX", "PAN"],
            organisations=["ST", "RROCM"],
            agenda=[
                "Preparación de la próxima reunión presencial de la Red",
                "Propuesta de lineamientos regionales de alojamiento temporal",
            ],
            report_status=Report.Status.DRAFT,
            observers_invited=True,
            points=[
                "La PPT presentó la propuesta de agenda de la próxima reunión presencial de la "
                "Red en Tegucigalpa.",
                "La ST presentó el primer borrador de los lineamientos regionales de "
                "alojamiento temporal; los países miembros enviarán sus comentarios.",
            ],
        ),
        DemoMeeting(
            key="coming",
            offset=24,
            days=2,
            city="Tegucigalpa",
            country="HND",
            format=Meeting.Format.IN_PERSON,
            visibility=Visibility.NETWORK,
            title=f"Reunión de la {NETWORK_ES}",
            countries=[],
            organisations=[],
            agenda=[
                "Palabras de bienvenida de la Presidencia Pro Tempore",
                "Avances de los países miembros: informes anuales",
                "Contribuciones de las organizaciones observadoras y de la sociedad civil",
                "Lineamientos regionales de alojamiento temporal",
                "Revisión del Plan de Trabajo y propuesta para el período siguiente",
            ],
        ),
        DemoMeeting(
            key="later",
            offset=160,
            days=1,
            city="",
            country=None,
            format=Meeting.Format.VIRTUAL,
            visibility=Visibility.PUBLIC,
            title=f"Reunión virtual de la {NETWORK_ES}",
            countries=[],
            organisations=[],
            agenda=[
                "Seguimiento de los acuerdos de la reunión de Tegucigalpa",
                "Campaña regional de información sobre los riesgos del tráfico ilícito",
            ],
        ),
    ]


def _created(instance: object) -> None:
    audit_record(
        actor=None,
        action=f"{instance._meta.model_name}.create",  # type: ignore[attr-defined]
        instance=instance,  # type: ignore[arg-type]
        after=snapshot(instance),  # type: ignore[arg-type]
    )


def _opening(spec: DemoMeeting, start: datetime.date, countries: dict[str, Country]) -> str:
    names = ", ".join(countries[code].name_es for code in spec.countries)
    where = f"en {spec.city}" if spec.city else "de forma virtual"
    return (
        f"La {NETWORK_ES} se reunió el {fecha(start)} {where}, con la participación de "
        f"representantes de {names}, y presenta su informe al Grupo Regional de Consulta sobre "
        "Migración (GRCM)."
    )


def _meeting(
    spec: DemoMeeting,
    today: datetime.date,
    network: Body,
    countries: dict[str, Country],
    organisations: dict[str, Organisation],
) -> Meeting:
    start = today + datetime.timedelta(days=spec.offset)
    end = start + datetime.timedelta(days=spec.days - 1)
    meeting = Meeting.objects.create(
        body=network,
        title=spec.title,
        start_date=start,
        end_date=end,
        city=spec.city,
        country=countries[spec.country] if spec.country else None,
        format=spec.format,
        visibility=spec.visibility,
        is_demo=True,
    )
    _created(meeting)
    for code in spec.countries:
        _created(Participation.objects.create(meeting=meeting, country=countries[code]))
    for acronym in spec.organisations:
        _created(Participation.objects.create(meeting=meeting, organisation=organisations[acronym]))
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=i, title=title)
        for i, title in enumerate(spec.agenda, 1)
    )
    if spec.report_status is None:
        return meeting
    adopted = spec.report_status != Report.Status.DRAFT
    report = Report.objects.create(
        meeting=meeting,
        language="es",
        title="Informe de la " + spec.title[0].lower() + spec.title[1:],
        place_line=f"{spec.city}, {countries[spec.country].name_es}"
        if spec.city and spec.country
        else "Reunión virtual",
        date_line=fecha(start),
        opening=_opening(spec, start, countries),
        status=spec.report_status,
        adopted_on=end if adopted else None,
        presented_on=end + datetime.timedelta(days=spec.presented_after)
        if spec.presented_after is not None
        else None,
        is_published=adopted,
        observers_invited=spec.observers_invited,
    )
    _created(report)
    ReportPoint.objects.bulk_create(
        ReportPoint(report=report, position=i, level=0, text=text)
        for i, text in enumerate(spec.points, 1)
    )
    return meeting


def _commitments(meeting: Meeting, today: datetime.date) -> None:
    """Extraction proposes what the points ask; the secretariat follows them up: the deadlines
    of the last year's meeting are done or dismissed, those of the half-year meeting open."""
    report = Report.objects.get(meeting=meeting, language="es")
    secretariat = User.objects.get(username="secretariat")
    proposals = commitments_propose_for_report(access.SYSTEM, report)
    past = meeting.end_date < today - datetime.timedelta(days=300)
    for commitment in proposals:
        if commitment.due_date is not None and commitment.due_date >= today:
            commitment_confirm(user=secretariat, commitment=commitment)
        elif past and commitment.due_date is not None:
            commitment_confirm(user=secretariat, commitment=commitment)
            commitment_complete(
                user=secretariat,
                commitment=commitment,
                evidence="Compilación circulada por correo a los funcionarios de enlace.",
            )
        elif past:
            commitment_dismiss(user=secretariat, commitment=commitment)
        # Otherwise it stays proposed, waiting for the secretariat's review.
    if past:
        return
    # A confirmed commitment with a deadline to come, whatever extraction found.
    if not Commitment.objects.filter(
        point__report=report, status=Commitment.Status.CONFIRMED, due_date__gte=today
    ).exists():
        due = today + datetime.timedelta(days=75)
        commitment_add(
            user=secretariat,
            point=report.points.get(position=3),
            data={
                "actor_kind": Commitment.ActorKind.SECRETARIAT,
                "text": "preparar una propuesta de lineamientos regionales de alojamiento temporal",
                "due_date": due,
                "due_text": f"a más tardar el {fecha(due)}",
            },
        )


@transaction.atomic
def load_meetings_demo() -> None:
    """Load the invented meetings; needs the network, its countries and accounts loaded."""
    today = datetime.date.today()
    network = Body.objects.get(slug="trafficking-network")
    countries = {c.code: c for c in Country.objects.all()}
    organisations = {o.acronym: o for o in Organisation.objects.exclude(acronym="")}
    if Meeting.objects.filter(is_demo=True).exists():
        return
    for spec in meetings(today):
        meeting = _meeting(spec, today, network, countries, organisations)
        if spec.report_status in (
            Report.Status.ADOPTED,
            Report.Status.PRESENTED,
        ):
            _commitments(meeting, today)
