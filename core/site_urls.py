"""Absolute links to pages use the address the site is served at, never the host name stored on Wagtail's Site
row (the database skeleton has "localhost", port 80): the request's own scheme and host where there is a request
(the sitemap, calendar files, feeds, structured data), and BASE_URL (WAGTAILADMIN_BASE_URL) where there is none
(emails, background tasks, CDN purges). `make run` on another port therefore links to that port, and production
takes its address from configuration."""

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Site


def root_url_for(site_id, stored_root_url, request=None):
    """The root URL of the site with this id: the request's origin when the request is for that site, BASE_URL for
    the default site without a request, else what the Site row says (a second site with its own host name)."""
    if isinstance(request, HttpRequest):
        site = Site.find_for_request(request)
        if site is not None and site.pk == site_id:
            return f"{request.scheme}://{request.get_host()}"
        return stored_root_url
    default = _default_site_id()
    if default is not None and default == site_id:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return stored_root_url


def _default_site_id():
    root_paths = Site.get_site_root_paths()  # cached by Wagtail: no query after the first
    sites = {path.site_id for path in root_paths}
    if len(sites) == 1:
        return next(iter(sites))
    return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


def page_urls(page):
    """A page's full URL and those of its cached paths (an exhibition's work pages), at the public address: what
    Wagtail's frontend-cache PurgeBatch.add_page() lists, for any page object, plain Page ones included."""
    parts = page.get_url_parts()  # rooted again here: plain Page objects do not have the mixin below
    if parts is None or parts[1] is None:
        return []
    site_id, root_url, page_path = parts
    page_url = root_url_for(site_id, root_url) + page_path
    return [page_url + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()]


class RootedAtServedAddressMixin:
    """For page models: get_url_parts() (so full_url, get_full_url(), the sitemap) with root_url_for()."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request=request)
        if parts is None or parts[1] is None:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url_for(site_id, root_url, request), page_path
