"""When content changes, the page cache and any CDN in front forget the pages that show it (core.caching).

- a page published or unpublished: the page, the pages that list it and the site-wide paths (feeds, calendars);
  everything when it is the home page or one of its children (shown in the site menu, or just taken out of it);
- a live page moved, renamed (its slug) or deleted: everything (its URL and those of its subpages changed or went away);
- a model shown on many pages changed or deleted (VITRINE_PAGE_CACHE_PURGE_MODELS: the site identity, people,
  facility and region names): everything;
- a view restriction added, changed or removed: everything (a section made private leaves every cached copy).
The page cache forgets at once and again after the commit; the CDN after the commit (core.caching.purge_pages).
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.caching import cdn_configured, purge_everything, purge_page_and_listings


def _page_changed(sender, instance, **kwargs):
    if instance.depth <= 3:  # the home page or its children: the site menu, which every page shows, may change
        purge_everything()
    else:
        purge_page_and_listings(instance)


def _page_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if url_path_before != url_path_after:
        purge_everything()


def _slug_changed(sender, instance, **kwargs):
    purge_everything()  # the old URLs of the page and its subpages


def _page_deleted(sender, instance, **kwargs):
    if not instance.live:
        return
    urls = []
    if cdn_configured():  # its URLs must be known now: after the delete the page has none
        urls = [url for page in (instance, *instance.get_descendants().live()) if (url := page.get_full_url())]
    purge_everything(urls)


def _shown_everywhere_changed(sender, created=False, **kwargs):
    if not created:  # a new row is not shown anywhere yet (a new site identity holds the defaults pages showed)
        purge_everything()


def _restrictions_changed(sender, **kwargs):
    purge_everything()


def connect():
    page_published.connect(_page_changed, dispatch_uid="vitrine-cache-published")
    page_unpublished.connect(_page_changed, dispatch_uid="vitrine-cache-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="vitrine-cache-moved")
    page_slug_changed.connect(_slug_changed, dispatch_uid="vitrine-cache-slug")
    pre_delete.connect(_page_deleted, sender=Page, dispatch_uid="vitrine-cache-deleted")
    post_save.connect(_restrictions_changed, sender=PageViewRestriction, dispatch_uid="vitrine-cache-restriction")
    post_delete.connect(_restrictions_changed, sender=PageViewRestriction, dispatch_uid="vitrine-cache-unrestrict")
    for label in settings.VITRINE_PAGE_CACHE_PURGE_MODELS:
        model = apps.get_model(label)
        post_save.connect(_shown_everywhere_changed, sender=model, dispatch_uid=f"vitrine-cache-save-{label}")
        post_delete.connect(_shown_everywhere_changed, sender=model, dispatch_uid=f"vitrine-cache-delete-{label}")
