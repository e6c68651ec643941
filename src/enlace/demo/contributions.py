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
from typing import cast

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

MECHANISMS = [
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
]


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
