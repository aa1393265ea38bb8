from django import template
from django.conf import settings
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, PageViewRestriction, Site

from core import shared_fragments

register = template.Library()


@register.inclusion_tag("includes/site_menu.html", takes_context=True)
def site_menu(context):
    """The home page's children marked "show in menus", in tree order, as (title, URL) items: read in one query,
    then kept until the next site-wide purge (core.shared_fragments), which publishing any menu page causes."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site is not None:
        items = shared_fragments.remember(
            "menu", lambda: _menu_items(site, request), site.pk, get_language(), _may_have_restrictions(request)
        )
    return {"items": items, "request": request}


def _may_have_restrictions(request):
    return getattr(request, "vitrine_view_restrictions", True) is not False


def _menu_items(site, request):
    pages = site.root_page.get_children().live().in_menu()
    # Not .public(), which reads every view restriction in a query of its own. The page routing (events.serving)
    # notes on the request whether the site has any; if it may, the same test as a subquery: a restriction on the
    # item or an ancestor, whose path is a prefix of the item's (each restriction looked at by its page's primary
    # key, never the whole page table).
    if _may_have_restrictions(request):
        restricted_path = Subquery(Page.objects.filter(pk=OuterRef("page_id")).values("path"))
        restrictions = PageViewRestriction.objects.annotate(restricted_path=restricted_path)
        prefix = Substr(OuterRef("path"), 1, Length("restricted_path"))
        pages = pages.filter(~Exists(restrictions.filter(restricted_path=prefix)))
    return [{"title": page.title, "url": page.get_url(request)} for page in pages]


@register.filter
def language_links(request):
    """The current page in every interface language: plain links to the prefixed URLs (no form, no cookie)."""
    current = get_language()
    path = request.get_full_path() if request else "/"
    return [
        {
            "code": code,
            "name_local": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
