"""What the page cache stores and for whom: only public answers to visitors without a session, never a response
that sets a cookie or varies by visitor, never the portal, judging or the admin, and never when it is turned off."""

import pytest

from tests.foundation import page_cache_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.foundation.page_cache_urls")]


@pytest.fixture(autouse=True)
def _counts():
    page_cache_urls.calls.clear()


def _twice(client, url, **extra):
    first, second = client.get(url, **extra), client.get(url, **extra)
    return first, second


def test_a_public_answer_is_rendered_once_and_then_served_from_the_cache(client):
    first, second = _twice(client, "/plain/")
    assert first.content == second.content == b"plain 1"
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert page_cache_urls.calls["plain"] == 1
    assert int(second["Age"]) >= 0 and second["ETag"] == first["ETag"]


def test_a_browser_revalidating_an_unchanged_page_gets_a_304(client):
    etag = client.get("/plain/")["ETag"]
    response = client.get("/plain/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""


def test_tracking_parameters_share_one_copy_but_real_parameters_do_not(client):
    client.get("/plain/?fbclid=first&utm_source=x")
    assert client.get("/plain/?fbclid=second")["X-Cache"] == "hit"
    assert client.get("/plain/?page=2")["X-Cache"] == "miss"
    assert client.get("/plain/?page=2&utm_medium=social")["X-Cache"] == "hit"
    assert page_cache_urls.calls["plain"] == 2


@pytest.mark.parametrize(
    "url, view",
    [
        ("/sets-cookie/", "sets_cookie"),
        ("/varies/", "varies_by_agent"),
        ("/private/", "private"),
        ("/undeclared/", "undeclared"),
        ("/not-found/", "not_found"),
        ("/with-nonce/", "with_nonce"),  # a CSP nonce replayed to every visitor would protect nothing
        ("/portal/public/", "plain"),
        ("/admin/public/", "plain"),
        ("/judging/public/", "plain"),
        ("/ru/portal/public/", "plain"),
        ("/accounts/public/", "plain"),
    ],
)
def test_personal_undeclared_failed_and_staff_answers_are_never_stored(client, url, view):
    first, second = _twice(client, url)
    assert page_cache_urls.calls[view] == 2
    assert "X-Cache" not in first and "X-Cache" not in second


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_visitors_with_a_session_or_a_pending_message_are_never_served_a_stored_page(client, cookie):
    client.get("/plain/")
    client.cookies[cookie] = "anything"
    response = client.get("/plain/")
    assert response.content == b"plain 2" and "X-Cache" not in response
    del client.cookies[cookie]
    assert client.get("/plain/").content == b"plain 1"  # and what they saw was not stored for others


def test_signed_in_answers_are_not_stored_for_anonymous_visitors(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    client.get("/plain/")
    client.logout()
    client.cookies.clear()
    assert client.get("/plain/").content == b"plain 2"


def test_credentials_and_writes_bypass_the_cache(client):
    client.get("/plain/")
    assert client.get("/plain/", HTTP_AUTHORIZATION="Basic eDp5").content == b"plain 2"
    assert client.post("/plain/").content == b"plain 3"


def test_turned_off_the_cache_neither_reads_nor_writes(client, settings):
    settings.VITRINE_PAGE_CACHE_SECONDS = 0
    first, second = _twice(client, "/plain/")
    assert page_cache_urls.calls["plain"] == 2 and "X-Cache" not in second


def test_an_unreachable_cache_serves_pages_uncached_instead_of_failing(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    }
    first, second = _twice(client, "/plain/")
    assert first.status_code == second.status_code == 200
    assert page_cache_urls.calls["plain"] == 2
