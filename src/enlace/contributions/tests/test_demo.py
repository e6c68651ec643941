"""The demo: the RROCM's presentation at Tela, linked from point 3 of the report, with its
recommendations, the answers of Honduras and Mexico, mechanisms in every state, and the
contributions to the later meetings; loading it twice duplicates nothing."""

from django.test import Client

from enlace.commitments.models import Commitment
from enlace.contributions.models import Answer, Contribution, Mechanism, Recommendation
from enlace.demo.contributions import load_contributions_demo


def test_the_tela_presentation_is_an_accepted_public_contribution_noted_at_point_3(
    demo: None,
) -> None:
    contribution = Contribution.objects.get(is_demo=True, meeting__city="Tela")
    assert contribution.organisation is not None
    assert contribution.organisation.acronym == "RROCM"
    assert contribution.meeting.city == "Tela"
    assert contribution.status == Contribution.Status.ACCEPTED
    assert contribution.visibility == "public"
    assert contribution.report_point is not None
    assert contribution.report_point.position == 3
    assert "RROCM" in contribution.report_point.text
    assert contribution.recommendations.count() == 3
    answers = {
        (a.recommendation.position, a.country.code): a.position
        for a in Answer.objects.select_related("recommendation", "country")
    }
    assert answers[(1, "HND")] == "accepted"
    assert answers[(1, "MEX")] == "under_study"
    assert answers[(3, "MEX")] == "not_accepted"
    assert set(Mechanism.objects.filter(is_demo=True).values_list("status", flat=True)) == set(
        Mechanism.Status.values
    )


def test_loading_again_duplicates_nothing(demo: None) -> None:
    counts = (
        Contribution.objects.count(),
        Recommendation.objects.count(),
        Answer.objects.count(),
        Mechanism.objects.count(),
        Commitment.objects.count(),
    )
    load_contributions_demo()
    assert counts == (
        Contribution.objects.count(),
        Recommendation.objects.count(),
        Answer.objects.count(),
        Mechanism.objects.count(),
        Commitment.objects.count(),
    )


def test_the_report_page_links_point_3_to_the_contribution(demo: None, client: Client) -> None:
    contribution = Contribution.objects.get(is_demo=True, meeting__city="Tela")
    assert contribution.report_point is not None
    page = client.get(f"/reports/{contribution.report_point.report_id}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"/contributions/{contribution.pk}/" in html
    assert f'href="#point-{contribution.report_point_id}"' in html


def test_demo_pages_render_for_the_public(demo: None, client: Client) -> None:
    contribution = Contribution.objects.get(is_demo=True, meeting__city="Tela")
    rec = contribution.recommendations.get(position=1)
    for url in [
        "/public/",
        "/public/reports/",
        "/public/recommendations/",
        "/public/feed.atom",
        "/sitemap.xml",
        "/contributions/",
        f"/contributions/{contribution.pk}/",
        f"/contributions/recommendations/{rec.pk}/",
        "/mechanisms/",
    ]:
        assert client.get(url).status_code == 200, url
