"""Public pages for visitors who are not signed in: how they may be cached, the server's own cache of them, and
purging both it and any CDN or proxy in front when content changes.

A visitor without a session gets exactly what every other such visitor gets (nothing on a public page depends on
who is looking, and public pages set no cookie), so such responses are `Cache-Control: public` for a few minutes
and are kept in the page cache (core.page_cache). With a session, per-user parts may appear (an online event's join
link): the response is private, and neither read from nor written to the cache.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control, patch_vary_headers
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

from core import page_cache
from core.site_urls import page_urls, root_url_for

# A response that varies on anything else than these may differ between two anonymous visitors of one URL.
HARMLESS_VARY = {"cookie", "accept-language", "accept-encoding"}


FRESH_UNTIL = "vitrine_fresh_until"  # attribute of a response: when what it shows changes by the clock alone


def fresh_until(response, moment):
    """Say that a page shows something that changes at `moment` by the clock alone (a contest closing, an event
    ending): neither the page cache nor a proxy keeps it past that moment. None: nothing such."""
    if moment is None:
        return response
    current = getattr(response, FRESH_UNTIL, None)
    setattr(response, FRESH_UNTIL, moment if current is None else min(current, moment))
    return response


def _lifetime(response, limit):
    """`limit` seconds, or fewer when the response said when it goes stale (fresh_until)."""
    moment = getattr(response, FRESH_UNTIL, None)
    if moment is None:
        return limit
    return max(0, min(limit, int((moment - timezone.now()).total_seconds())))


def _bypasses_cache(request):
    """Requests that may see something personal (signed in, a pending message, credentials) or are not reads."""
    if request.method not in ("GET", "HEAD") or settings.VITRINE_PAGE_CACHE_SECONDS <= 0:
        return True
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    personal_cookies = (settings.SESSION_COOKIE_NAME, *settings.VITRINE_PAGE_CACHE_BYPASS_COOKIES)
    if any(name in request.COOKIES for name in personal_cookies):
        return True
    neutral_path = page_cache.split_language(request.path)[1]
    return neutral_path.startswith(tuple(settings.VITRINE_PAGE_CACHE_EXCLUDED_PREFIXES))


def _may_store(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "_csp_nonce", None):  # a CSP nonce is for one response: replayed, it would protect nothing
        return False
    directives = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    if "public" not in directives or directives & {"private", "no-store", "no-cache"}:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
    return vary <= HARMLESS_VARY


def _declare_caching(request, response):
    """Say how a response that did not say so itself may be cached: public pages are public for visitors without
    a session; anything else a signed-in visitor gets (a facility's entry, a judge's queue) is for their browser
    only and is not kept, so a shared proxy or computer never holds it."""
    if response.has_header("Cache-Control"):
        return
    match = getattr(request, "resolver_match", None)
    public_view = match is not None and match.url_name in settings.VITRINE_PUBLIC_URL_NAMES
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
    if public_view and request.method in ("GET", "HEAD") and response.status_code == 200:
        if signed_in or response.cookies:
            patch_cache_control(response, private=True, no_store=True)
        else:
            max_age = _lifetime(response, settings.VITRINE_PUBLIC_PAGE_MAX_AGE)
            patch_cache_control(response, public=True, max_age=max_age)
        patch_vary_headers(response, ["Cookie"])
    elif signed_in or page_cache.split_language(request.path)[1].startswith(("/portal/", "/judging/")):
        patch_cache_control(response, private=True, no_store=True)


class PublicPageCacheMiddleware:
    """Serves public pages to visitors without a session from the page cache, and fills it.

    It sits before the session, locale and authentication middleware, so a cached page costs two cache reads and
    no database query. An `X-Cache: hit|miss` header says which it was; an ETag lets browsers revalidate.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _bypasses_cache(request):
            response = self.get_response(request)
            _declare_caching(request, response)
            return response
        cached, key = page_cache.lookup(request)
        if cached is not None:
            cached["X-Cache"] = "hit"
            return get_conditional_response(request, etag=cached.get("ETag"), response=cached)
        response = self.get_response(request)
        _declare_caching(request, response)
        lifetime = _lifetime(response, settings.VITRINE_PAGE_CACHE_SECONDS)
        if key is not None and lifetime > 0 and _may_store(request, response):
            if not response.has_header("ETag"):
                response["ETag"] = f'"{page_cache.content_digest(response.content)}"'
            page_cache.store(key, response, lifetime)
            response["X-Cache"] = "miss"
        return response


def site_wide_paths():
    """Paths outside the page tree that show pages (the sitemap, and what apps add through their hooks)."""
    paths = {"/sitemap.xml"}
    for hook in hooks.get_hooks("page_cache_site_wide_paths"):
        paths.update(hook())
    return paths


def pages_showing(page):
    """A page, the pages that list it (its ancestors, and the site-wide listings that apps register through the
    `page_cache_listing_pages` hook, e.g. the home page and the event index), in no particular order."""
    pages = {page.pk: page}
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        pages[ancestor.pk] = ancestor
    for hook in hooks.get_hooks("page_cache_listing_pages"):
        for listing in hook():
            pages[listing.pk] = listing
    return list(pages.values())


def _in_every_language(urls):
    """Each URL under every interface language's prefix (English has none), as i18n_patterns serve it."""
    variants = set()
    for url in urls:
        parts = urlsplit(url)
        neutral_path = page_cache.split_language(parts.path or "/")[1]
        for code, _name in settings.LANGUAGES:
            prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
            variants.add(urlunsplit(parts._replace(path=prefix + neutral_path)))
    return variants


def _absolute(paths):
    # The addresses pages are served at, as their own URLs say (core.site_urls): BASE_URL for the default site.
    roots = {root_url_for(site.pk, site.root_url) for site in Site.objects.all()} or {settings.WAGTAILADMIN_BASE_URL}
    return {root.rstrip("/") + path for root in roots for path in paths}


def purge_pages(pages, urls=()):
    """Forget these pages (with each page's cached paths, see Page.get_cached_paths) and these URLs or site paths,
    in the page cache and in every configured front-end cache (WAGTAILFRONTENDCACHE: a CDN or proxy in front).

    The page cache forgets them at once and again when the transaction commits, so a page rendered from the old
    data in between is not kept; the CDN is told after the commit (its purge is a background task)."""
    batch = PurgeBatch()
    batch.add_urls(url for page in pages if page is not None for url in page_urls(page))
    batch.add_urls(_absolute([url for url in urls if url.startswith("/")]))
    batch.add_urls(url for url in urls if not url.startswith("/"))
    page_cache.purge_paths(batch.urls)
    transaction.on_commit(lambda: _purge_after_commit(batch.urls))


def _purge_after_commit(urls, everything=False):
    if everything:
        page_cache.purge_all()
    page_cache.purge_paths(urls)
    if cdn_configured() and urls:
        PurgeBatch(_in_every_language(urls)).purge()


def purge_page_and_listings(page):
    """After a page changed: it, the pages that show it, and the site-wide paths (feeds, calendars, sitemap)."""
    purge_pages(pages_showing(page), urls=site_wide_paths())


def purge_everything(urls=()):
    """After a change shown on every page (site identity, a name in a snippet) or one that moved or removed URLs
    (`urls`: the old ones, for the CDN; the page cache forgets everything anyway)."""
    page_cache.purge_all()
    urls = set(urls)
    if cdn_configured():  # listing every page's URLs is only worth it for a CDN
        batch = PurgeBatch()
        for page in Page.objects.live().filter(depth__gt=1).specific(defer=True):
            batch.add_urls(page_urls(page))
        urls |= batch.urls | _absolute(site_wide_paths())
    transaction.on_commit(lambda: _purge_after_commit(urls, everything=True))


def cdn_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))
