"""The full-response cache of public pages for visitors who are not signed in.

Responses live in the configured Django cache (Redis in production, so every app server shares them; local memory
in the embedded default), keyed by scheme, host, language and URL. Invalidation never needs to list the keys:
- every language-neutral path ("/mandela-day/" for "/ru/mandela-day/?page=2" too) has a version token, and a
  response is stored under the version current when it was rendered, so purging a path (`purge_paths`) gives it a
  new token and every stored variant of it (languages, query strings) is unreachable at once;
- one generation token for the whole site, changed by `purge_all` (a page moved, a name shown on every page).
Tokens are kept without expiry; responses expire after VITRINE_PAGE_CACHE_SECONDS, or sooner when the page said
when something on it changes by the clock (core.caching.fresh_until: a contest closing, an event ending).

The cache is an accelerator, never a dependency: when it cannot be reached, pages are rendered as if it were empty.
"""

import hashlib
import logging
import time
import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.translation import get_language_from_path

logger = logging.getLogger(__name__)

GENERATION_KEY = "vitrine:pages:generation"

# Parameters that social networks and newsletters add to shared links: the page does not depend on them, so a
# crowd arriving from a post with a different `fbclid` each is still served from one cached copy.
TRACKING_PARAMETERS = {"fbclid", "gclid", "yclid", "msclkid", "igshid", "mc_cid", "mc_eid", "_ga", "ref", "si"}

# Response headers that belong to one response, never to a stored copy.
UNSTORED_HEADERS = {"set-cookie", "date", "age", "x-cache"}


def store_backend():
    return caches[settings.VITRINE_PAGE_CACHE_ALIAS]


def digest(*parts):
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=20).hexdigest()


def split_language(path):
    """("ru", "/mandela-day/") for "/ru/mandela-day/"; the default language for a path without a prefix."""
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return language, path[len(language) + 1 :]
    return settings.LANGUAGE_CODE, path


def _version_key(neutral_path):
    return f"vitrine:pages:path:{digest(neutral_path)}"


def _normalised_query(query_string):
    pairs = [
        (name, value)
        for name, value in parse_qsl(query_string, keep_blank_values=True)
        if name not in TRACKING_PARAMETERS and not name.startswith("utm_")
    ]
    return urlencode(sorted(pairs))


def _response_key(request, tokens):
    language, neutral_path = split_language(request.path)
    return "vitrine:pages:response:" + digest(
        *tokens,
        request.scheme,
        request.get_host(),
        language,
        request.path,
        _normalised_query(request.META.get("QUERY_STRING", "")),
    )


def _current_tokens(request):
    version_key = _version_key(split_language(request.path)[1])
    found = store_backend().get_many([GENERATION_KEY, version_key])
    return (found.get(GENERATION_KEY, "0"), found.get(version_key, "0"))


def lookup(request):
    """The stored response for this request, with an Age header, or None (and the key to store under)."""
    try:
        key = _response_key(request, _current_tokens(request))
        stored = store_backend().get(key)
    except Exception:  # noqa: BLE001 - an unreachable cache means an uncached page, not an error page
        logger.warning("The page cache could not be read; serving without it.", exc_info=True)
        return None, None
    if stored is None:
        return None, key
    status, headers, content, stored_at = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["Age"] = str(max(0, int(time.time() - stored_at)))
    return response, key


def store(key, response, seconds=None):
    """Keep the response for `seconds` (VITRINE_PAGE_CACHE_SECONDS by default)."""
    headers = [(name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS]
    try:
        store_backend().set(
            key,
            (response.status_code, headers, response.content, time.time()),
            settings.VITRINE_PAGE_CACHE_SECONDS if seconds is None else seconds,
        )
    except Exception:  # noqa: BLE001 - see lookup()
        logger.warning("The page cache could not be written.", exc_info=True)


def purge_paths(urls):
    """Forget every stored response of these URLs or paths, in every language and with any query string."""
    neutral_paths = {split_language(urlsplit(url).path or "/")[1] for url in urls}
    if not neutral_paths:
        return
    try:
        store_backend().set_many({_version_key(path): uuid.uuid4().hex for path in neutral_paths}, None)
    except Exception:  # noqa: BLE001 - the cache is down: nothing stored can be served either
        logger.warning("The page cache could not be purged.", exc_info=True)


def purge_all():
    """Forget every stored response (a change shown on every page, or one that moves many URLs)."""
    try:
        store_backend().set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:  # noqa: BLE001 - see purge_paths()
        logger.warning("The page cache could not be purged.", exc_info=True)


def content_digest(content):
    """A short digest of a response body: its ETag, so a browser revalidating an unchanged page gets a 304."""
    return hashlib.blake2b(content, digest_size=16).hexdigest()
