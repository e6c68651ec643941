"""Fixtures of the commitments tests: a meeting with its report and points, and a factory of
commitments on them."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from enlace.commitments.models import Commitment
from enlace.conftest import Net
from enlace.meetings.models import Meeting, Visibility
from enlace.reports.models import Report, ReportPoint


def make_report(
    net: Net,
    *,
    title: str = "Informe de la reunión de San José",
    visibility: str = Visibility.PUBLIC,
    status: str = Report.Status.ADOPTED,
    published: bool = True,
    observers_invited: bool = False,
    start: datetime.date = datetime.date(2014, 6, 24),
    points: tuple[str, ...] = (
        "Los países miembros enviarán a la ST la información a más tardar el 21 de julio.",
        "Solicitar a la Secretaría Técnica que circule el borrador antes de la próxima reunión.",
        "Reconocer los esfuerzos de los países miembros.",
    ),
) -> Report:
    meeting = Meeting.objects.create(
        body=net.network,
        title=f"Reunión {title}",
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        city="San José",
        visibility=visibility,
    )
    report = Report.objects.create(
        meeting=meeting,
        language="es",
        title=title,
        opening="La Red se reunió.",
        status=status,
        is_published=published,
        observers_invited=observers_invited,
    )
    for position, text in enumerate(points, start=1):
        ReportPoint.objects.create(report=report, position=position, text=text)
    return report


@pytest.fixture
def report(net: Net) -> Report:
    return make_report(net)


CommitmentFactory = Callable[..., Commitment]


@pytest.fixture
def make_commitment(report: Report) -> CommitmentFactory:
    def make(**fields: Any) -> Commitment:
        defaults: dict[str, Any] = {
            "point": report.points.order_by("position").first(),
            "actor_kind": Commitment.ActorKind.SECRETARIAT,
            "text": "Circular el borrador",
            "status": Commitment.Status.CONFIRMED,
        }
        defaults.update(fields)
        if defaults["status"] == Commitment.Status.DONE and "done_at" not in defaults:
            defaults["done_at"] = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        return Commitment.objects.create(**defaults)

    return make
