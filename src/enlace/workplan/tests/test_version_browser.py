"""A large version's page in the browser (Debian's chromium, the demo served): its objectives are
closed, one opens from the keyboard with a link that needs no script, and the page fits a phone
and passes axe, closed and open; so does the comparison of two versions."""

from typing import Any

from playwright.sync_api import expect

from enlace.core.pagecache import bump_version
from enlace.core.tests.test_accessibility import assert_no_serious_axe_findings
from enlace.workplan.models import Activity, WorkPlanVersion

FOCUSED_HREF = "() => document.activeElement.getAttribute('href') || ''"
SCROLL_WIDTH = "document.documentElement.scrollWidth"


def test_a_closed_objective_opens_from_the_keyboard(page: Any, live_server: Any) -> None:
    version = WorkPlanVersion.objects.filter(status=WorkPlanVersion.Status.ADOPTED).first()
    assert version is not None, "the demo has a version in force"
    objective = version.objectives.order_by("axis__position", "position").first()
    assert objective is not None
    Activity.objects.bulk_create(
        Activity(
            version=version,
            objective=objective,
            position=200 + i,
            title_es=f"Actividad adicional {i}",
            weight=1,
        )
        for i in range(120)
    )
    bump_version()  # no public page kept from before the plan grew
    url = f"{live_server.url}/workplan/versions/{version.pk}/"
    opening = f"?objective={objective.pk}#objective-{objective.pk}"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    assert page.evaluate(SCROLL_WIDTH) <= 390
    expect(page.get_by_text("Actividad adicional 5", exact=True)).to_have_count(0)

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_HREF) == opening:
            break
    else:
        raise AssertionError("the keyboard never reached the link that opens the objective")
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/workplan/versions/{version.pk}/{opening}")
    expect(page.get_by_role("link", name="Actividad adicional 5", exact=True)).to_be_visible()
    expect(page.locator(f"#objective-h-{objective.pk}")).to_be_in_viewport()
    assert page.evaluate(SCROLL_WIDTH) <= 390
    assert_no_serious_axe_findings(page, [url, f"{url}?objective={objective.pk}", f"{url}?all=1"])


def test_the_comparison_fits_a_phone_and_passes_axe(page: Any, live_server: Any) -> None:
    version = WorkPlanVersion.objects.filter(
        status=WorkPlanVersion.Status.ADOPTED, based_on__isnull=False
    ).first()
    assert version is not None, "the demo has a version in force based on another"
    url = f"{live_server.url}/workplan/compare/?a={version.based_on_id}&b={version.pk}"
    page.set_viewport_size({"width": 390, "height": 844})
    for address in (url, f"{url}&unchanged=1"):
        page.goto(address)
        assert page.evaluate(SCROLL_WIDTH) <= 390
    assert_no_serious_axe_findings(page, [url, f"{url}&unchanged=1"])
