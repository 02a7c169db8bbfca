"""Every response carries a request id, and every log line of that request names it."""

import json
import logging

import pytest

from samverka.ops.request_log import JsonFormatter, RequestIdFilter, request_id_var

pytestmark = pytest.mark.django_db


def test_each_response_gets_a_new_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_sane_id_from_the_proxy_in_front_is_kept(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-2026-11-28-abc123")["X-Request-ID"] == "lb-2026-11-28-abc123"


@pytest.mark.parametrize("offered", ["short", "has spaces in it", "<script>alert(1)</script>", "x" * 65])
def test_an_unusable_id_is_replaced(client, offered):
    answered = client.get("/healthz", HTTP_X_REQUEST_ID=offered)["X-Request-ID"]
    assert answered != offered and len(answered) == 32


def test_the_request_line_is_logged_with_its_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="samverka.request"):
        response = client.get("/healthz")
    [record] = [r for r in caplog.records if r.name == "samverka.request"]
    assert record.status == 200 and record.path == "/healthz" and record.method == "GET"
    assert response["X-Request-ID"]


def test_json_lines_carry_the_request_id_and_extra_fields():
    token = request_id_var.set("abcdef0123456789")
    try:
        record = logging.LogRecord("samverka.test", logging.WARNING, __file__, 1, "Saw %s rows", (3,), None)
        record.rows = 3
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "abcdef0123456789"
    assert line["message"] == "Saw 3 rows" and line["level"] == "WARNING" and line["rows"] == 3
    assert line["time"].endswith("Z")


def test_json_lines_keep_the_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("samverka.test", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    line = json.loads(JsonFormatter().format(record))
    assert "ValueError: boom" in line["exception"] and line["request_id"] == "-"
