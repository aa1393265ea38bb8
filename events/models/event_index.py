from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.ids import read_id, read_whole_number
from events import queries
from events.images import with_renditions
from events.models.campaign import CampaignPage
from events.models.event import EventPage
from events.models.mixins import SharedPageMixin
from events.models.session import EventSession
from events.serving import ServedPageMixin, public


class EventIndexPage(ServedPageMixin, SharedPageMixin, Page):
    """All events of the site: upcoming first, then past; filtered by kind, campaign and year."""

    intro = models.TextField(_("introduction"), blank=True)
    per_page = 12

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["events.HomePage"]
    subpage_types = ["events.EventPage"]
    template = "events/event_index_page.html"

    class Meta:
        verbose_name = _("event index")

    def filter_options(self, request=None):
        years = EventSession.objects.filter(page__live=True).dates("start", "year", order="DESC")
        # Only the kinds that have a public event: a kind with none would only lead to an empty list.
        used = set(public(EventPage.objects.live(), request).order_by().values_list("kind", flat=True).distinct())
        return {
            "kinds": [(value, label) for value, label in EventPage.Kind.choices if value in used],
            "campaigns": public(CampaignPage.objects.live()).order_by("-start_date", "title").only("id", "title"),
            "years": [day.year for day in years],
        }

    def filtered_events(self, params):
        events = public(EventPage.objects.live())
        applied = {}
        kind = params.get("kind")
        if kind in EventPage.Kind.values:
            events = events.filter(kind=kind)
            applied["kind"] = kind
        campaign_id = read_id(params.get("campaign", ""))
        if campaign_id is not None:
            campaign = CampaignPage.objects.live().filter(pk=campaign_id).first()
            if campaign is not None:
                events = events.descendant_of(campaign)
                applied["campaign"] = campaign.pk
        events = queries.in_listing_order(events)
        year = read_whole_number(params.get("year", ""), low=1, high=9999)
        if year is not None:
            events = events.filter(first_start__year=year)
            applied["year"] = year
        return with_renditions(events), applied

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events, applied = self.filtered_events(request.GET)
        paginator = Paginator(events, self.per_page)
        try:
            page_of_events = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_of_events = paginator.page(1)
        except EmptyPage:
            page_of_events = paginator.page(paginator.num_pages)
        query = request.GET.copy()
        query.pop("page", None)
        upcoming_ends = [event.last_end for event in page_of_events if not event.is_past and event.last_end]
        context.update(
            events=page_of_events,
            fresh_until=min(upcoming_ends, default=None),  # an upcoming event becoming past moves down the list
            applied=applied,
            filter_query=query.urlencode(),
            **self.filter_options(request),
        )
        return context
