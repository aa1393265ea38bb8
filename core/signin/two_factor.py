"""Two-factor sign-in for officers and judges (django-otp): an authenticator app (TOTP) and ten one-time
recovery codes.

A password alone then opens nothing: after it, every page but the code page (and signing out) sends the person to
enter a code. With VITRINE_REQUIRE_2FA, an officer or judge without an authenticator is sent to set one up first.
Wrong codes slow the next try down (django-otp's back-off per device: 1, 2, 4, 8 ... seconds).
"""

import re
from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
STATE_KEY = "vitrine.signin"
TOTP_CODE = re.compile(r"[0-9]{6}")
RECOVERY_CODE = re.compile(r"[a-z2-7]{8}")


def is_protected(user):
    """Officers and judges (and superusers): the accounts worth most to an attacker."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(user.has_perm(perm) for perm in settings.VITRINE_SIGNIN_PROTECTED_PERMISSIONS)


def authenticator(user, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def work_out_state(user):
    return {"protected": is_protected(user), "device": authenticator(user) is not None}


def state(request):
    """What this session needs to know of its person: set when signing in (core.signin.signals), worked out here
    for a session from before."""
    known = request.session.get(STATE_KEY)
    if known is None:
        known = request.session[STATE_KEY] = work_out_state(request.user)
    return known


def pending_step(request):
    """ "verify" (a code is still owed), "enrol" (an authenticator is required and missing) or None."""
    known = state(request)
    if not known["protected"] and is_protected(request.user):  # a role given during this session counts at once
        known = request.session[STATE_KEY] = work_out_state(request.user)
    if known["device"] and DEVICE_ID_SESSION_KEY not in request.session:
        if authenticator(request.user) is not None:
            return "verify"
        known = request.session[STATE_KEY] = {**known, "device": False}  # reset by an administrator meanwhile
    if not known["device"] and known["protected"] and settings.VITRINE_REQUIRE_2FA:
        return "enrol"
    return None


def _mark_verified(request, device):
    otp_login(request, device)
    request.session.cycle_key()  # a new session key for the fully signed-in session
    request.session[STATE_KEY] = {**state(request), "device": True}


def new_secret_device(user):
    """The authenticator being set up: kept until confirmed, so reloading the page shows the same QR code."""
    device = authenticator(user, confirmed=False)
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def qr_svg(device):
    """The otpauth:// address as an inline SVG QR code, made here (no external service sees the secret)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2)


def secret_text(device):
    """The secret in base32 groups of four, for typing into an app that cannot scan."""
    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def new_recovery_codes(user):
    """Replace the person's recovery codes with ten new ones and return them (shown once, stored as given)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def normalise(code):
    return re.sub(r"[\s-]", "", code or "").lower()


def confirm_enrolment(request, device, code):
    """Confirm the new authenticator with a code from it; returns the recovery codes, or None for a wrong code."""
    code = normalise(code)
    if not TOTP_CODE.fullmatch(code):
        return None
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(pk=device.pk, confirmed=False).first()
        if device is None or not device.verify_token(code):  # gone meanwhile (confirmed in another tab), or wrong
            return None
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(device.user)
    _mark_verified(request, device)
    return codes


def verify(request, code):
    """Check a code from the authenticator or a recovery code (used up). Returns (verified, wait_until)."""
    user = request.user
    code = normalise(code)
    if TOTP_CODE.fullmatch(code):
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    elif RECOVERY_CODE.fullmatch(code):
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    else:
        return False, None
    wait_until = None
    with transaction.atomic():
        for device in devices.select_for_update().order_by("pk"):
            allowed, details = device.verify_is_allowed()
            if not allowed:
                wait_until = details.get("locked_until")
                continue
            if device.verify_token(code):
                _mark_verified(request, device)
                return True, None
    return False, wait_until
