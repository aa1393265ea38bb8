"""The client's address: X-Forwarded-For is believed only behind the configured number of trusted proxies, and
only the part those proxies wrote."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory

from core.signin.client_ip import client_ip
from tests.security.conftest import fail_sign_ins

SITE_LOGIN = "/accounts/login/"


def _ip(settings, proxies, remote, forwarded=None):
    settings.VITRINE_TRUSTED_PROXIES = proxies
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **extra))


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    assert _ip(settings, 0, "203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_behind_one_proxy_the_address_it_appended_is_the_client(settings):
    # The client sent a made-up header; the proxy appended the address it was reached from.
    assert _ip(settings, 1, "10.0.0.2", "1.2.3.4, 203.0.113.7") == "203.0.113.7"
    assert _ip(settings, 1, "10.0.0.2", "203.0.113.7") == "203.0.113.7"


def test_behind_two_proxies_the_second_address_from_the_right_is_the_client(settings):
    assert _ip(settings, 2, "10.0.0.2", "1.2.3.4, 203.0.113.7, 10.0.0.9") == "203.0.113.7"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", " , ", "203.0.113.7\x00", "٣.٣.٣.٣"])
def test_a_missing_or_malformed_header_falls_back_to_the_connecting_address(settings, forwarded):
    assert _ip(settings, 1, "10.0.0.2", forwarded) == "10.0.0.2"


def test_ipv6_addresses_are_read(settings):
    assert _ip(settings, 1, "::1", "2001:db8::1") == "2001:db8::1"


@pytest.mark.django_db
def test_a_spoofed_header_does_not_move_failures_to_another_address(client, staff, settings):
    """Without a trusted proxy, an attacker who changes X-Forwarded-For on every try is still one address."""
    settings.VITRINE_TRUSTED_PROXIES = 0
    for number in range(3):
        client.post(
            SITE_LOGIN,
            {"username": "staff", "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_client_is_counted_on_its_own(client, staff, settings):
    """Behind the proxy every request comes from its address: the header tells clients apart, so one client's
    failures do not lock the others out."""
    settings.VITRINE_TRUSTED_PROXIES = 1
    limit = settings.VITRINE_SIGNIN_ADDRESS_FAILURE_LIMIT
    for number in range(limit):
        client.post(
            SITE_LOGIN,
            {"username": f"guess{number}", "password": "x"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    attacker = fail_sign_ins(
        client, SITE_LOGIN, "guess-more", 1, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66"
    )
    assert attacker.status_code == 429
    colleague = client.post(
        SITE_LOGIN, {"username": "staff", "password": "pw"}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.3"
    )
    assert colleague.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.66"}
