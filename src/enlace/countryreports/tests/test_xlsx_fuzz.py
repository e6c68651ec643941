"""Broken and scribbled-on figure templates: a clear refusal or the figures saved whole, never a
crash (500) and never part of a file saved."""

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from enlace.core.tests.mutations import FILE_FUZZ, broken_bytes, scribbled_workbook
from enlace.countryreports import services
from enlace.countryreports.xlsx import read_upload


def test_broken_templates_are_refused_and_change_nothing(officer_client, hnd_report):
    good = officer_client.get(f"/country-reports/{hnd_report.pk}/template.xlsx").content
    url = f"/country-reports/{hnd_report.pk}/upload/"

    @given(
        content=st.one_of(broken_bytes(good), scribbled_workbook(good, max_row=40, max_column=8))
    )
    @FILE_FUZZ
    def check(content: bytes) -> None:
        upload = read_upload(content)  # never raises
        before = services.stored_figures(hnd_report)
        response = officer_client.post(url, {"file": SimpleUploadedFile("f.xlsx", content)})
        # Saved (302) or refused with the errors on the page (400); never a 500.
        assert response.status_code in (302, 400), response.status_code
        if upload.errors:
            assert response.status_code == 400
            assert all(error.strip() for error in upload.errors)
            assert services.stored_figures(hnd_report) == before

    check()
