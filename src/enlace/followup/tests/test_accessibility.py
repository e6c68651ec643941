"""axe-core on the follow-up pages (dashboard with its charts, "my activities", an activity with
its update forms and history), as the Honduran liaison officer of the demo."""

from collections.abc import Callable
from typing import Any

from enlace.core.tests.test_accessibility import assert_no_serious_axe_findings
from enlace.workplan.models import Activity


def test_follow_up_pages_have_no_serious_violations(
    page: Any,
    live_server: Any,
    log_in: Callable[[str], None],
) -> None:
    activity = (
        Activity.objects.filter(version__status="adopted", archived_on__isnull=True)
        .filter(responsible_countries__code="HND")
        .order_by("pk")
        .first()
    )
    assert activity is not None, "the demo has Honduran activities in force"
    log_in("honduras")
    base = live_server.url
    assert_no_serious_axe_findings(
        page,
        [
            f"{base}/workplan/dashboard/",
            f"{base}/workplan/mine/",
            f"{base}/workplan/activities/{activity.pk}/",
        ],
    )
