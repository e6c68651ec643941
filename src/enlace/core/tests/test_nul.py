"""A NUL character in a request is refused with a clear 400, never a 500 (PostgreSQL refuses
it in any query; schemathesis found it in /api/v1/search)."""

import json


def test_a_nul_in_the_query_string_is_refused(client, db):
    response = client.get("/api/v1/search?q=points&country=%00X", headers={"accept-language": "en"})
    assert response.status_code == 400
    assert "not text" in response.json()["detail"]
    assert client.get("/directory/?q=a%00b").status_code == 400
    assert client.get("/directory/?q=ab").status_code == 200


def test_a_nul_in_a_form_or_a_json_body_is_refused(client, secretariat):
    client.force_login(secretariat)
    assert client.post("/directory/", {"q": "a\x00b"}).status_code == 400
    body = json.dumps({"name": "a\u0000b"})
    assert (
        client.post("/api/v1/mechanisms", body, content_type="application/json").status_code == 400
    )
