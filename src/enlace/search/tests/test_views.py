"""The search page: what each kind of user finds, the passage shown, filters, pagination."""

import datetime

import pytest
from django.test import Client

from enlace.conftest import Net
from enlace.meetings.models import Visibility
from enlace.reports.models import Report
from enlace.search.services import search_reindex
from enlace.search.tests.helpers import indexed_report


@pytest.fixture
def tela(demo: None) -> Report:
    search_reindex()
    return Report.objects.get(meeting__start_date=datetime.date(2008, 5, 6), language="es")


def _page(client: Client, query: str) -> str:
    client.cookies["enlace_language"] = "en"
    response = client.get(f"/search/?{query}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("words", ["víctimas", "victima", "VICTIMAS", "RROCM", "plan de trabajo"])
def test_the_tela_report_is_found_in_any_form_of_its_words(
    client: Client, tela: Report, words: str
) -> None:
    html = _page(client, f"q={words}")
    assert f'href="/reports/{tela.pk}/"' in html
    assert "<mark>" in html


def test_the_matching_point_is_shown_with_its_number_and_the_match_marked(
    client: Client, tela: Report
) -> None:
    html = _page(client, "q=RROCM")
    assert "<strong>3.</strong>" in html
    assert "(<mark>RROCM</mark>)" in html
    assert "<strong>1.</strong>" not in html  # point 1 does not name the RROCM


def test_a_word_in_no_report_finds_nothing(client: Client, tela: Report) -> None:
    html = _page(client, "q=inexistentísimo")
    assert f'href="/reports/{tela.pk}/"' not in html
    assert "No report matches these words." in html


def test_english_reports_are_found_by_english_and_spanish_words(client: Client, net: Net) -> None:
    report = indexed_report(
        net,
        ["The Network discussed assistance to the victims of trafficking in persons."],
        language="en",
        title="Report of the meeting",
    )
    for words in ("victim", "victims", "víctimas", "Trafficking"):
        assert f'href="/reports/{report.pk}/"' in _page(client, f"q={words}"), words


def test_spanish_plurals_and_accents(client: Client, net: Net) -> None:
    report = indexed_report(net, ["Las naciones acordaron la protección de los migrantes."])
    for words in ("nación", "nacion", "proteccion", "migrante"):
        assert f'href="/reports/{report.pk}/"' in _page(client, f"q={words}"), words


def test_every_word_must_be_in_the_same_passage(client: Client, net: Net) -> None:
    report = indexed_report(net, ["Primer punto sobre la trata.", "Segundo punto sobre el asilo."])
    assert f'href="/reports/{report.pk}/"' in _page(client, "q=trata+punto")
    assert f'href="/reports/{report.pk}/"' not in _page(client, "q=trata+asilo")


def test_the_title_and_opening_are_searched(client: Client, net: Net) -> None:
    report = indexed_report(net, ["Punto."], title="Informe de Tegucigalpa sobre refugiados")
    html = _page(client, "q=refugiado")
    assert f'href="/reports/{report.pk}/"' in html
    assert "<mark>refugiados</mark>" in html


def test_a_point_with_markup_is_escaped(client: Client, net: Net) -> None:
    indexed_report(net, ["<script>alert('trata')</script> contra la trata <b>de personas</b>"])
    html = _page(client, "q=trata")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;<mark>trata</mark>&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;de personas&lt;/b&gt;" in html


def test_an_empty_query_shows_the_form_without_results(client: Client, net: Net) -> None:
    indexed_report(net, ["Punto sobre la trata."])
    html = _page(client, "q=")
    assert 'role="search"' in html
    assert "reports found" not in html
    assert "Type at least one word" not in html


@pytest.mark.parametrize("words", ["a", "¿?", "y-o"])
def test_a_too_short_query_says_so(client: Client, net: Net, words: str) -> None:
    html = _page(client, f"q={words}")
    assert "Type at least one word of two letters or more." in html


# --- who finds what ------------------------------------------------------------------------


@pytest.fixture
def drafts(net: Net) -> dict[str, Report]:
    return {
        "published": indexed_report(net, ["Acuerdo publicado sobre la trata."]),
        "draft": indexed_report(net, ["Borrador sobre la trata."], published=False),
        "draft_for_observers": indexed_report(
            net, ["Borrador consultado sobre la trata."], published=False, observers_invited=True
        ),
        "members_only": indexed_report(
            net, ["Acuerdo reservado sobre la trata."], visibility=Visibility.MEMBERS
        ),
    }


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("client", {"published"}),
        ("outsider_client", {"published"}),
        ("observer_client", {"published", "draft_for_observers"}),
        ("officer_client", {"published", "draft", "draft_for_observers", "members_only"}),
        ("other_client", {"published", "draft", "draft_for_observers", "members_only"}),
        ("secretariat_client", {"published", "draft", "draft_for_observers", "members_only"}),
    ],
)
def test_each_user_finds_only_the_reports_they_may_read(
    request: pytest.FixtureRequest, drafts: dict[str, Report], who: str, sees: set[str]
) -> None:
    html = _page(request.getfixturevalue(who), "q=trata")
    found = {name for name, r in drafts.items() if f'href="/reports/{r.pk}/"' in html}
    assert found == sees
    assert f"{len(sees)} report" in html


# --- filters and pages ---------------------------------------------------------------------


def test_filters_by_body_country_year_and_status(secretariat_client: Client, net: Net) -> None:
    old = indexed_report(net, ["La trata en 2008."], day=datetime.date(2008, 5, 6))
    grcm = indexed_report(net, ["La trata en el GRCM."], body=net.grcm)
    guatemala = indexed_report(net, ["La trata en Guatemala."], countries=(net.guatemala,))
    draft = indexed_report(net, ["La trata, borrador."], published=False)

    def found(filters: str) -> set[int]:
        html = _page(secretariat_client, f"q=trata&{filters}")
        return {r.pk for r in (old, grcm, guatemala, draft) if f'href="/reports/{r.pk}/"' in html}

    assert found("") == {old.pk, grcm.pk, guatemala.pk, draft.pk}
    assert found("year=2008") == {old.pk}
    assert found("body=grcm") == {grcm.pk}
    assert found("body=trafficking-network") == {old.pk, guatemala.pk, draft.pk}
    assert found("country=GTM") == {guatemala.pk}
    assert found("country=gtm") == {guatemala.pk}
    assert found("country=MEX") == {old.pk, grcm.pk, draft.pk}
    assert found("status=draft") == {draft.pk}
    assert found("status=adopted&year=2008") == {old.pk}
    assert found("status=nonsense&year=abc") == {old.pk, grcm.pk, guatemala.pk, draft.pk}


def test_results_are_ranked_and_paginated(client: Client, net: Net) -> None:
    weak = [
        indexed_report(
            net,
            ["Larga relación de actividades diversas de cooperación regional, " * 5 + "y trata."],
        )
        for _ in range(21)
    ]
    strong = indexed_report(net, ["Trata, trata de personas."])
    first = _page(client, "q=trata")
    assert "22 reports found." in first
    assert first.index(f'href="/reports/{strong.pk}/"') < first.index("Larga relación")
    assert "page=2" in first
    second = _page(client, "q=trata&page=2")
    on_second = [r for r in weak if f'href="/reports/{r.pk}/"' in second]
    assert len(on_second) == 2
    assert f'href="/reports/{strong.pk}/"' not in second


def test_the_header_has_a_search_box(client: Client, net: Net) -> None:
    client.cookies["enlace_language"] = "en"
    html = client.get("/meetings/").content.decode()
    assert 'role="search"' in html
    assert 'action="/search/"' in html
    assert '<label for="site-q">' in html


def test_a_very_common_word_ranks_only_the_best_passages_and_says_so(
    client: Client, net: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("enlace.search.selectors.MAX_PASSAGES", 5)
    weak = [
        indexed_report(
            net,
            ["Larga relación de actividades diversas de cooperación regional, " * 5 + "y trata."],
        )
        for _ in range(7)
    ]
    strong = indexed_report(net, ["Trata, trata de personas."])
    html = _page(client, "q=trata")
    assert "At least 5 reports found." in html
    assert "more than 5 matching passages" in html
    assert "the best of the 5 most recently indexed" in html
    assert f'href="/reports/{strong.pk}/"' in html
    assert html.index(f'href="/reports/{strong.pk}/"') < html.index("Larga relación")
    # The candidates are the newest matching passages: the four newest weak reports.
    assert [r for r in weak if f'href="/reports/{r.pk}/"' in html] == weak[-4:]


def test_an_uncut_search_gives_the_exact_count_and_no_warning(
    client: Client, net: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("enlace.search.selectors.MAX_PASSAGES", 5)
    for _ in range(4):
        indexed_report(net, ["La trata en la región."])
    html = _page(client, "q=trata")
    assert "4 reports found." in html
    assert "At least" not in html
    assert "matching passages" not in html


def test_filters_never_show_the_public_a_report_it_may_not_read(
    client: Client, net: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("enlace.search.selectors.MAX_PASSAGES", 2)
    day = datetime.date(2008, 5, 6)
    hidden = [
        indexed_report(net, ["La trata en Guatemala."], day=day, countries=(net.guatemala,),
                       published=False),
        indexed_report(net, ["La trata en Guatemala."], day=day, countries=(net.guatemala,),
                       visibility=Visibility.MEMBERS),
        indexed_report(net, ["La trata en Guatemala."], day=day, countries=(net.guatemala,),
                       visibility=Visibility.NETWORK),
    ]  # fmt: skip
    public = indexed_report(net, ["La trata en Guatemala."], day=day, countries=(net.guatemala,))
    for _ in range(3):  # newer, but not in 2008: the filters must not let them use up the cap
        indexed_report(net, ["La trata en Guatemala."], countries=(net.guatemala,))
    html = _page(client, "q=trata&country=GTM&year=2008&body=trafficking-network")
    assert "1 report found." in html
    assert f'href="/reports/{public.pk}/"' in html
    assert not any(f'href="/reports/{r.pk}/"' in html for r in hidden)
    assert "matching passages" not in html


def test_reports_a_user_may_not_read_do_not_use_up_the_ranked_passages(
    client: Client, net: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("enlace.search.selectors.MAX_PASSAGES", 5)
    for _ in range(6):
        indexed_report(net, ["Trata, trata de personas."], published=False)
    public = [indexed_report(net, ["La trata en la región."]) for _ in range(3)]
    html = _page(client, "q=trata")
    assert "3 reports found." in html
    assert "matching passages" not in html
    assert all(f'href="/reports/{r.pk}/"' in html for r in public)
