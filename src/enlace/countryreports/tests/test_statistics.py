"""The regional dashboard and the public statistics: sums made by the database, charts that
render with their tables, exports, suppression marked on the page and in the CSV."""

import csv
import io
import re

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from enlace.conftest import Net
from enlace.countryreports.indicators import INDICATORS, FigureKey
from enlace.countryreports.models import CountryReport, ReportingRound

from .conftest import VALID, make_round, put_figures, set_status

K = FigureKey


@pytest.fixture
def history(net: Net) -> list[ReportingRound]:
    """Three published years for Honduras and Mexico, and a Guatemalan draft that never
    counts."""
    rounds = []
    for year, (hnd, mex) in zip((2021, 2022, 2023), ((40, 300), (5, 320), (60, 0)), strict=True):
        found = make_round(year, [net.honduras, net.mexico, net.guatemala])
        for country, value in ((net.honduras, hnd), (net.mexico, mex)):
            report = found.reports.get(country=country)
            put_figures(
                report,
                {
                    K("victims_identified"): value,
                    K("victims_identified", "", "sex", "female"): value,
                    K("convictions", "tip"): value // 2,
                },
            )
            set_status(report, "published")
        put_figures(found.reports.get(country=net.guatemala), {K("victims_identified"): 999})
        rounds.append(found)
    return rounds


def _csv(response: object) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.reader(io.StringIO(body)))


def test_the_dashboard_sums_published_figures_by_country_and_year(
    officer_client: Client, history: list[ReportingRound]
) -> None:
    page = officer_client.get("/statistics/dashboard/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    matrix = page[page.index('id="matrix"') : page.index("</table>", page.index('id="matrix"'))]
    assert "999" not in page  # Guatemala's draft does not count
    assert re.search(
        r"Honduras</th><td class=\"num\">40</td><td class=\"num\">5</td>"
        r"<td class=\"num\">60</td><td class=\"num\"><strong>105</strong>",
        matrix,
    )
    assert '<span id="grand-total">725</span>' in page
    # every chart is an accessible SVG with its data table beside it
    for key in ("trend", "by-country", "split-sex"):
        assert f'aria-labelledby="{key}-title {key}-desc"' in page
        assert f'id="{key}-table"' in page
    assert "Mexico: 620" in page  # the text alternative reads the values out


def test_filters_by_country_period_and_breakdown(
    officer_client: Client, history: list[ReportingRound]
) -> None:
    page = officer_client.get(
        "/statistics/dashboard/?series=convictions.tip&country=MEX&year_from=2022&year_to=2023",
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert '<span id="grand-total">160</span>' in page
    assert "Honduras</th>" not in page.split('id="matrix"')[1].split("</table>")[0]
    page = officer_client.get(
        "/statistics/dashboard/?sex=female&form=sexual", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Choose one breakdown at a time" in page


def test_exports_of_the_view_and_the_unodc_long_format(
    observer_client: Client, history: list[ReportingRound]
) -> None:
    rows = _csv(
        observer_client.get(
            "/statistics/dashboard/?export=csv&country=HND", HTTP_ACCEPT_LANGUAGE="en"
        )
    )
    assert rows[0] == ["Country code", "Country", "2021", "2022", "2023", "Total"]
    assert rows[1] == ["HND", "Honduras", "40", "5", "60", "105"]
    response = observer_client.get("/statistics/dashboard/?export=xlsx&country=HND")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[2]] == ["HND", "Honduras", 40, 5, 60, 105]
    long = _csv(observer_client.get("/statistics/unodc.csv?country=MEX"))
    assert long[0] == [
        "Iso3_code",
        "Country",
        "Region",
        "Subregion",
        "Indicator",
        "Dimension",
        "Category",
        "Sex",
        "Age",
        "Year",
        "Unit of measurement",
        "VALUE",
        "Source",
    ]
    female = [r for r in long if r[4] == "Detected victims" and r[7] == "Female" and r[9] == "2021"]
    assert female == [
        [
            "MEX",
            "Mexico",
            "Americas",
            "Central America",
            "Detected victims",
            "Total",
            "Total",
            "Female",
            "Total",
            "2021",
            "Counts",
            "300",
            "CRM Liaison Officer Network country reports",
        ]
    ]
    assert {r[0] for r in long[1:]} == {"MEX"}


def test_the_public_page_hides_small_counts_and_what_would_reveal_them(
    client: Client, history: list[ReportingRound]
) -> None:
    page = client.get("/statistics/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    table = page[
        page.index('id="public-table"') : page.index("</table>", page.index('id="public-table"'))
    ]
    # Honduras's 5 in 2022 is below k: it and a complementary cell are marked S.
    assert table.count('class="suppressed"') >= 4
    assert ">5<" not in table
    assert "999" not in page
    rows = _csv(client.get("/statistics/?export=csv", HTTP_ACCEPT_LANGUAGE="en"))
    honduras = next(r for r in rows if r[0] == "HND")
    assert honduras[2] == "S"
    assert all(v in ("", "S", "0") or int(v) >= 11 for r in rows[1:] for v in r[2:])


def test_the_public_page_offers_counts_only(client: Client, history: list[ReportingRound]) -> None:
    page = client.get(
        "/statistics/?series=assets_confiscated.tip", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'value="assets_confiscated.tip"' not in page  # not among the choices
    assert '<h2 id="table-heading">Victims identified (persons)</h2>' in page


@pytest.mark.usefixtures("uncached_pages")  # the flag is set behind the services' backs
def test_a_demo_banner_only_with_demo_data(
    officer_client: Client, client: Client, history: list[ReportingRound]
) -> None:
    assert (
        "Demo data." not in client.get("/statistics/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    ReportingRound.objects.filter(pk=history[0].pk).update(is_demo=True)
    assert "Demo data." in client.get("/statistics/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        "Demo data."
        in officer_client.get("/statistics/dashboard/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_unpublished_reports_never_reach_the_public(
    client: Client, hnd_report: CountryReport
) -> None:
    put_figures(hnd_report, VALID)
    set_status(hnd_report, "accepted")
    rows = _csv(client.get("/statistics/?export=csv"))
    assert len(rows) == 2  # the header and the (empty) region total


def test_the_dashboard_carries_the_anonymous_counts_of_cooperation_requests(
    net: Net, officer: object, other_officer: object, observer_client: Client
) -> None:
    from enlace.cooperation import services as cooperation
    from enlace.cooperation.models import RequestType

    for requested in (net.mexico, net.guatemala):
        cooperation.request_create(
            user=officer,
            request_type=RequestType.DOCUMENT_VERIFICATION,
            requesting_country=net.honduras,
            requested_countries=[requested],
            summary="Verificar el pasaporte de María Ejemplo",
            details={"document_kind": "passport"},
        )
    page = observer_client.get("/statistics/dashboard/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    section = page[page.index('id="cooperation-heading"') :]
    assert "2 cooperation requests between member countries" in section
    table = section[section.index('id="cooperation-by-type-table"') :]
    assert re.search(r"Document verification</th><td class=\"num\">2</td>", table)
    assert 'id="cooperation-by-state-table"' in section
    assert "María" not in page  # counts, never content
    assert "pasaporte" not in page


@pytest.mark.parametrize("language", ["es", "fr", "en"])
def test_the_unodc_file_is_in_english_whatever_the_pages_language(
    observer_client: Client, net: Net, history: list[ReportingRound], language: str
) -> None:
    """UNODC's files are in English: every indicator name is (none in the page's language),
    and every country has its M49 region and subregion."""
    # Indicators that UNODC does not name: their English labels.
    report = make_round(2024, [net.honduras]).reports.get(country=net.honduras)
    put_figures(report, {K("campaigns"): 7, K("officials_trained"): 30})
    set_status(report, "published")
    rows = _csv(observer_client.get("/statistics/unodc.csv", HTTP_ACCEPT_LANGUAGE=language))
    with translation.override("en"):
        english = {i.unodc or str(i.label) for i in INDICATORS.values()}
    names = {row[4].split(" - ")[0] for row in rows[1:]}
    assert names
    assert names <= english, names - english
    assert {"Awareness campaigns", "Officials trained", "Detected victims"} <= names
    assert all(row[2] == "Americas" and row[3] for row in rows[1:])
