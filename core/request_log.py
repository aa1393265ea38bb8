"""Structured logs: every line a JSON object that names the request it belongs to and who made it.

RequestIdMiddleware gives each request an id (the proxy's X-Request-ID when it looks like one, else a new one),
sends it back in X-Request-ID and keeps it, with the signed-in user's id, in context variables for the length of
the request. JsonFormatter writes a record as one JSON line with those two fields. Only the message, the logger,
the level and a traceback are written: never a request body, a form field or a file's content.
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

from django.core.signals import request_finished

request_id = contextvars.ContextVar("request_id", default=None)
user_id = contextvars.ContextVar("user_id", default=None)

# What an upstream id may look like (a proxy's or load balancer's): anything else is replaced, never logged.
UPSTREAM_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")


class RequestIdMiddleware:
    """First in the chain: the id is known to everything below, health checks included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        upstream = request.headers.get("X-Request-ID", "")
        identifier = upstream if UPSTREAM_ID.fullmatch(upstream) else uuid.uuid4().hex
        request.request_id = identifier
        # Kept until the response is closed (forget() below): Django logs a 4xx or 5xx after the middleware returns.
        request_id.set(identifier)
        user_id.set(None)
        response = self.get_response(request)
        response["X-Request-ID"] = identifier
        return response


def forget(**kwargs):
    """Lines logged between requests belong to none."""
    request_id.set(None)
    user_id.set(None)


request_finished.connect(forget, dispatch_uid="vitrine-request-log-forget")


class SignedInUserMiddleware:
    """After authentication: log lines of a signed-in visitor's request carry their user id (never a name)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            user_id.set(user.pk)
        return self.get_response(request)


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id.get(),
            "user_id": user_id.get(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            line["status"] = status
        return json.dumps(line, ensure_ascii=False, default=str)
