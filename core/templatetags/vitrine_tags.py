from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/site_menu.html", takes_context=True)
def site_menu(context):
    """The home page's children marked "show in menus", in tree order: one query."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site is not None:
        items = site.root_page.get_children().live().in_menu().public().specific(defer=True)
    return {"items": items, "request": request}


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
