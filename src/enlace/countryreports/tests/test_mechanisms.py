"""An agreement of a country report can be one of the register's cooperation mechanisms
(enlace.contributions) to which the country is a party: chosen on the edit page, linked from
the report."""

import pytest
from django.test import Client

from enlace.conftest import Net
from enlace.contributions.models import Mechanism
from enlace.countryreports.models import Agreement, CountryReport


def _mechanism(net: Net, title: str, *countries: object) -> Mechanism:
    mechanism = Mechanism.objects.create(
        title=title, kind=Mechanism.Kind.AGREEMENT, visibility="network"
    )
    mechanism.countries.set(countries)
    mechanism.organisations.set([net.rrocm])
    return mechanism


@pytest.fixture
def mechanisms(net: Net) -> dict[str, Mechanism]:
    return {
        "ours": _mechanism(net, "Mesa con la RROCM", net.honduras, net.guatemala),
        "theirs": _mechanism(net, "Convenio México–RROCM", net.mexico),
    }


def _post(client: Client, report: CountryReport, mechanism: Mechanism) -> object:
    return client.post(
        f"/country-reports/{report.pk}/agreement/add/",
        {
            "agreement-kind": "civil_society",
            "agreement-title": "Mesa de diálogo con la sociedad civil",
            "agreement-partners": "RROCM",
            "agreement-mechanism": str(mechanism.pk),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_the_edit_page_offers_the_mechanisms_of_the_countrys_register(
    officer_client: Client, hnd_report: CountryReport, mechanisms: dict[str, Mechanism]
) -> None:
    page = officer_client.get(f"/country-reports/{hnd_report.pk}/edit/").content.decode()
    assert "Mesa con la RROCM" in page
    assert "Convenio México–RROCM" not in page  # Honduras is not a party to it


def test_an_agreement_refers_to_a_mechanism_and_the_report_links_it(
    officer_client: Client,
    hnd_report: CountryReport,
    mechanisms: dict[str, Mechanism],
    other_client: Client,
) -> None:
    response = _post(officer_client, hnd_report, mechanisms["ours"])
    assert response.status_code == 302  # type: ignore[attr-defined]
    agreement = Agreement.objects.get(report=hnd_report)
    assert agreement.mechanism == mechanisms["ours"]
    page = officer_client.get(f"/country-reports/{hnd_report.pk}/").content.decode()
    assert f'href="/mechanisms/{mechanisms["ours"].pk}/"' in page


def test_a_mechanism_the_country_is_not_party_to_is_refused(
    officer_client: Client, hnd_report: CountryReport, mechanisms: dict[str, Mechanism]
) -> None:
    _post(officer_client, hnd_report, mechanisms["theirs"])
    assert not Agreement.objects.exists()


def test_the_service_refuses_it_too(
    officer: object, hnd_report: CountryReport, mechanisms: dict[str, Mechanism]
) -> None:
    from django.core.exceptions import ValidationError

    from enlace.countryreports.services import agreement_add

    with pytest.raises(ValidationError) as refused:
        agreement_add(
            user=officer,
            report=hnd_report,
            data={"kind": "civil_society", "title": "X", "mechanism": mechanisms["theirs"]},
        )
    assert "mechanism" in refused.value.message_dict
    assert not Agreement.objects.exists()
