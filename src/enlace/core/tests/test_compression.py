"""Pages, API answers and downloads travel compressed to a browser that accepts gzip."""

import gzip

import pytest
from django.test import Client

from enlace.accounts.models import User


def _get(client: Client, path: str, encoding: str = "gzip, deflate, br"):
    response = client.get(path, headers={"accept-encoding": encoding})
    assert response.status_code == 200, path
    return response


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize(
    ("path", "kind", "expected"),
    [
        ("/", "text/html", b"<!DOCTYPE html>"),
        ("/meetings/", "text/html", b"<!DOCTYPE html>"),
        ("/api/v1/meetings", "application/json", b"["),
        ("/api/v1/openapi.json", "application/json", b'"openapi"'),
        ("/statistics/unodc.csv", "text/csv", b"Iso3_code"),
        ("/directory/export.csv", "text/csv", b"Honduras"),
    ],
)
def test_answers_are_gzipped_when_the_client_accepts_it(
    client: Client, demo: None, path: str, kind: str, expected: bytes
) -> None:
    client.force_login(User.objects.get(username="honduras"))
    response = _get(client, path)
    assert response["Content-Type"].startswith(kind)
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    text = gzip.decompress(_body(response))
    assert expected in text
    plain = _body(_get(client, path, encoding="identity"))
    assert len(_body(response)) < len(plain)


def test_a_client_that_does_not_accept_gzip_gets_plain_text(client: Client, demo: None) -> None:
    response = _get(client, "/", encoding="identity")
    assert "Content-Encoding" not in response
    assert response.content.startswith(b"<!DOCTYPE html>")
