"""Structured logs: JSON lines that carry the request's id."""

import json
import logging

from django.http import HttpResponse

from enlace.core.logs import JsonFormatter, RequestIdFilter, RequestIdMiddleware


def test_every_response_names_its_request(client, db):
    response = client.get("/")
    assert len(response["X-Request-ID"]) == 16
    assert client.get("/")["X-Request-ID"] != response["X-Request-ID"]


def test_the_proxy_request_id_is_kept_when_it_is_a_plain_token(client, db):
    kept = client.get("/", headers={"x-request-id": "lb-2f9c1e77aa"})
    assert kept["X-Request-ID"] == "lb-2f9c1e77aa"
    forged = client.get("/", headers={"x-request-id": 'x\n{"level":"ERROR"}'})
    assert forged["X-Request-ID"] != 'x\n{"level":"ERROR"}'
    assert "\n" not in forged["X-Request-ID"]


def test_a_log_line_is_one_json_object_with_the_request_id(rf):
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(JsonFormatter().format(record))

    handler = Collect()
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("enlace.test")
    logger.addHandler(handler)

    def view(request):
        logger.warning("the view says %s", "something\nover two lines")
        return HttpResponse("ok")

    try:
        response = RequestIdMiddleware(view)(rf.get("/"))
    finally:
        logger.removeHandler(handler)
    entry = json.loads(lines[0])
    assert entry["request_id"] == response["X-Request-ID"]
    assert entry["level"] == "WARNING"
    assert entry["message"] == "the view says something\nover two lines"
    assert "\n" not in lines[0]  # one line, whatever the message holds
