import pytest


@pytest.mark.django_db
def test_tela_report_page_reads_like_the_original(client, demo):
    from enlace.reports.models import Report

    report = Report.objects.get(meeting__city="Tela")
    response = client.get(f"/reports/{report.pk}/")
    assert response.status_code == 200
    assert "Tela, Honduras" in response.content.decode()
