"""The second factor: setting up an authenticator (QR code made on the server), the code page after the password,
recovery codes. Every page here is personal: private, never stored."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.signin import two_factor
from core.signin.forms import CodeForm


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def _codes_page(request, codes):
    return render(request, "signin/recovery_codes.html", {"codes": codes, "next": _next_url(request)})


@never_cache
@login_required(login_url="login")
@require_http_methods(["GET", "POST"])
def setup(request):
    """Set up an authenticator app: scan the code (or type the secret), confirm with a code from the app."""
    if not two_factor.is_protected(request.user):
        raise PermissionDenied
    if two_factor.authenticator(request.user) is not None:
        # Replacing an authenticator is an administrator's reset (manage.py reset_two_factor), never a password's.
        return render(request, "signin/two_factor_on.html", {"next": _next_url(request)})
    device = two_factor.new_secret_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = two_factor.confirm_enrolment(request, device, form.cleaned_data["code"])
        if codes is not None:
            return _codes_page(request, codes)
        form.add_error("code", _("That code is not right. Check the time on your phone and try the newest code."))
    context = {
        "form": form,
        "qr_svg": two_factor.qr_svg(device),
        "secret": two_factor.secret_text(device),
        "next": _next_url(request),
    }
    return render(request, "signin/two_factor_setup.html", context, status=400 if form.errors else 200)


@never_cache
@login_required(login_url="login")
@require_http_methods(["GET", "POST"])
def verify(request):
    """The code owed after the password: from the authenticator app, or one of the recovery codes."""
    if two_factor.pending_step(request) != "verify":
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        verified, wait_until = two_factor.verify(request, form.cleaned_data["code"])
        if verified:
            return redirect(_next_url(request))
        if wait_until is not None:
            seconds = max(1, int((wait_until - timezone.now()).total_seconds()) + 1)
            form.add_error(
                "code", _("Too many wrong codes. Wait %(seconds)s seconds, then try again.") % {"seconds": seconds}
            )
        else:
            form.add_error("code", _("That code is not right."))
    return render(
        request,
        "signin/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required(login_url="login")
@require_POST
def recovery_codes(request):
    """Ten new recovery codes, for a person signed in with their second factor; the old ones stop working."""
    if two_factor.authenticator(request.user) is None or not request.user.is_verified():
        raise PermissionDenied
    return _codes_page(request, two_factor.new_recovery_codes(request.user))
