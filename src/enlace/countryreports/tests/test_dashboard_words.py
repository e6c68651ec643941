"""The regional dashboard says what it shows: the indicator selected is the one displayed, and
its figures carry the reader's thousands separator (years do not)."""

import re

import pytest
from django.test import Client

from enlace.countryreports.indicators import FigureKey
from enlace.countryreports.models import CountryReport

from .conftest import put_figures, set_status

K = FigureKey
NBSP = "\xa0"


@pytest.fixture
def published(mex_report: CountryReport) -> CountryReport:
    put_figures(mex_report, {K("victims_identified"): 35987, K("campaigns"): 3})
    return set_status(mex_report, "published")


def _selected(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select is not None
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select.group(1))


def test_the_select_shows_the_indicator_displayed(
    officer_client: Client, published: CountryReport
) -> None:
    page = officer_client.get("/statistics/dashboard/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "<strong>Víctimas identificadas</strong>" in page
    assert _selected(page, "series") == ["victims_identified"]
    # an unknown indicator shows the default one, and says so in the select too
    page = officer_client.get(
        "/statistics/dashboard/?series=nothing", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert _selected(page, "series") == ["victims_identified"]
    page = officer_client.get(
        "/statistics/dashboard/?series=campaigns", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "<strong>Campañas de sensibilización</strong>" in page
    assert _selected(page, "series") == ["campaigns"]


def test_a_refused_filter_keeps_its_message(
    officer_client: Client, published: CountryReport
) -> None:
    page = officer_client.get(
        "/statistics/dashboard/?sex=female&age=child", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Choose one breakdown at a time" in page
    assert _selected(page, "series") == ["victims_identified"]


@pytest.mark.parametrize(
    ("language", "figure"), [("es", f"35{NBSP}987"), ("fr", f"35{NBSP}987"), ("en", "35,987")]
)
def test_figures_carry_the_thousands_separator(
    officer_client: Client, published: CountryReport, language: str, figure: str
) -> None:
    page = officer_client.get(
        "/statistics/dashboard/", HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert f'<span id="grand-total">{figure}</span>' in page
    matrix = page[page.index('id="matrix"') : page.index("</table>", page.index('id="matrix"'))]
    assert f'<td class="num">{figure}</td>' in matrix
    assert ">2023</th>" in matrix  # a year is never grouped
    assert "35987" not in page.replace('value="35987"', "")


def test_the_charts_read_their_values_out_with_the_languages_punctuation(
    officer_client: Client, published: CountryReport
) -> None:
    page = officer_client.get("/statistics/dashboard/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f"Mexique{NBSP}: 35{NBSP}987" in page
    page = officer_client.get("/statistics/dashboard/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Mexico: 35,987" in page
