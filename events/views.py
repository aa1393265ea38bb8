"""Public views that are not pages: calendar files, feeds, robots.txt and site search."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page

from core.ids import read_id
from events.calendar import build_calendar
from events.models import CampaignPage, EventPage
from events.serving import public

CALENDAR_MAX_AGE = 15 * 60


def _calendar_response(events, *, name, filename, request):
    body = build_calendar(events.prefetch_related("sessions"), name=name, request=request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


def _public_events():
    return public(EventPage.objects.live()).order_by("pk")


@require_GET
@cache_control(public=True, max_age=CALENDAR_MAX_AGE)
def event_calendar(request, page_id):
    if read_id(page_id) is None:  # beyond a bigint the database fails rather than finding nothing
        raise Http404
    events = _public_events().filter(pk=page_id)
    event = events.first()
    if event is None:
        raise Http404
    return _calendar_response(events, name=event.title, filename=slugify(event.slug) or "event", request=request)


@require_GET
@cache_control(public=True, max_age=CALENDAR_MAX_AGE)
def campaign_calendar(request, page_id):
    if read_id(page_id) is None:
        raise Http404
    campaign = public(CampaignPage.objects.live()).filter(pk=page_id).first()
    if campaign is None:
        raise Http404
    events = _public_events().descendant_of(campaign)
    return _calendar_response(
        events, name=campaign.title, filename=slugify(campaign.slug) or "campaign", request=request
    )


@require_GET
@cache_control(public=True, max_age=CALENDAR_MAX_AGE)
def site_calendar(request):
    return _calendar_response(_public_events(), name=_("All events"), filename="events", request=request)


@require_GET
@cache_control(public=True, max_age=24 * 60 * 60)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(request, "events/robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")


@require_GET
def search(request):
    # NUL characters end the search backend's SQL string (SQLite) or are refused by PostgreSQL: no word holds one.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    results = None
    if query:
        matches = Page.objects.live().public().specific().search(query)
        paginator = Paginator(matches, 10)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
    context = {"query": query, "results": results, "pagination_query": urlencode({"q": query})}
    return render(request, "events/search.html", context)
