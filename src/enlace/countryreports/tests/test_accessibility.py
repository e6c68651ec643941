"""axe-core on the regional dashboard, the public statistics, a report, its editor and the
legislation matrix, with the demo loaded."""

from collections.abc import Callable
from typing import Any

from enlace.core.tests.test_accessibility import assert_no_serious_axe_findings
from enlace.countryreports.models import CountryReport


def test_statistics_pages_have_no_serious_violations(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    base = live_server.url
    assert_no_serious_axe_findings(page, [f"{base}/statistics/", f"{base}/legislation/"])
    draft = CountryReport.objects.get(country__code="HND", status="draft")
    published = CountryReport.objects.filter(country__code="PAN", status="published").first()
    assert published is not None
    log_in("honduras")
    assert_no_serious_axe_findings(
        page,
        [
            f"{base}/statistics/dashboard/",
            f"{base}/statistics/dashboard/?series=convictions.tip&sex=female",
            f"{base}/country-reports/",
            f"{base}/country-reports/{draft.pk}/edit/",
            f"{base}/country-reports/{published.pk}/",
        ],
    )
