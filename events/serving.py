"""Serving pages in few queries, whatever their depth, and listing only public ones without reading every view
restriction first (Wagtail's PageQuerySet.public() does, a query per call).

Wagtail routes a request one level at a time: each page on the way is read twice (the tree row, then its own
model). The home page instead reads every page on the way in one query (by url_path, which Wagtail keeps in step
with slugs and moves), walks down through the pages that route as plain pages do, and reads the page that answers
with its own fields and the images it shows (`serve_select_related`).

The same first query says whether the site has any view restriction at all. Most sites have none: then the page
needs no view-restriction check and listings no private-section filter (`public(queryset, request)`), and every
query of the request is simpler. The answer is kept on the request (REQUEST_FLAG), where the menu reads it too.
"""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.http import Http404
from wagtail.models import Page, PageViewRestriction

from core import caching
from core.site_urls import RootedAtServedAddressMixin

REQUEST_FLAG = "vitrine_view_restrictions"  # on a request: False when the site has no view restriction at all


def view_restricted():
    """True for a page in a private section, as Wagtail's private_q(): a view restriction on the page or an
    ancestor, whose tree path is a prefix of the page's. Restrictions are few: each is looked at once per page
    (with its page's path by primary key), never the whole page table."""
    restricted_path = Subquery(Page.objects.filter(pk=OuterRef("page_id")).values("path"))
    restrictions = PageViewRestriction.objects.annotate(restricted_path=restricted_path)
    return Exists(restrictions.filter(restricted_path=Substr(OuterRef("path"), 1, Length("restricted_path"))))


def public(queryset, request=None):
    """PageQuerySet.public(), inside the query, or nothing to filter when the request knows the site has no view
    restriction."""
    if request is not None and getattr(request, REQUEST_FLAG, True) is False:
        return queryset
    return queryset.filter(~view_restricted())


def route(root, request, path_components):
    """What Page.route(root, request, path_components) returns, read in two queries (one for the root itself)."""
    if not path_components:
        _note_restrictions(request, root, PageViewRestriction.objects.exists())
        return Page.route(root, request, path_components)
    prefixes = [f"{root.url_path}{'/'.join(path_components[: depth + 1])}/" for depth in range(len(path_components))]
    on_the_way = {}
    pages = Page.objects.filter(url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth)
    for page in pages.annotate(any_restriction=Exists(PageViewRestriction.objects.all())):
        if page.url_path in on_the_way:  # two pages claim one path: let Wagtail's own routing decide
            return Page.route(root, request, path_components)
        on_the_way[page.url_path] = page
    parent, ancestors = root, [root]
    for depth, prefix in enumerate(prefixes):
        page = on_the_way.get(prefix)
        if page is None or page.depth != parent.depth + 1 or not page.path.startswith(parent.path):
            raise Http404
        page._cached_parent_obj = parent
        remaining = path_components[depth + 1 :]
        model = page.specific_class
        if remaining and model is not None and model.route is Page.route:
            parent = page
            ancestors.append(page)
            continue
        specific = _read_specific(page, model)
        specific._cached_parent_obj = parent
        specific.route_ancestors = ancestors  # plain pages, the root first (EventPage.get_campaign reads them)
        _note_restrictions(request, specific, page.any_restriction)
        return specific.route(request, remaining)
    raise Http404  # not reached: the loop returns at the last component


def _note_restrictions(request, page, any_restriction):
    setattr(request, REQUEST_FLAG, any_restriction)
    page.site_has_view_restrictions = any_restriction


def _read_specific(page, model):
    if model is None or not issubclass(model, ServedPageMixin):
        return page.specific
    pages = model._default_manager.all()
    if model.serve_select_related:  # select_related() without names would follow every foreign key
        pages = pages.select_related(*model.serve_select_related)
    try:
        return pages.get(pk=page.pk)
    except model.DoesNotExist as gone:  # deleted since the first query
        raise Http404 from gone


def view_restrictions(page):
    """Page.get_view_restrictions() in one query: restrictions on the page and its ancestors, an alias's taken from
    its original page."""
    paths = [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]
    on_the_way = Page.objects.filter(path__in=paths)
    return PageViewRestriction.objects.filter(
        Q(page__in=on_the_way.filter(alias_of__isnull=True))
        | Q(page__in=on_the_way.filter(alias_of__isnull=False).values("alias_of"))
    )


class ServedPageMixin(RootedAtServedAddressMixin):
    """For page models served through route() above: the images their templates show come with the page, and the
    view-restriction check that Wagtail makes before serving costs no query when the site has no restriction.
    Their absolute URLs use the address the site is served at (core.site_urls)."""

    serve_select_related = ()

    def serve(self, request, *args, **kwargs):
        """Wagtail's serve(); a page whose context says when it changes by the clock alone (`fresh_until`) is
        cached no longer than that (core.caching)."""
        response = super().serve(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        return caching.fresh_until(response, context.get("fresh_until"))

    def get_view_restrictions(self):
        if self.__dict__.get("site_has_view_restrictions") is False:
            return PageViewRestriction.objects.none()
        return view_restrictions(self)
