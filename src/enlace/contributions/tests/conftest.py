"""Contribution fixtures, built on the shared ``net``.

- ``meeting``: a public meeting of the network held from today to tomorrow, with an adopted
  and published report of three points;
- ``iom``: a second observer organisation;
- ``submitted``: RROCM's position paper, submitted, network only;
- ``public_contribution``: RROCM's recommendations, accepted and public, noted at point 3, with
  recommendation 1 to all member countries and recommendation 2 to Mexico only.

Objects are created directly with the ORM: these are fixtures, not the services under test.
"""

import datetime
from dataclasses import dataclass

import pytest

from enlace.conftest import Net
from enlace.contributions.models import Contribution, Recommendation
from enlace.meetings.models import Meeting
from enlace.network.models import Organisation
from enlace.reports.models import Report, ReportPoint
from enlace.workplan.tests.fixtures import (  # noqa: F401 (the work plan's fixtures, reused)
    adopted_version,
    draft_version,
    plan_of_action,
    work_plan,
)

TODAY = datetime.date.today()


@pytest.fixture
def meeting(net: Net) -> Meeting:
    meeting = Meeting.objects.create(
        body=net.network,
        title="Reunión de la Red",
        start_date=TODAY,
        end_date=TODAY + datetime.timedelta(days=1),
        city="Antigua",
        country=net.guatemala,
        visibility="public",
    )
    report = Report.objects.create(
        meeting=meeting,
        title="Informe de la reunión",
        opening="La Red se reunió.",
        status="adopted",
        adopted_on=TODAY,
        is_published=True,
    )
    for i in (1, 2, 3):
        ReportPoint.objects.create(report=report, position=i, text=f"Punto {i}.")
    return meeting


@pytest.fixture
def point3(meeting: Meeting) -> ReportPoint:
    return ReportPoint.objects.get(report__meeting=meeting, position=3)


@pytest.fixture
def iom(net: Net) -> Organisation:
    return Organisation.objects.create(
        acronym="IOM",
        kind="international",
        is_observer=True,
        name_es="OIM",
        name_en="IOM",
        name_fr="OIM",
    )


@pytest.fixture
def submitted(net: Net, meeting: Meeting) -> Contribution:
    return Contribution.objects.create(
        meeting=meeting,
        organisation=net.rrocm,
        kind="position_paper",
        title="Documento de posición de la RROCM",
        summary="Resumen.",
        visibility="network",
    )


@dataclass
class Published:
    contribution: Contribution
    to_all: Recommendation
    to_mexico: Recommendation


@pytest.fixture
def public_contribution(net: Net, meeting: Meeting, point3: ReportPoint) -> Published:
    contribution = Contribution.objects.create(
        meeting=meeting,
        organisation=net.rrocm,
        kind="recommendations",
        title="Recomendaciones de la RROCM",
        visibility="public",
        status="accepted",
        decided_on=TODAY,
        report_point=point3,
    )
    to_all = Recommendation.objects.create(
        contribution=contribution, position=1, text="Fortalecer la identificación de víctimas."
    )
    to_mexico = Recommendation.objects.create(
        contribution=contribution,
        position=2,
        text="Abrir mesas de diálogo.",
        to_all_members=False,
    )
    to_mexico.countries.set([net.mexico])
    return Published(contribution, to_all, to_mexico)
