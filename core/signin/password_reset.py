"""Password-reset emails, throttled per email address and per client address (the Django cache: Redis in
production, so every app server counts together). Whether the address belongs to an account changes nothing."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from wagtail.admin.views.account import PasswordResetView

from core.signin.client_ip import client_ip

WINDOW_SECONDS = 60 * 60


def _spend(key, limit):
    """Count one request against `key` in the current hour; False once `limit` is spent."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        used = 1
    return used <= limit


def reset_allowed(request, email):
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    by_email = _spend(f"signin:reset:email:{digest}", settings.VITRINE_PASSWORD_RESET_PER_EMAIL)
    by_address = _spend(f"signin:reset:ip:{client_ip(request)}", settings.VITRINE_PASSWORD_RESET_PER_ADDRESS)
    return by_email and by_address


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password reset (the only one: the site's sign-in page offers none)."""

    def form_valid(self, form):
        if not reset_allowed(self.request, form.cleaned_data["email"]):
            response = render(self.request, "signin/reset_throttled.html", status=429)
            response["Retry-After"] = str(WINDOW_SECONDS)
            add_never_cache_headers(response)
            return response
        return super().form_valid(form)
