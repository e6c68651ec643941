"""axe-core on every public page of the portal and of the contributions, as an anonymous
visitor of the demo (no serious or critical violation)."""

from typing import Any

from enlace.contributions.models import Contribution, Mechanism
from enlace.core.tests.test_accessibility import assert_no_serious_axe_findings


def test_public_portal_pages_have_no_serious_violations(page: Any, live_server: Any) -> None:
    contribution = Contribution.objects.get(is_demo=True, meeting__city="Tela")
    recommendation = contribution.recommendations.order_by("position").first()
    assert recommendation is not None
    mechanism = Mechanism.objects.filter(is_demo=True, visibility="public").first()
    assert mechanism is not None
    base = live_server.url
    assert_no_serious_axe_findings(
        page,
        [
            f"{base}/public/",
            f"{base}/public/reports/",
            f"{base}/public/recommendations/",
            f"{base}/contributions/",
            f"{base}/contributions/{contribution.pk}/",
            f"{base}/contributions/recommendations/{recommendation.pk}/",
            f"{base}/meetings/{contribution.meeting_id}/contributions/",
            f"{base}/mechanisms/",
            f"{base}/mechanisms/{mechanism.pk}/",
        ],
    )


def test_contribution_pages_of_the_network_have_no_serious_violations(
    page: Any, live_server: Any, log_in: Any
) -> None:
    """As the Honduran officer (answer form) and the secretariat (decision, follow-up)."""
    contribution = Contribution.objects.get(is_demo=True, meeting__city="Tela")
    recommendation = contribution.recommendations.order_by("position").first()
    assert recommendation is not None
    log_in("honduras")
    base = live_server.url
    assert_no_serious_axe_findings(
        page,
        [
            f"{base}/contributions/recommendations/{recommendation.pk}/",
            f"{base}/contributions/recommendations/{recommendation.pk}/answers/HND/",
        ],
    )


def test_secretariat_pages_of_contributions_have_no_serious_violations(
    page: Any, live_server: Any, log_in: Any
) -> None:
    """The forms of the secretariat: the report point, a follow-up, the mechanism register."""
    contribution = Contribution.objects.get(is_demo=True, meeting__city="Tela")
    recommendation = contribution.recommendations.order_by("position").first()
    assert recommendation is not None
    log_in("secretariat")
    base = live_server.url
    assert_no_serious_axe_findings(
        page,
        [
            f"{base}/contributions/{contribution.pk}/",
            f"{base}/contributions/{contribution.pk}/edit/",
            f"{base}/contributions/new/",
            f"{base}/contributions/recommendations/{recommendation.pk}/commitment/",
            f"{base}/contributions/recommendations/{recommendation.pk}/edit/",
            f"{base}/mechanisms/new/",
        ],
    )
