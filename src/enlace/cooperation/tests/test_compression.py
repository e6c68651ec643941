"""A request's page travels compressed; a victim's identity never does, so that the size of the
answer cannot betray it (BREACH)."""

import gzip

from django.urls import reverse


def test_a_request_page_is_compressed(officer_client, request_):
    response = officer_client.get(
        reverse("cooperation:request", args=[request_.pk]), headers={"accept-encoding": "gzip"}
    )
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert request_.summary.encode() in gzip.decompress(response.content)


def test_an_identity_page_is_never_compressed(officer_client, case):
    response = officer_client.get(
        reverse("cooperation:case_identity", args=[case.code]), headers={"accept-encoding": "gzip"}
    )
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"<!DOCTYPE html>" in response.content
