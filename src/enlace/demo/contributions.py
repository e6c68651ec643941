"""The contributions demo: the RROCM's presentation at Tela (point 3 of the Tela report) as a
contribution accepted into the meeting's record, with recommendations and the answers of
Honduras and Mexico, and two cooperation mechanisms.

What is the record and what is made up: that the RROCM presented at Tela the areas in which the
member countries could widen their efforts, offered to cooperate, and that the countries
declared their interest in mechanisms of cooperation with civil society, is point 3 of the
report. The recommendations, the answers and the mechanisms are illustrative examples, marked
as demo data in the pages.

Everything is written through the services (as the demo's secretariat and officers). Safe to run
again: the contribution and each mechanism are created only once.
"""

import datetime
from typing import Any, cast

from django.db import transaction

from enlace.accounts.models import User
from enlace.contributions import services
from enlace.contributions.models import Contribution, Mechanism, Openness, Recommendation
from enlace.demo import data
from enlace.meetings.models import Meeting
from enlace.network.models import Country, Organisation
from enlace.reports.models import ReportPoint

CONTRIBUTION_TITLE = (
    "Áreas en las que los países miembros de la CRM podrían ampliar sus esfuerzos contra la "
    "trata de personas y el tráfico ilícito de migrantes"
)

# (text, addressed to: None for all member countries, or ISO3 codes)
RECOMMENDATIONS: list[tuple[str, list[str] | None]] = [
    (
        "Fortalecer la identificación temprana y la referencia de las víctimas de trata en las "
        "fronteras y puntos de control migratorio, con la participación de las organizaciones "
        "de la sociedad civil que prestan asistencia.",
        None,
    ),
    (
        "Establecer mesas de diálogo periódicas entre las autoridades nacionales y las redes de "
        "la sociedad civil sobre la protección de las personas migrantes.",
        None,
    ),
    (
        "Garantizar a las víctimas extranjeras el acceso a la regularización migratoria y a los "
        "servicios de asistencia, sin condicionarlos a su colaboración con la justicia.",
        ["HND", "MEX", "GTM"],
    ),
]

# (recommendation number, country's demo account, position, reasons, actions)
ANSWERS = [
    (
        1,
        "honduras",
        "accepted",
        "",
        "Incluir a las organizaciones de la sociedad civil en el protocolo de referencia de "
        "víctimas y capacitar al personal de los puestos fronterizos.",
    ),
    (
        1,
        "mexico",
        "under_study",
        "El protocolo nacional de identificación está en revisión.",
        "Consultar a las organizaciones de la sociedad civil durante la revisión.",
    ),
    (
        2,
        "honduras",
        "accepted",
        "",
        "Convocar una mesa de diálogo semestral con la sociedad civil.",
    ),
    (
        3,
        "mexico",
        "not_accepted",
        "La regularización migratoria de las víctimas ya está prevista en la ley nacional; "
        "no se requiere una medida adicional.",
        "",
    ),
]

MECHANISMS: list[dict[str, Any]] = [
    {
        "title": "Mesa regional de diálogo entre los funcionarios de enlace y la sociedad civil",
        "kind": Mechanism.Kind.ROUND_TABLE,
        "scope": "Diálogo periódico sobre la identificación, asistencia y protección de las "
        "víctimas de trata y de las personas migrantes objeto de tráfico ilícito.",
        "start_date": datetime.date(2009, 3, 1),
        "end_date": None,
        "status": Mechanism.Status.ACTIVE,
        "visibility": Openness.PUBLIC,
        "countries": ["HND", "MEX", "GTM", "SLV"],
        "organisations": ["RROCM"],
    },
    {
        "title": "Programa conjunto de asistencia y retorno voluntario de víctimas de trata",
        "kind": Mechanism.Kind.JOINT_PROGRAMME,
        "scope": "Asistencia inmediata, retorno voluntario y reintegración de víctimas de trata "
        "identificadas en los países participantes.",
        "start_date": datetime.date(2010, 1, 1),
        "end_date": datetime.date(2014, 12, 31),
        "status": Mechanism.Status.CONCLUDED,
        "visibility": Openness.NETWORK,
        "countries": ["HND", "GTM", "CRI"],
        "organisations": ["IOM"],
    },
    {
        "title": "Convenio de referencia de víctimas entre las autoridades y albergues de la "
        "sociedad civil",
        "kind": Mechanism.Kind.AGREEMENT,
        "scope": "Referencia de víctimas de trata identificadas por las autoridades a albergues "
        "especializados de la sociedad civil.",
        "start_date": None,
        "end_date": None,
        "status": Mechanism.Status.PLANNED,
        "visibility": Openness.NETWORK,
        "countries": ["HND", "SLV"],
        "organisations": ["RROCM"],
    },
    {
        "title": "Línea telefónica regional de orientación a personas migrantes",
        "kind": Mechanism.Kind.OTHER,
        "scope": "Orientación telefónica sobre los riesgos de la trata y del tráfico ilícito, "
        "atendida con organizaciones de la sociedad civil.",
        "start_date": datetime.date(2016, 5, 1),
        "end_date": None,
        "status": Mechanism.Status.SUSPENDED,
        "visibility": Openness.PUBLIC,
        "countries": ["GTM", "MEX"],
        "organisations": ["RROCM", "IOM"],
    },
]


# Invented contributions to the invented meetings: (meeting city or "" for the virtual one,
# organisation, submitted by the observer account or the secretariat, status, title, summary,
# reason for returning it).
LATER_CONTRIBUTIONS = [
    (
        "Tegucigalpa",
        "RROCM",
        "observer",
        Contribution.Status.SUBMITTED,
        "Propuestas de la sociedad civil para la atención de personas migrantes en tránsito",
        "La RROCM propone a la Red tres líneas de trabajo con la sociedad civil para la "
        "próxima reunión: albergues, referencia de víctimas y acceso a la información.",
        "",
    ),
    (
        "",
        "UNHCR",
        "secretariat",
        Contribution.Status.RETURNED,
        "Nota sobre las necesidades de protección internacional en los flujos mixtos",
        "El ACNUR presenta una nota sobre la identificación de necesidades de protección "
        "internacional entre las personas objeto de tráfico ilícito.",
        "Falta el anexo estadístico mencionado en la nota; por favor envíelo con la versión "
        "corregida.",
    ),
]


def _later_contributions(secretariat: User) -> None:
    for city, acronym, username, status, title, summary, reason in LATER_CONTRIBUTIONS:
        # The coming meeting in Tegucigalpa; the virtual one of a few weeks ago.
        meetings = Meeting.objects.filter(is_demo=True, city=city)
        if not city:
            meetings = meetings.filter(start_date__lt=datetime.date.today())
        meeting = meetings.order_by("start_date").last()
        if meeting is None or Contribution.objects.filter(meeting=meeting, title=title).exists():
            continue
        contribution = services.contribution_submit(
            user=User.objects.get(username=username),
            meeting=meeting,
            organisation=Organisation.objects.get(acronym=acronym),
            data={
                "kind": Contribution.Kind.POSITION_PAPER,
                "title": title,
                "summary": summary,
                "visibility": Openness.NETWORK,
            },
        )
        if status == Contribution.Status.RETURNED:
            services.contribution_return(user=secretariat, contribution=contribution, reason=reason)
        Contribution.objects.filter(pk=contribution.pk).update(is_demo=True)


@transaction.atomic
def load_contributions_demo() -> None:
    secretariat = User.objects.get(username="secretariat")
    meeting = Meeting.objects.get(city="Tela", start_date=data.TELA_DATE)
    point = ReportPoint.objects.get(report__meeting=meeting, report__language="es", position=3)
    contribution = Contribution.objects.filter(meeting=meeting, title=CONTRIBUTION_TITLE).first()
    if contribution is None:
        contribution = services.contribution_submit(
            user=secretariat,
            meeting=meeting,
            organisation=Organisation.objects.get(acronym="RROCM"),
            data={
                "kind": Contribution.Kind.PRESENTATION,
                "title": CONTRIBUTION_TITLE,
                "summary": "La RROCM expuso sobre las áreas en las que los países miembros de la "
                "CRM podrían ampliar sus esfuerzos, reconociendo los avances logrados a la "
                "fecha, y ofreció su disposición para cooperar con los Estados.",
                "visibility": Openness.PUBLIC,
            },
        )
        Contribution.objects.filter(pk=contribution.pk).update(is_demo=True)
        recommendations: list[Recommendation] = []
        for text, codes in RECOMMENDATIONS:
            recommendations.append(
                services.recommendation_save(
                    user=secretariat,
                    contribution=contribution,
                    text=text,
                    to_all_members=codes is None,
                    countries=Country.objects.filter(code__in=codes or []),
                )
            )
        contribution = services.contribution_accept(
            user=secretariat, contribution=contribution, report_point=point
        )
        for number, username, position, reasons, actions in ANSWERS:
            officer = User.objects.get(username=username)
            country = Country.objects.get(code="HND" if username == "honduras" else "MEX")
            services.answer_save(
                user=officer,
                recommendation=recommendations[number - 1],
                country=country,
                position=position,
                reasons=reasons,
                actions=actions,
            )
    for spec in MECHANISMS:
        if Mechanism.objects.filter(title=spec["title"]).exists():
            continue
        mechanism = services.mechanism_save(
            user=secretariat,
            data={
                k: spec[k]
                for k in (
                    "title",
                    "kind",
                    "scope",
                    "start_date",
                    "end_date",
                    "status",
                    "visibility",
                )
            },
            countries=Country.objects.filter(code__in=cast(list[str], spec["countries"])),
            organisations=Organisation.objects.filter(
                acronym__in=cast(list[str], spec["organisations"])
            ),
        )
        Mechanism.objects.filter(pk=mechanism.pk).update(is_demo=True)
    _later_contributions(secretariat)
