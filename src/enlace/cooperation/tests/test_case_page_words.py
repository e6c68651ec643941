"""A protected case's page names the HTCDS values in the reader's language; its exports keep
the standard's codes."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from enlace.accounts.models import User
from enlace.cooperation.models import ProtectedCase


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def described(officer: User, case: ProtectedCase) -> ProtectedCase:
    case.control_methods = ["FalsePromises", "DebtBondage"]
    case.recruitment = ["ThroughOnlineSocialNetworks"]
    case.vulnerabilities = ["Poverty", "Migration"]
    case.assistance = ["Shelter", "Psychosocial"]
    case.save()
    return case


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "es",
            [
                "Explotación sexual",
                "Falsas promesas, Servidumbre por deudas",
                "Por redes sociales en línea",
                "Pobreza, Migración",
                "Albergue, Apoyo psicosocial",
            ],
        ),
        (
            "fr",
            ["Exploitation sexuelle", "Fausses promesses", "Pauvreté, Migration", "Hébergement"],
        ),
        ("en", ["Sexual exploitation", "False promises, Debt bondage", "Poverty, Migration"]),
    ],
)
def test_the_case_page_names_each_value(
    officer_client: Client, described: ProtectedCase, language: str, words: list[str]
) -> None:
    response = officer_client.get(
        reverse("cooperation:case", args=[described.code]), HTTP_ACCEPT_LANGUAGE=language
    )
    text = _text(response.content.decode())
    for word in words:
        assert word in text
    for code in ("SexualExploitation", "FalsePromises", "ThroughOnlineSocialNetworks"):
        assert code not in text


def test_the_export_keeps_the_codes(officer_client: Client, described: ProtectedCase) -> None:
    response = officer_client.get(
        reverse("cooperation:case_export_json", args=[described.code]), HTTP_ACCEPT_LANGUAGE="es"
    )
    body = response.content.decode()
    assert "SexualExploitation" in body
    assert "FalsePromises" in body
    assert "Explotación sexual" not in body


def test_an_unknown_code_is_shown_as_it_is(case: ProtectedCase) -> None:
    case.assistance = ["Shelter", "SomethingNew"]
    with translation.override("es"):
        assert case.get_assistance_display() == "Albergue, SomethingNew"
