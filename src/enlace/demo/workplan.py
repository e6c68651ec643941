"""The work plan demo: the CRM Plan of Action, the network's 2008 Work Plan adopted in Tela at
point 4 of its report, and the network's work plan on migrant smuggling 2019–2025.

What is the record and what is made up:
- The Plan of Action's three axes, the four axes of the 2019–2025 plan, and point 4 of the Tela
  report (review of the Work Plan proposed by the PPT and the ST, adoption as an annex to the
  CRM Plan of Action, the ST asked to create and keep a Work Plan Archive) are the record.
- The objectives and activities are generic examples, not the plans' real content. The meeting
  that adopted the 2019–2025 plan is not in the demo, so that adoption names no meeting.
- Deadlines of open activities are set relative to the day the demo is first loaded, so the
  dashboard always shows both late and upcoming activities.

Safe to run again: a work plan that exists is left as it is.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from enlace.accounts.models import User
from enlace.audit.services import audit_record, snapshot
from enlace.commitments.models import Commitment
from enlace.demo import data
from enlace.meetings.models import Meeting
from enlace.network.models import Body, Country, Organisation
from enlace.reports.models import ReportPoint
from enlace.workplan import services as workplan_services
from enlace.workplan.models import (
    Activity,
    Axis,
    Indicator,
    Milestone,
    Objective,
    PlanAxis,
    PlanLine,
    PlanOfAction,
    WorkPlan,
    WorkPlanVersion,
)

PLAN_OF_ACTION_SLUG = "crm-plan-of-action"
PLAN_2008_SLUG = "network-work-plan-2008"
PLAN_2019_SLUG = "smuggling-2019-2025"
ARCHIVE_ACTIVITY_TITLE = "Creación y mantenimiento del Plan de Trabajo-Archivo"

# (axis es, en, fr), [(line es, en, fr), …]
PLAN_OF_ACTION_AXES = [
    (
        ("Políticas y gestión migratoria", "Migration policy and management",
         "Politiques et gestion migratoires"),
        [
            ("Combate a la trata de personas y al tráfico ilícito de migrantes",
             "Combating trafficking in persons and migrant smuggling",
             "Lutte contre la traite des personnes et le trafic illicite de migrants"),
            ("Retorno y reintegración", "Return and reintegration",
             "Retour et réintégration"),
        ],
    ),
    (
        ("Derechos humanos", "Human rights", "Droits de l'homme"),
        [
            ("Protección de los derechos humanos de las personas migrantes",
             "Protection of the human rights of migrants",
             "Protection des droits de l'homme des migrants"),
            ("Atención a víctimas de trata", "Assistance to victims of trafficking",
             "Assistance aux victimes de la traite"),
        ],
    ),
    (
        ("Migración y desarrollo", "Migration and development", "Migration et développement"),
        [
            ("Migración y desarrollo en las comunidades de origen",
             "Migration and development in communities of origin",
             "Migration et développement dans les communautés d'origine"),
        ],
    ),
]  # fmt: skip


def _days(n: int) -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=n)


@dataclass(frozen=True)
class DemoActivity:
    title_es: str
    title_en: str
    countries: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    status: str = Activity.Status.PLANNED
    progress: int = 0
    weight: int = 1
    start: datetime.date | None = None
    end: datetime.date | None = None
    completed_on: datetime.date | None = None
    results: str = ""
    cancel_reason: str = ""
    archived: bool = False
    published: bool = False
    partners: str = ""
    indicator: tuple[str, str, str, str] | None = None  # name, baseline, target, current
    milestones: tuple[tuple[datetime.date, str], ...] = ()


@dataclass(frozen=True)
class DemoObjective:
    title_es: str
    title_en: str
    activities: list[DemoActivity] = field(default_factory=list)
    weight: int = 1


S = Activity.Status
D = datetime.date

# The four real axes of the 2019–2025 plan; generic objectives and activities under them.
SMUGGLING_AXES: list[tuple[str, str, int, list[DemoObjective]]] = [
    (
        "Inteligencia e investigación",
        "Intelligence and investigation",
        0,
        [
            DemoObjective(
                "Fortalecer el intercambio de información entre las autoridades",
                "Strengthen information exchange between authorities",
                [
                    DemoActivity(
                        "Taller regional sobre análisis de rutas de tráfico ilícito",
                        "Regional workshop on the analysis of smuggling routes",
                        countries=("GTM",), status=S.COMPLETED, progress=100, weight=2,
                        start=D(2019, 9, 1), end=D(2020, 3, 31), completed_on=D(2020, 2, 28),
                        results="Metodología común de análisis de rutas compartida con la Red.",
                        archived=True, published=True,
                        indicator=("Países participantes", "0", "8", "8"),
                    ),
                    DemoActivity(
                        "Protocolo de intercambio de alertas entre puntos de contacto",
                        "Protocol for exchanging alerts between contact points",
                        countries=("MEX", "GTM"), status=S.IN_PROGRESS, progress=60, weight=2,
                        start=D(2023, 1, 15), end=_days(45), partners="OIM",
                        indicator=("Puntos de contacto designados", "3", "11", "7"),
                        milestones=((D(2024, 6, 10), "Borrador circulado a los puntos de "
                                     "contacto."),),
                    ),
                ],
                weight=2,
            ),
            DemoObjective(
                "Mejorar la investigación de las redes de tráfico ilícito",
                "Improve the investigation of smuggling networks",
                [
                    DemoActivity(
                        "Guía de investigación financiera de delitos de tráfico ilícito",
                        "Guide to financial investigation of smuggling offences",
                        countries=("HND",), status=S.IN_PROGRESS, progress=40,
                        start=D(2022, 3, 1), end=_days(-40),
                        milestones=((D(2023, 11, 20), "Índice acordado por el grupo de "
                                     "redacción."),),
                    ),
                    DemoActivity(
                        "Curso virtual de técnicas de investigación",
                        "Online course on investigation techniques",
                        countries=("CRI",), status=S.PLANNED, start=_days(30), end=_days(210),
                    ),
                ],
            ),
        ],
    ),
    (
        "Cooperación judicial transfronteriza",
        "Cross-border judicial cooperation",
        0,
        [
            DemoObjective(
                "Agilizar la asistencia judicial mutua",
                "Speed up mutual legal assistance",
                [
                    DemoActivity(
                        "Directorio regional de autoridades centrales",
                        "Regional directory of central authorities",
                        countries=("SLV",), status=S.COMPLETED, progress=100,
                        start=D(2019, 10, 1), end=D(2021, 6, 30), completed_on=D(2021, 5, 14),
                        results="Directorio distribuido a las autoridades centrales.",
                        archived=True, published=False,
                    ),
                    DemoActivity(
                        "Modelo común de solicitud de asistencia judicial",
                        "Common model request for legal assistance",
                        countries=("PAN",), status=S.POSTPONED, progress=15,
                        start=D(2022, 1, 10), end=_days(150),
                    ),
                ],
            ),
            DemoObjective(
                "Promover la armonización normativa",
                "Promote the harmonisation of legislation",
                [
                    DemoActivity(
                        "Estudio comparado de la tipificación del delito",
                        "Comparative study of how the offence is defined",
                        countries=("DOM",), status=S.CANCELLED, progress=0,
                        start=D(2020, 2, 1), end=D(2021, 12, 31),
                        cancel_reason="Cubierto por un estudio regional ya disponible.",
                        archived=True, published=True,
                    ),
                    DemoActivity(
                        "Reunión de fiscales especializados",
                        "Meeting of specialised prosecutors",
                        countries=("MEX",), status=S.PLANNED, start=D(2025, 1, 1),
                        end=_days(-15),
                    ),
                ],
            ),
        ],
    ),
    (
        "Detención administrativa y alternativas",
        "Administrative detention and alternatives",
        2,
        [
            DemoObjective(
                "Promover alternativas a la detención administrativa",
                "Promote alternatives to administrative detention",
                [
                    DemoActivity(
                        "Catálogo de alternativas a la detención",
                        "Catalogue of alternatives to detention",
                        countries=("CRI", "PAN"), status=S.IN_PROGRESS, progress=75, weight=3,
                        start=D(2023, 5, 1), end=_days(20), partners="ACNUR",
                        indicator=("Prácticas documentadas", "0", "20", "15"),
                    ),
                    DemoActivity(
                        "Intercambio de buenas prácticas sobre alternativas",
                        "Exchange of good practices on alternatives",
                        countries=("NIC",), status=S.COMPLETED, progress=100,
                        start=D(2022, 2, 1), end=D(2022, 11, 30), completed_on=D(2022, 10, 21),
                        results="Recopilación de prácticas presentada a la Red.",
                        archived=True, published=True,
                    ),
                ],
            ),
            DemoObjective(
                "Mejorar las condiciones de alojamiento temporal",
                "Improve temporary shelter conditions",
                [
                    DemoActivity(
                        "Lineamientos regionales de alojamiento temporal",
                        "Regional guidelines on temporary shelter",
                        countries=("HND", "GTM"), status=S.IN_PROGRESS, progress=20,
                        start=D(2024, 2, 1), end=_days(120),
                    ),
                    DemoActivity(
                        "Visitas de intercambio técnico",
                        "Technical exchange visits",
                        countries=("BLZ",), status=S.COMPLETED, progress=100,
                        start=D(2023, 3, 1), end=D(2023, 12, 15), completed_on=D(2023, 12, 1),
                        results="Informe de las visitas.",
                    ),
                ],
            ),
        ],
    ),
    (
        "Protección: prevención, información, asistencia y soluciones migratorias",
        "Protection: prevention, information, assistance and migration solutions",
        2,
        [
            DemoObjective(
                "Prevenir el tráfico ilícito mediante la información",
                "Prevent smuggling through information",
                [
                    DemoActivity(
                        "Campaña regional de información sobre los riesgos del tráfico ilícito",
                        "Regional information campaign on the risks of smuggling",
                        countries=("GTM", "HND", "SLV"), status=S.PLANNED, start=_days(60),
                        end=_days(300),
                    ),
                    DemoActivity(
                        "Material informativo para consulados",
                        "Information material for consulates",
                        countries=("MEX",), status=S.IN_PROGRESS, progress=50,
                        start=D(2024, 9, 1), end=_days(-70),
                    ),
                ],
            ),
            DemoObjective(
                "Asistir y proteger a las personas migrantes objeto de tráfico ilícito",
                "Assist and protect smuggled migrants",
                [
                    DemoActivity(
                        "Ruta de atención y referencia de personas en situación de "
                        "vulnerabilidad",
                        "Assistance and referral pathway for people in vulnerable situations",
                        countries=("HND",), status=S.COMPLETED, progress=100, weight=2,
                        start=D(2020, 1, 15), end=D(2022, 6, 30), completed_on=D(2022, 6, 3),
                        results="Ruta adoptada por las instituciones participantes.",
                        archived=True, published=True,
                    ),
                    DemoActivity(
                        "Mecanismo regional de retorno asistido",
                        "Regional assisted return mechanism",
                        countries=("CRI",), status=S.CANCELLED, start=D(2021, 1, 1),
                        end=D(2022, 12, 31),
                        cancel_reason="Sustituido por los mecanismos bilaterales vigentes.",
                        archived=True, published=False,
                    ),
                    DemoActivity(
                        "Formación sobre identificación de necesidades de protección",
                        "Training on identifying protection needs",
                        countries=("PAN", "DOM"), status=S.PLANNED, start=_days(10),
                        end=_days(25),
                    ),
                ],
            ),
        ],
    ),
]  # fmt: skip


def _created(instance: models.Model) -> Any:
    audit_record(
        actor=None,
        action=f"{instance._meta.model_name}.create",
        instance=instance,
        after=snapshot(instance),
    )
    return instance


def _plan_of_action() -> tuple[PlanOfAction, list[PlanLine]]:
    plan, created = PlanOfAction.objects.get_or_create(
        slug=PLAN_OF_ACTION_SLUG,
        defaults={
            "name_es": "Plan de Acción de la Conferencia Regional sobre Migración",
            "name_en": "Plan of Action of the Regional Conference on Migration",
            "name_fr": "Plan d'action de la Conférence régionale sur les migrations",
        },
    )
    if created:
        _created(plan)
        for position, ((es, en, fr), axis_lines) in enumerate(PLAN_OF_ACTION_AXES, start=1):
            axis = _created(
                PlanAxis.objects.create(
                    plan=plan, position=position, name_es=es, name_en=en, name_fr=fr
                )
            )
            for line_position, (line_es, line_en, line_fr) in enumerate(axis_lines, start=1):
                _created(
                    PlanLine.objects.create(
                        axis=axis,
                        position=line_position,
                        name_es=line_es,
                        name_en=line_en,
                        name_fr=line_fr,
                    )
                )
    lines = list(PlanLine.objects.filter(axis__plan=plan).order_by("axis__position", "position"))
    return plan, lines


def _activity(
    version: WorkPlanVersion,
    objective: Objective,
    position: int,
    spec: DemoActivity,
    countries: dict[str, Country],
    organisations: dict[str, Organisation],
    **extra: Any,
) -> Activity:
    activity: Activity = _created(
        Activity.objects.create(
            version=version,
            objective=objective,
            position=position,
            title_es=spec.title_es,
            title_en=spec.title_en,
            partners=spec.partners,
            start_date=spec.start,
            end_date=spec.end,
            weight=spec.weight,
            status=spec.status,
            progress=spec.progress,
            completed_on=spec.completed_on,
            results=spec.results,
            cancel_reason=spec.cancel_reason,
            archived_on=(spec.completed_on or spec.end) if spec.archived else None,
            archive_published=spec.published,
            **extra,
        )
    )
    activity.responsible_countries.set([countries[code] for code in spec.countries])
    activity.responsible_organisations.set([organisations[a] for a in spec.organisations])
    if spec.indicator:
        name, baseline, target, current = spec.indicator
        _created(
            Indicator.objects.create(
                activity=activity, name=name, baseline=baseline, target=target, current=current
            )
        )
    for date, note in spec.milestones:
        _created(Milestone.objects.create(activity=activity, date=date, note=note))
    return activity


def _plan_2008(
    network: Body,
    plan_of_action: PlanOfAction,
    lines: list[PlanLine],
    countries: dict[str, Country],
    organisations: dict[str, Organisation],
) -> None:
    """The network's Work Plan reviewed in Tela and adopted as an annex (report point 4)."""
    if WorkPlan.objects.filter(slug=PLAN_2008_SLUG).exists():
        return

    tela = Meeting.objects.get(body=network, city="Tela", start_date=data.TELA_DATE)
    point = ReportPoint.objects.get(report__meeting=tela, report__language="es", position=4)
    commitment = (
        Commitment.objects.filter(point=point, actor_kind=Commitment.ActorKind.SECRETARIAT)
        .order_by("pk")
        .first()
    )
    plan = _created(
        WorkPlan.objects.create(
            slug=PLAN_2008_SLUG,
            body=network,
            plan_of_action=plan_of_action,
            period_start=2008,
            period_end=2008,
            name_es="Plan de Trabajo de la Red de Funcionarios de Enlace (2008)",
            name_en="Work Plan of the Liaison Officer Network (2008)",
            name_fr="Plan de travail du Réseau des fonctionnaires de liaison (2008)",
        )
    )
    version = _created(
        WorkPlanVersion.objects.create(
            work_plan=plan,
            number=1,
            status=WorkPlanVersion.Status.ADOPTED,
            adopted_on=data.TELA_DATE,
            adopted_by_meeting=tela,
            adopted_at_point=point,
            note="Plan de Trabajo actualizado, anexo al Plan de Acción de la CRM "
            "(punto 4 del informe de Tela).",
        )
    )
    axis = _created(
        Axis.objects.create(
            version=version,
            position=1,
            title_es="Seguimiento de los acuerdos de la Red",
            title_en="Follow-up of the network's agreements",
            plan_line=lines[0],
        )
    )
    review = _created(
        Objective.objects.create(
            version=version,
            axis=axis,
            position=1,
            title_es="Revisar y actualizar el Plan de Trabajo de la Red",
            title_en="Review and update the network's Work Plan",
        )
    )
    _activity(
        version,
        review,
        1,
        DemoActivity(
            "Revisión de la propuesta del Plan de Trabajo presentada por la PPT y la ST",
            "Review of the Work Plan proposal presented by the PPT and the ST",
            countries=("HND",),
            organisations=("ST",),
            status=S.COMPLETED,
            progress=100,
            start=data.TELA_DATE,
            end=data.TELA_DATE,
            completed_on=data.TELA_DATE,
            results="Plan de Trabajo actualizado, propuesto como anexo al Plan de Acción de la "
            "CRM.",
            archived=True,
            published=True,
        ),
        countries,
        organisations,
        source_point=point,
        noted_by_meeting=tela,
    )
    record = _created(
        Objective.objects.create(
            version=version,
            axis=axis,
            position=2,
            title_es="Conservar la memoria de los objetivos y actividades ya realizados",
            title_en="Keep a record of the objectives and activities already carried out",
        )
    )
    # Requested in Tela (point 4); no later meeting taking note of it is in the demo.
    loaded_on = datetime.date.today()
    _activity(
        version,
        record,
        1,
        DemoActivity(
            ARCHIVE_ACTIVITY_TITLE,
            "Creation and maintenance of the Work Plan Archive",
            organisations=("ST",),
            status=S.COMPLETED,
            progress=100,
            start=data.TELA_DATE,
            completed_on=loaded_on,
            results="El Plan de Trabajo-Archivo se mantiene en Enlace con los objetivos y "
            "actividades ya realizados.",
            archived=True,
            published=True,
        ),
        countries,
        organisations,
        source_point=point,
        source_commitment=commitment,
    )


def _plan_2019(
    network: Body,
    plan_of_action: PlanOfAction,
    lines: list[PlanLine],
    countries: dict[str, Country],
    organisations: dict[str, Organisation],
) -> None:
    """The network's work plan on migrant smuggling 2019–2025: version 1 in force."""
    if WorkPlan.objects.filter(slug=PLAN_2019_SLUG).exists():
        return
    plan = _created(
        WorkPlan.objects.create(
            slug=PLAN_2019_SLUG,
            body=network,
            plan_of_action=plan_of_action,
            period_start=2019,
            period_end=2025,
            name_es="Plan de Trabajo de la Red sobre tráfico ilícito de migrantes 2019–2025",
            name_en="Network work plan on migrant smuggling 2019–2025",
            name_fr="Plan de travail du Réseau sur le trafic illicite de migrants 2019–2025",
        )
    )
    version = _created(
        WorkPlanVersion.objects.create(
            work_plan=plan,
            number=1,
            status=WorkPlanVersion.Status.ADOPTED,
            note="Datos de demostración: la reunión que adoptó esta versión no figura en la "
            "demostración.",
        )
    )
    for axis_position, (axis_es, axis_en, line_index, objectives) in enumerate(
        SMUGGLING_AXES, start=1
    ):
        axis = _created(
            Axis.objects.create(
                version=version,
                position=axis_position,
                title_es=axis_es,
                title_en=axis_en,
                plan_line=lines[min(line_index, len(lines) - 1)],
            )
        )
        for objective_position, spec in enumerate(objectives, start=1):
            objective = _created(
                Objective.objects.create(
                    version=version,
                    axis=axis,
                    position=objective_position,
                    weight=spec.weight,
                    title_es=spec.title_es,
                    title_en=spec.title_en,
                )
            )
            for position, activity in enumerate(spec.activities, start=1):
                _activity(version, objective, position, activity, countries, organisations)


NEXT_PLAN_SLUG = "network-work-plan-next"


def _next_plan(
    network: Body,
    plan_of_action: PlanOfAction,
    lines: list[PlanLine],
    countries: dict[str, Country],
    organisations: dict[str, Organisation],
) -> None:
    """An invented plan of the current period, which shows every life of a version: version 1
    adopted at the meeting of a year ago and superseded by version 2 (adopted five months ago),
    version 3 in review for the coming meeting with the countries' amendments (pending,
    accepted, rejected); and the 2019–2025 plan's update begun as a draft."""
    if WorkPlan.objects.filter(slug=NEXT_PLAN_SLUG).exists():
        return
    meetings = list(
        Meeting.objects.filter(is_demo=True, reports__status__in=["adopted", "presented"])
        .order_by("start_date")
        .distinct()
    )
    if len(meetings) < 2:
        return
    secretariat = User.objects.get(username="secretariat")
    year = datetime.date.today().year
    plan = _created(
        WorkPlan.objects.create(
            slug=NEXT_PLAN_SLUG,
            body=network,
            plan_of_action=plan_of_action,
            period_start=year,
            period_end=year + 3,
            name_es=f"Plan de Trabajo de la Red sobre trata de personas {year}–{year + 3}",
            name_en=f"Network work plan on trafficking in persons {year}–{year + 3}",
            name_fr=f"Plan de travail du Réseau sur la traite des personnes {year}–{year + 3}",
        )
    )
    first = workplan_services.version_create(
        user=secretariat, work_plan=plan, note="Propuesta de la PPT y de la ST."
    )
    axis = _created(
        Axis.objects.create(
            version=first,
            position=1,
            title_es="Protección y asistencia a las víctimas de trata",
            title_en="Protection and assistance to victims of trafficking",
            plan_line=lines[min(3, len(lines) - 1)],
        )
    )
    objective = _created(
        Objective.objects.create(
            version=first,
            axis=axis,
            position=1,
            title_es="Fortalecer la referencia regional de víctimas",
            title_en="Strengthen the regional referral of victims",
        )
    )
    for position, spec in enumerate(
        [
            DemoActivity(
                "Actualización de los lineamientos regionales de referencia de víctimas",
                "Update of the regional guidelines on the referral of victims",
                countries=("HND", "SLV"),
                organisations=("IOM",),
                status=S.IN_PROGRESS,
                progress=30,
                start=_days(-120),
                end=_days(200),
            ),
            DemoActivity(
                "Taller regional sobre la identificación de víctimas en los puestos fronterizos",
                "Regional workshop on identifying victims at border posts",
                countries=("GTM", "MEX"),
                status=S.PLANNED,
                start=_days(90),
                end=_days(92),
            ),
        ],
        start=1,
    ):
        _activity(first, objective, position, spec, countries, organisations)
    point = ReportPoint.objects.get(report__meeting=meetings[0], position=1)
    workplan_services.version_adopt(
        user=secretariat,
        version=first,
        meeting=meetings[0],
        point=point,
        adopted_on=meetings[0].end_date,
    )
    second = workplan_services.version_create(
        user=secretariat, work_plan=plan, based_on=first, note="Plazos actualizados."
    )
    point = ReportPoint.objects.get(report__meeting=meetings[1], position=1)
    workplan_services.version_adopt(
        user=secretariat,
        version=second,
        meeting=meetings[1],
        point=point,
        adopted_on=meetings[1].end_date,
    )
    third = workplan_services.version_create(
        user=secretariat,
        work_plan=plan,
        based_on=second,
        note="Propuesta de actualización para la próxima reunión de la Red.",
    )
    workplan_services.version_submit_for_review(user=secretariat, version=third)
    honduras = User.objects.get(username="honduras")
    mexico = User.objects.get(username="mexico")
    activities = list(third.activities.order_by("position"))
    amendments = [
        (honduras, "Incluir a la sociedad civil entre los responsables de la actualización.", None),
        (mexico, "Ampliar el taller a los puestos fronterizos marítimos.", True),
        (honduras, "Aplazar el taller al año siguiente.", False),
    ]
    for user, text, accept in amendments:
        amendment = workplan_services.amendment_propose(
            user=user, version=third, text=text, activity=activities[0 if accept is None else 1]
        )
        if accept is not None:
            workplan_services.amendment_decide(
                user=secretariat,
                amendment=amendment,
                accept=accept,
                reason="Se incorpora en la versión revisada."
                if accept
                else "El calendario del Plan no permite aplazarlo.",
            )
    # The update of the 2019–2025 plan, begun by the secretariat as a draft.
    smuggling = WorkPlan.objects.get(slug=PLAN_2019_SLUG)
    if not smuggling.versions.filter(status=WorkPlanVersion.Status.DRAFT).exists():
        workplan_services.version_create(
            user=secretariat,
            work_plan=smuggling,
            based_on=smuggling.versions.get(number=1),
            note="Borrador de actualización de la ST.",
        )


@transaction.atomic
def load_workplan_demo() -> None:
    """Load the work plan demo; needs the network and the Tela meeting loaded first."""
    network = Body.objects.get(slug="trafficking-network")
    countries = {c.code: c for c in Country.objects.all()}
    organisations = {o.acronym: o for o in Organisation.objects.exclude(acronym="")}
    plan_of_action, lines = _plan_of_action()
    _plan_2008(network, plan_of_action, lines, countries, organisations)
    _plan_2019(network, plan_of_action, lines, countries, organisations)
    _next_plan(network, plan_of_action, lines, countries, organisations)
