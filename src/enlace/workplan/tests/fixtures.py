"""Work plan fixtures, built on the shared ``net`` (Honduras, Mexico, Guatemala members; Argentina
observer country; the network body; ST and RROCM).

- ``plan_of_action``: the CRM Plan of Action with three axes (migration policy and management,
  human rights, migration and development), one line of action each.
- ``work_plan``: the network's work plan on migrant smuggling 2019–2025, an annex of it.
- ``adopted_version``: version 1, adopted (the version in force): 4 axes × 2 objectives × 2
  activities, see ``ACTIVITIES`` below for each activity's code, responsible countries, weight,
  status, progress, deadline and archive state. Deadlines are relative to today, so "late" stays
  late: an activity is late when its deadline has passed and it is neither completed nor
  cancelled (1.2.1, 2.2.2 and 4.1.2).
- ``draft_version``: version 2, a draft copied from version 1 (same keys, same content; the
  archive fields are not copied: the archive belongs to the version in force).

Objects are created directly with the ORM: these are fixtures, not the services under test.
"""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from enlace.conftest import Net
from enlace.workplan.models import (
    Activity,
    Axis,
    Objective,
    PlanAxis,
    PlanLine,
    PlanOfAction,
    WorkPlan,
    WorkPlanVersion,
)

TODAY = datetime.date.today()


def _days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


AXES = [
    ("Inteligencia e investigación", "Intelligence and investigation"),
    ("Cooperación judicial transfronteriza", "Cross-border judicial cooperation"),
    ("Detención administrativa y alternativas", "Administrative detention and alternatives"),
    (
        "Protección: prevención, información, asistencia y soluciones migratorias",
        "Protection: prevention, information, assistance and migration solutions",
    ),
]

# (axis, objective, weight, title_es, title_en)
OBJECTIVES = [
    (1, 1, 2, "Fortalecer el intercambio de información", "Strengthen information exchange"),
    (1, 2, 1, "Mejorar la investigación de redes", "Improve the investigation of networks"),
    (2, 1, 1, "Agilizar la asistencia judicial mutua", "Speed up mutual legal assistance"),
    (2, 2, 1, "Armonizar la tipificación del delito", "Harmonise the definition of the crime"),
    (3, 1, 1, "Promover alternativas a la detención", "Promote alternatives to detention"),
    (3, 2, 1, "Mejorar las condiciones de alojamiento", "Improve reception conditions"),
    (4, 1, 1, "Prevenir mediante información", "Prevent through information"),
    (4, 2, 1, "Asistir a las personas migrantes", "Assist migrants"),
]


@dataclass(frozen=True)
class A:
    """One activity of the adopted version."""

    code: str  # axis.objective.activity
    countries: tuple[str, ...]  # "HND", "MEX"
    weight: int
    status: str
    progress: int
    end: datetime.date
    title_es: str
    title_en: str
    completed_on: datetime.date | None = None
    archived: bool = False
    published: bool = False
    cancel_reason: str = ""
    results: str = ""


S = Activity.Status
ACTIVITIES = [
    A("1.1.1", ("HND",), 2, S.COMPLETED, 100, datetime.date(2020, 6, 30),
      "Taller regional de análisis de rutas", "Regional workshop on route analysis",
      completed_on=datetime.date(2020, 6, 30), archived=True, published=True,
      results="Informe de rutas compartido con la red"),
    A("1.1.2", ("MEX",), 1, S.IN_PROGRESS, 50, _days(180),
      "Protocolo de intercambio de alertas", "Protocol for exchanging alerts"),
    A("1.2.1", ("HND",), 1, S.IN_PROGRESS, 40, _days(-30),
      "Guía de investigación financiera", "Financial investigation guide"),
    A("1.2.2", ("MEX",), 1, S.PLANNED, 0, _days(365),
      "Curso de investigación en línea", "Online investigation course"),
    A("2.1.1", ("MEX",), 1, S.COMPLETED, 100, datetime.date(2021, 3, 15),
      "Directorio de autoridades centrales", "Directory of central authorities",
      completed_on=datetime.date(2021, 3, 15), archived=True, published=False,
      results="Directorio distribuido a las autoridades"),
    A("2.1.2", ("HND",), 1, S.POSTPONED, 10, _days(200),
      "Modelo de solicitud de asistencia", "Model request for assistance"),
    A("2.2.1", ("HND",), 1, S.CANCELLED, 0, datetime.date(2021, 12, 31),
      "Estudio comparado de legislación", "Comparative study of legislation",
      archived=True, published=True, cancel_reason="Cubierto por un estudio regional existente"),
    A("2.2.2", ("MEX",), 1, S.PLANNED, 0, _days(-10),
      "Reunión de fiscales especializados", "Meeting of specialised prosecutors"),
    A("3.1.1", ("HND",), 3, S.IN_PROGRESS, 75, _days(90),
      "Catálogo de alternativas a la detención", "Catalogue of alternatives to detention"),
    A("3.1.2", ("MEX",), 1, S.COMPLETED, 100, _days(-5),
      "Intercambio de buenas prácticas", "Exchange of good practices",
      completed_on=_days(-5)),
    A("3.2.1", ("HND", "MEX"), 1, S.IN_PROGRESS, 20, _days(120),
      "Lineamientos de alojamiento temporal", "Guidelines on temporary shelter"),
    A("3.2.2", ("MEX",), 1, S.PLANNED, 0, _days(300),
      "Visitas de intercambio técnico", "Technical exchange visits"),
    A("4.1.1", ("HND",), 1, S.PLANNED, 0, _days(240),
      "Campaña informativa sobre riesgos", "Information campaign on risks"),
    A("4.1.2", ("MEX",), 1, S.IN_PROGRESS, 60, _days(-60),
      "Material para consulados", "Material for consulates"),
    A("4.2.1", ("HND",), 1, S.COMPLETED, 100, datetime.date(2022, 11, 30),
      "Ruta de asistencia a víctimas", "Assistance pathway for victims",
      completed_on=datetime.date(2022, 11, 30), archived=True, published=True,
      results="Ruta adoptada por las instituciones"),
    A("4.2.2", ("MEX",), 1, S.PLANNED, 0, _days(400),
      "Mecanismo de retorno asistido", "Assisted return mechanism"),
]  # fmt: skip


def code_of(activity: dict[str, Any]) -> str:
    """The fixture's activity code ("1.2.1") of an activity read from the API: its title's start."""
    return str(activity["title_es"].split(" ", 1)[0])


def activity_by_code(version: WorkPlanVersion, code: str) -> Activity:
    return version.activities.get(title_es__startswith=code + " ")


@pytest.fixture
def plan_of_action(net: Net) -> PlanOfAction:
    plan = PlanOfAction.objects.create(
        slug="crm-plan-of-action",
        adopted_year=2005,
        name_es="Plan de Acción de la CRM",
        name_en="RCM Plan of Action",
        name_fr="Plan d'action de la CRM",
    )
    axes = [
        (
            ("Política y gestión migratoria", "Migration policy and management",
             "Politique et gestion migratoires"),
            ("Lucha contra el tráfico ilícito de migrantes", "Combating migrant smuggling",
             "Lutte contre le trafic illicite de migrants"),
        ),
        (
            ("Derechos humanos", "Human rights", "Droits de l'homme"),
            ("Protección de los derechos de las personas migrantes",
             "Protection of the rights of migrants", "Protection des droits des migrants"),
        ),
        (
            ("Migración y desarrollo", "Migration and development",
             "Migration et développement"),
            ("Integración y reintegración", "Integration and reintegration",
             "Intégration et réintégration"),
        ),
    ]  # fmt: skip
    for position, ((axis_es, axis_en, axis_fr), (line_es, line_en, line_fr)) in enumerate(
        axes, start=1
    ):
        axis = PlanAxis.objects.create(
            plan=plan, position=position, name_es=axis_es, name_en=axis_en, name_fr=axis_fr
        )
        PlanLine.objects.create(
            axis=axis, position=1, name_es=line_es, name_en=line_en, name_fr=line_fr
        )
    return plan


@pytest.fixture
def work_plan(net: Net, plan_of_action: PlanOfAction) -> WorkPlan:
    return WorkPlan.objects.create(
        slug="smuggling-2019-2025",
        body=net.network,
        plan_of_action=plan_of_action,
        period_start=2019,
        period_end=2025,
        name_es="Plan de trabajo sobre tráfico ilícito de migrantes 2019–2025",
        name_en="Work plan on migrant smuggling 2019–2025",
        name_fr="Plan de travail sur le trafic illicite de migrants 2019–2025",
    )


@pytest.fixture
def adopted_version(net: Net, work_plan: WorkPlan) -> WorkPlanVersion:
    version = WorkPlanVersion.objects.create(
        work_plan=work_plan,
        number=1,
        status=WorkPlanVersion.Status.ADOPTED,
        adopted_on=datetime.date(2019, 6, 1),
        note="Versión adoptada",
    )
    first_line = PlanLine.objects.filter(axis__plan=work_plan.plan_of_action).first()
    axes = {
        i: Axis.objects.create(
            version=version, position=i, title_es=es, title_en=en, plan_line=first_line
        )
        for i, (es, en) in enumerate(AXES, start=1)
    }
    objectives = {
        (a, o): Objective.objects.create(
            version=version, axis=axes[a], position=o, weight=w, title_es=es, title_en=en
        )
        for a, o, w, es, en in OBJECTIVES
    }
    countries = {"HND": net.honduras, "MEX": net.mexico}
    for spec in ACTIVITIES:
        a, o, position = (int(n) for n in spec.code.split("."))
        activity = Activity.objects.create(
            version=version,
            objective=objectives[(a, o)],
            position=position,
            title_es=f"{spec.code} {spec.title_es}",
            title_en=f"{spec.code} {spec.title_en}",
            weight=spec.weight,
            status=spec.status,
            progress=spec.progress,
            start_date=datetime.date(2019, 7, 1),
            end_date=spec.end,
            completed_on=spec.completed_on,
            results=spec.results,
            cancel_reason=spec.cancel_reason,
            archived_on=(spec.completed_on or spec.end) if spec.archived else None,
            archive_published=spec.published,
        )
        activity.responsible_countries.set([countries[c] for c in spec.countries])
    return version


@pytest.fixture
def draft_version(adopted_version: WorkPlanVersion) -> WorkPlanVersion:
    """Version 2: a draft copied from version 1, keys kept, archive fields left out."""
    draft = WorkPlanVersion.objects.create(
        work_plan=adopted_version.work_plan,
        number=2,
        status=WorkPlanVersion.Status.DRAFT,
        based_on=adopted_version,
        note="Borrador de actualización",
    )
    axes: dict[int, Axis] = {}
    for axis in adopted_version.axes.all():
        old_pk = axis.pk
        axis.pk = None
        axis.version = draft
        axis.save()
        axes[old_pk] = axis
    objectives: dict[int, Objective] = {}
    for objective in adopted_version.objectives.all():
        old_pk = objective.pk
        objective.pk = None
        objective.version = draft
        objective.axis = axes[objective.axis_id]
        objective.save()
        objectives[old_pk] = objective
    for activity in adopted_version.activities.prefetch_related("responsible_countries"):
        countries = list(activity.responsible_countries.all())
        activity.pk = None
        activity.version = draft
        activity.objective = objectives[activity.objective_id]
        activity.archived_on = None
        activity.archive_published = False
        activity.noted_by_meeting = None
        activity.save()
        activity.responsible_countries.set(countries)
    return draft
