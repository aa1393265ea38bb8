"""Requests as each role, each in a savepoint rolled back afterwards (the shared world never changes), and what
came back, in the access table's words."""

import traceback

from django.contrib.messages import constants, get_messages
from django.db import transaction
from django.test import Client
from django.urls import reverse

ALLOW = "A"  # the view answered: 2xx, a redirect to its own page, or its own refusal of the input (400, 409, 413)
FORBIDDEN = "F"  # 403, or the Wagtail admin's "no permission" redirect to its dashboard
NOT_FOUND = "N"  # 404
LOGIN = "L"  # a redirect to a sign-in page (the site's or the admin's)
METHOD = "M"  # 405
ERROR = "E"  # a 500 or an exception: never expected
WORDS = {
    ALLOW: "allowed",
    FORBIDDEN: "403",
    NOT_FOUND: "404",
    LOGIN: "sign-in redirect",
    METHOD: "405",
    ERROR: "500",
}


class Probe:
    """One signed-in client per role; every request in its own savepoint, rolled back."""

    def __init__(self, users):
        self.clients = {}
        for role, user in users.items():
            client = Client(raise_request_exception=True)
            if user is not None:
                client.force_login(user)
            self.clients[role] = (client, dict(client.cookies.items()))

    def request(self, role, method, url, **extra):
        """The response (or the exception's traceback as a str) of one request as `role`."""
        client, cookies = self.clients[role]
        client.cookies.clear()
        client.cookies.update(cookies)  # a sign-out or a message cookie must not carry over to the next request
        try:
            with transaction.atomic():
                try:
                    return getattr(client, method.lower())(url, **extra)
                finally:
                    transaction.set_rollback(True)
        except Exception:  # noqa: BLE001 - any exception the view lets out is the 500 the harness looks for
            return traceback.format_exc()


def sign_in_paths():
    return (reverse("login"), reverse("wagtailadmin_login"))


def outcome(response, url):
    """The access table's word for a response."""
    if isinstance(response, str) or response.status_code >= 500:
        return ERROR
    status = response.status_code
    if status in (403, 404, 405):
        return {403: FORBIDDEN, 404: NOT_FOUND, 405: METHOD}[status]
    if status in (301, 302, 303, 307, 308):
        target = response["Location"].split("?", 1)[0]
        if target.endswith(sign_in_paths()) and not url.split("?", 1)[0].endswith(sign_in_paths()):
            return LOGIN
        if target == reverse("wagtailadmin_home") and _refused(response):
            return FORBIDDEN
    return ALLOW


def _refused(response):
    return any(message.level == constants.ERROR for message in get_messages(response.wsgi_request))


def describe(response):
    """A few words (or the traceback) for a failure message."""
    if isinstance(response, str):
        return response[-3000:]
    location = f" -> {response['Location']}" if response.has_header("Location") else ""
    return f"{response.status_code}{location}"
