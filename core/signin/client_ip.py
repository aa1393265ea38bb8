"""The client's address, read correctly behind a known number of trusted proxies.

Each trusted proxy appends the address it was reached from to X-Forwarded-For, so behind N proxies the client is
the N-th address from the right; whatever stands further left was written by the client and is ignored. With no
trusted proxy the header is ignored altogether: anyone can send it.
"""

import ipaddress

from django.conf import settings


def _address(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's IP address as text (REMOTE_ADDR when the proxies' header is missing, short or malformed)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.VITRINE_TRUSTED_PROXIES
    if proxies > 0:
        chain = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(chain) >= proxies:
            forwarded = _address(chain[-proxies])
            if forwarded:
                return forwarded
    return _address(remote) or remote
