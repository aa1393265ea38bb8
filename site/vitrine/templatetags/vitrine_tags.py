from django import template
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
