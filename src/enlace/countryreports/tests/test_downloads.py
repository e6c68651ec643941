"""The country report's files are downloads (enlace.core.downloads)."""


def test_the_country_report_template_is_an_attachment(officer_client, hnd_report):
    response = officer_client.get(f"/country-reports/{hnd_report.pk}/template.xlsx")
    assert response["Content-Disposition"] == (
        f'attachment; filename="report-HND-{hnd_report.round.year}-{hnd_report.pk}.xlsx"'
    )
    assert "private" in response["Cache-Control"]
