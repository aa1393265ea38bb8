"""Failed sign-ins, counted by django-axes for every sign-in form (the site's, the Wagtail admin's).

An account is locked after VITRINE_SIGNIN_FAILURE_LIMIT failures from anywhere, a client address after
VITRINE_SIGNIN_ADDRESS_FAILURE_LIMIT failures whatever the account (higher: a facility's staff may share one
address), both for the cool-off after the last failure. The lockout page says the same whether or not the account
exists.
"""

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


class SignInAttemptHandler(AxesDatabaseHandler):
    """Axes compares one count with one limit (AXES_FAILURE_LIMIT, the account's). The address's count is shifted
    by the difference of the two limits, so it reaches the account's limit exactly when it reaches its own."""

    def get_failures(self, request, credentials=None):
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        headroom = settings.VITRINE_SIGNIN_ADDRESS_FAILURE_LIMIT - settings.VITRINE_SIGNIN_FAILURE_LIMIT
        return max(by_account, by_address - headroom)


class SignInBackend(AxesStandaloneBackend):
    """Refuses a locked-out account or address before any password is checked. Every sign-in form passes its
    request; a call without one (a script, the test client's login()) has no client to count and is let through
    to the other backends, as Django's ModelBackend alone would."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def attempted_username(request, credentials=None):
    """The account a sign-in tried, as axes records it: what was typed, cut to the longest a username can be, so a
    very long one is counted (under its first characters) instead of overflowing the record."""
    if credentials:
        typed = credentials.get("username")
    else:
        typed = getattr(request, "data", request.POST).get("username")
    if not isinstance(typed, str):
        return typed
    return typed[: get_user_model()._meta.get_field("username").max_length]


def lockout_response(request, original_response=None, credentials=None):
    response = render(
        request,
        "signin/locked_out.html",
        {"minutes": settings.VITRINE_SIGNIN_COOLOFF_MINUTES},
        status=429,
    )
    response["Retry-After"] = str(settings.VITRINE_SIGNIN_COOLOFF_MINUTES * 60)
    add_never_cache_headers(response)  # private, no-store
    return response
