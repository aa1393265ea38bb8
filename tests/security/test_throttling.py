"""Password guessing is throttled by account and by client address on every sign-in form, and so are
password-reset emails; the lockout page says the same whether or not the account exists."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.security.conftest import after_cool_off, fail_sign_ins

LOCKED_TEXT = "Signing in is paused"
SITE_LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def _signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_wrong_passwords_lock_the_account_then_even_the_right_one_is_refused_until_the_cool_off(
    client, staff, settings
):
    limit = settings.VITRINE_SIGNIN_FAILURE_LIMIT
    before = fail_sign_ins(client, SITE_LOGIN, "staff", limit - 1)
    assert before.status_code == 200 and LOCKED_TEXT not in before.content.decode()

    locked = fail_sign_ins(client, SITE_LOGIN, "staff", 1)
    assert locked.status_code == 429
    assert LOCKED_TEXT in locked.content.decode()
    assert "no-store" in locked["Cache-Control"] and locked["Retry-After"] == str(
        settings.VITRINE_SIGNIN_COOLOFF_MINUTES * 60
    )

    right = client.post(SITE_LOGIN, {"username": "staff", "password": "pw"})
    assert right.status_code == 429 and not _signed_in(client)

    after_cool_off(settings)
    assert client.post(SITE_LOGIN, {"username": "staff", "password": "pw"}).status_code == 302
    assert _signed_in(client)


@pytest.mark.django_db
def test_a_locked_account_is_locked_from_every_address(client, staff, settings):
    fail_sign_ins(client, SITE_LOGIN, "staff", settings.VITRINE_SIGNIN_FAILURE_LIMIT, REMOTE_ADDR="203.0.113.5")
    elsewhere = client.post(SITE_LOGIN, {"username": "staff", "password": "pw"}, REMOTE_ADDR="198.51.100.7")
    assert elsewhere.status_code == 429 and not _signed_in(client)


@pytest.mark.django_db
def test_an_address_is_locked_after_more_failures_over_many_accounts(client, staff, settings):
    """A facility's staff may share an address: it locks later than one account does, whatever the accounts."""
    address_limit = settings.VITRINE_SIGNIN_ADDRESS_FAILURE_LIMIT
    assert address_limit > settings.VITRINE_SIGNIN_FAILURE_LIMIT
    for number in range(address_limit - 1):
        response = client.post(SITE_LOGIN, {"username": f"guess{number}", "password": "x"}, REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 200, number
    locked = client.post(SITE_LOGIN, {"username": "guess-last", "password": "x"}, REMOTE_ADDR="203.0.113.9")
    assert locked.status_code == 429

    # The right password of an untouched account from that address waits too; from another address it works.
    right = {"username": "staff", "password": "pw"}
    assert client.post(SITE_LOGIN, right, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert client.post(SITE_LOGIN, right, REMOTE_ADDR="203.0.113.10").status_code == 302


@pytest.mark.django_db
def test_the_lockout_page_is_the_same_for_an_account_that_does_not_exist(client, staff, settings):
    limit = settings.VITRINE_SIGNIN_FAILURE_LIMIT
    real = fail_sign_ins(client, SITE_LOGIN, "staff", limit, REMOTE_ADDR="203.0.113.1")
    ghost = fail_sign_ins(client, SITE_LOGIN, "nobody-here", limit, REMOTE_ADDR="203.0.113.2")
    assert real.status_code == ghost.status_code == 429
    assert real.content.replace(b"staff", b"X") == ghost.content.replace(b"nobody-here", b"X")


@pytest.mark.django_db
def test_the_lockout_page_is_translated(client, staff, settings):
    locked = fail_sign_ins(client, "/ru" + SITE_LOGIN, "staff", settings.VITRINE_SIGNIN_FAILURE_LIMIT)
    assert locked.status_code == 429
    assert '<html lang="ru"' in locked.content.decode()


@pytest.mark.django_db
def test_the_wagtail_admin_sign_in_is_throttled_too(client, officer, settings):
    locked = fail_sign_ins(client, ADMIN_LOGIN, "officer", settings.VITRINE_SIGNIN_FAILURE_LIMIT)
    assert locked.status_code == 429 and LOCKED_TEXT in locked.content.decode()
    assert client.post(ADMIN_LOGIN, {"username": "officer", "password": "pw"}).status_code == 429
    # Failures on either form count together: the site's form is locked for that account as well.
    assert client.post(SITE_LOGIN, {"username": "officer", "password": "pw"}).status_code == 429
    assert not _signed_in(client)


@pytest.mark.django_db
def test_password_reset_emails_are_throttled_per_email_address(client, officer, settings):
    url = reverse("wagtailadmin_password_reset")
    for _ in range(settings.VITRINE_PASSWORD_RESET_PER_EMAIL):
        assert client.post(url, {"email": officer.email}).status_code == 302
    sent = len(mail.outbox)
    assert sent == settings.VITRINE_PASSWORD_RESET_PER_EMAIL

    refused = client.post(url, {"email": officer.email.upper()}, REMOTE_ADDR="198.51.100.8")
    assert refused.status_code == 429 and "Too many requests" in refused.content.decode()
    assert len(mail.outbox) == sent


@pytest.mark.django_db
def test_password_reset_emails_are_throttled_per_client_address(client, officer, settings):
    url = reverse("wagtailadmin_password_reset")
    for number in range(settings.VITRINE_PASSWORD_RESET_PER_ADDRESS):
        assert client.post(url, {"email": f"someone{number}@example.org"}).status_code == 302
    # Even the address of a real account gets no email from that client now.
    assert client.post(url, {"email": officer.email}).status_code == 429
    assert mail.outbox == []
