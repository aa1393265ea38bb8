"""Cache headers for public Wagtail pages, so a proxy or CDN in front of the app servers can serve them.

A visitor without a session cookie gets exactly what every other such visitor gets (nothing on a public page
depends on who is looking, and public pages set no cookie), so the response is public for a few minutes.
With a session cookie, per-user parts may appear (an online event's join link), so the response is private.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.contrib.frontend_cache.utils import PurgeBatch


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and match is not None
            and match.url_name == "wagtail_serve"
            and not response.has_header("Cache-Control")
        ):
            if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=settings.VITRINE_PUBLIC_PAGE_MAX_AGE)
            patch_vary_headers(response, ["Cookie"])
        return response


def purge_pages(pages, urls=()):
    """Tell every configured front-end cache (WAGTAILFRONTENDCACHE: a CDN or proxy in front) to forget these pages
    (with each page's cached paths, see Page.get_cached_paths) and these absolute URLs."""
    batch = PurgeBatch()
    batch.add_pages([page for page in pages if page is not None])
    batch.add_urls(urls)
    batch.purge()
