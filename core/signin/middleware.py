"""After authentication: officers and judges signed out after a working day idle, and the second factor owed.

Runs after django-otp's middleware. Costs nothing for visitors who are not signed in; for others, the session
(already read) says all it needs, and it writes the session at most once a minute.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from core.signin import idle, two_factor

# Pages a person who still owes a step may open: the step itself and signing out.
STEP_URL_NAMES = {
    "verify": {"two_factor_verify", "logout", "wagtailadmin_logout"},
    "enrol": {"two_factor_setup", "logout", "wagtailadmin_logout"},
}
STEP_VIEWS = {"verify": "two_factor_verify", "enrol": "two_factor_setup"}


def _allowed_during(step, request):
    try:
        url_name = resolve(request.path_info).url_name
    except Resolver404:
        return False
    return url_name in STEP_URL_NAMES[step]


class SignInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            if two_factor.state(request)["protected"] and idle.too_long(request):
                logout(request)
                messages.info(
                    request, _("You were signed out after a long time without activity. Please sign in again.")
                )
                return self.get_response(request)
            step = two_factor.pending_step(request)
            if step and not _allowed_during(step, request):
                url = reverse(STEP_VIEWS[step])
                return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
