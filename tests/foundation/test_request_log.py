"""Structured logs: a request id on every line and response, the signed-in user's id, nothing of what was sent."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core import request_log
from core.request_log import JsonFormatter
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines():
    """What the django.request logger writes during the test, as parsed JSON lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logger.removeHandler(handler)


def test_every_response_carries_a_request_id_and_a_proxy_id_is_kept_only_when_it_looks_like_one(client):
    first, second = client.get("/healthz")["X-Request-ID"], client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second
    assert client.get("/", headers={"X-Request-ID": "lb-2f1c9a7e-0001"})["X-Request-ID"] == "lb-2f1c9a7e-0001"
    for forged in ("short", "x" * 200, "id with spaces", "id\r\nSet-Cookie: a=b", "<script>"):
        assert client.get("/", headers={"X-Request-ID": forged})["X-Request-ID"] != forged


def test_a_log_line_names_the_request_and_the_signed_in_user_but_nothing_that_was_sent(client, json_lines):
    user = UserFactory(username="aigerim", officer=True)
    client.force_login(user)
    response = client.post("/no-such-page/", {"password": "hunter2-secret", "note": "Aigerim Bekova"})
    assert response.status_code == 404
    [line] = [line for line in json_lines() if "/no-such-page/" in line["message"]]
    assert line["request_id"] == response["X-Request-ID"] and line["user_id"] == user.pk
    assert line["level"] == "WARNING" and line["logger"] == "django.request"
    assert "hunter2" not in json.dumps(line) and "Bekova" not in json.dumps(line)


def test_an_anonymous_request_logs_no_user(client, json_lines):
    response = client.get("/no-such-page/")
    [line] = [line for line in json_lines() if "/no-such-page/" in line["message"]]
    assert line["request_id"] == response["X-Request-ID"] and line["user_id"] is None
    assert request_log.request_id.get() is None  # a line logged after the response belongs to no request


def test_production_writes_json_lines_by_default():
    environment = {k: v for k, v in os.environ.items() if k != "LOG_FORMAT"}
    environment.update(SECRET_KEY="x" * 50, ALLOWED_HOSTS="vitrine.example.org", PYTHONPATH=f"{ROOT}:{ROOT / 'site'}")
    script = "import vitrine.settings.production as s; print(s.LOGGING['handlers']['console']['formatter'])"
    result = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "json", result.stderr
