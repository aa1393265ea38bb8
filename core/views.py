"""View helpers shared by the apps' own screens."""

from django.contrib import messages
from django.shortcuts import redirect

from core.errors import DomainError


def run_service(request, action, *, success, redirect_to, failure_redirect_to=None):
    """Call a domain service, show its refusal or `success` as a message, then redirect.

    `action` takes no argument; `success` is a message or a callable given the action's result;
    redirect targets are what django.shortcuts.redirect accepts.
    """
    try:
        result = action()
    except DomainError as refused:
        messages.error(request, str(refused))
        return redirect(failure_redirect_to or redirect_to)
    messages.success(request, success(result) if callable(success) else success)
    return redirect(redirect_to)
