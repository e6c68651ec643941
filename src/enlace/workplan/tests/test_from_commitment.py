"""A confirmed commitment becomes a work plan activity and keeps the link to it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from enlace.commitments.models import Commitment
from enlace.reports.models import Report
from enlace.workplan import services
from enlace.workplan.models import Activity


@pytest.fixture
def tela_commitment(demo):
    report = Report.objects.get(meeting__city="Tela", language="es")
    return Commitment.objects.get(point__report=report)


@pytest.fixture
def draft_objective(draft_version):
    return draft_version.objectives.order_by("pk").first()


def test_secretariat_turns_a_commitment_into_an_activity(
    secretariat, draft_objective, tela_commitment
):
    activity = services.activity_from_commitment(
        user=secretariat, commitment=tela_commitment, objective=draft_objective
    )
    assert activity.version_id == draft_objective.version_id
    assert activity.source_commitment == tela_commitment
    assert activity.source_point == tela_commitment.point
    assert activity.title_es == tela_commitment.text[:400]
    with pytest.raises(ValidationError):
        services.activity_from_commitment(
            user=secretariat, commitment=tela_commitment, objective=draft_objective
        )


def test_a_proposed_commitment_cannot_become_an_activity(
    secretariat, draft_objective, tela_commitment
):
    Commitment.objects.filter(pk=tela_commitment.pk).update(status="proposed")
    tela_commitment.refresh_from_db()
    before = Activity.objects.count()
    with pytest.raises(ValidationError):
        services.activity_from_commitment(
            user=secretariat, commitment=tela_commitment, objective=draft_objective
        )
    assert Activity.objects.count() == before


def test_an_officer_cannot_turn_a_commitment_into_an_activity(
    other_officer, draft_objective, tela_commitment
):
    # Mexico's officer: Honduras holds the demo's presidency this year, and the PPT drafts.
    with pytest.raises(PermissionDenied):
        services.activity_from_commitment(
            user=other_officer, commitment=tela_commitment, objective=draft_objective
        )


def test_the_page_for_the_secretariat_and_not_for_others(
    secretariat_client, other_client, observer_client, client, draft_objective, tela_commitment
):
    url = f"/workplan/from-commitment/{tela_commitment.pk}/"
    detail = secretariat_client.get(f"/commitments/{tela_commitment.pk}/").content.decode()
    assert url in detail
    # Mexico's officer (Honduras, which presides in the demo this year, may draft).
    assert url not in other_client.get(f"/commitments/{tela_commitment.pk}/").content.decode()
    assert other_client.get(url).status_code == 403
    assert observer_client.get(url).status_code == 403
    assert client.get(url).status_code == 302  # anonymous: log in first
    response = secretariat_client.post(url, {"objective": draft_objective.pk})
    assert response.status_code == 302
    activity = Activity.objects.get(
        source_commitment=tela_commitment, version=draft_objective.version
    )
    page = secretariat_client.get(f"/commitments/{tela_commitment.pk}/").content.decode()
    assert f"/workplan/activities/{activity.pk}/" in page
