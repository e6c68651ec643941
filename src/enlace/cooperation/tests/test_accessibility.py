"""axe-core on the cooperation pages as the Honduran liaison officer of the demo: the inbox, a
repatriation request with its child steps, messages and forms, a case, the identity reason
form, a new request form, the case form and the figures."""

from collections.abc import Callable
from typing import Any

from enlace.cooperation.models import CooperationRequest
from enlace.core.tests.test_accessibility import assert_no_serious_axe_findings


def test_cooperation_pages_have_no_serious_violations(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    request = CooperationRequest.objects.get(type="repatriation", is_fictitious=True)
    assert request.case is not None
    log_in("honduras")
    base = live_server.url
    assert_no_serious_axe_findings(
        page,
        [
            f"{base}/cooperation/",
            f"{base}/cooperation/requests/{request.pk}/",
            f"{base}/cooperation/cases/",
            f"{base}/cooperation/cases/{request.case.code}/",
            f"{base}/cooperation/cases/{request.case.code}/identity/",
            f"{base}/cooperation/new/",
            f"{base}/cooperation/new/?type=repatriation",
            f"{base}/cooperation/cases/new/",
            f"{base}/cooperation/statistics/",
        ],
    )


def test_every_demo_request_fits_a_phone(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    """At 390 px, no request of Honduras's makes the page scroll sideways: long labels of a
    type's fields wrap."""
    log_in("honduras")
    page.set_viewport_size({"width": 390, "height": 844})
    requests = CooperationRequest.objects.filter(parties__country__code="HND").distinct()
    assert requests.count() > 3
    for request in requests:
        page.goto(f"{live_server.url}/cooperation/requests/{request.pk}/")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (request.reference, width)
