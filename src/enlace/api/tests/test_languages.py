"""The API answers its errors in the language the request chose (the language cookie, else
Accept-Language, else Spanish), as the pages do: a 404 as much as a 401 or a 422."""

import pytest
from django.test import Client

from enlace.conftest import Net

WORDS = {
    "es": ("No encontrado.", "Inicie sesión o envíe un token de API."),
    "fr": ("Introuvable.", "Connectez-vous ou envoyez un jeton d'API."),
    "en": ("Not found.", "Log in or send an API token."),
}


@pytest.mark.parametrize("language", ["es", "fr", "en"])
def test_errors_follow_the_language_asked(client: Client, net: Net, language: str) -> None:
    missing, log_in = WORDS[language]
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    for url in ("/api/v1/meetings/999999", "/api/v1/people/999999", "/api/v1/no-such-thing"):
        response = client.get(url, **headers)
        assert response.status_code == 404, url
        assert response.json() == {"detail": missing}, url
    response = client.get("/api/v1/cooperation/requests", **headers)
    assert response.status_code == 401
    assert response.json()["detail"] == log_in


def test_the_cookie_chooses_before_the_browser(client: Client, net: Net) -> None:
    client.cookies["enlace_language"] = "fr"
    response = client.get("/api/v1/meetings/999999", HTTP_ACCEPT_LANGUAGE="es")
    assert response.json() == {"detail": WORDS["fr"][0]}
