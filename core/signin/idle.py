"""Officers and judges are signed out after VITRINE_IDLE_SIGN_OUT_MINUTES without a request (a working day);
everyone else keeps Django's session lifetime. Activity is recorded in the session at most once a minute."""

import time

from django.conf import settings

SEEN_KEY = "vitrine.seen"
SEEN_GRANULARITY = 60  # seconds


def record(request):
    request.session[SEEN_KEY] = time.time()


def too_long(request):
    """Record activity; True when the previous request was longer ago than the idle limit."""
    now = time.time()
    seen = request.session.get(SEEN_KEY)
    if not isinstance(seen, (int, float)):
        record(request)
        return False
    if now - seen > settings.VITRINE_IDLE_SIGN_OUT_MINUTES * 60:
        return True
    if now - seen >= SEEN_GRANULARITY:
        record(request)
    return False
