from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from events import front_door, queries, serving
from events.images import attach_renditions
from events.models.event import EventPage
from events.models.mixins import SharedPageMixin
from events.models.story import StoryPage
from events.serving import ServedPageMixin, public

EXHIBITION_MODEL_NAME = (
    "exhibitionpage"  # gallery's ExhibitionPage, found by content type: events never imports gallery
)


def latest_exhibition(request=None):
    """The most recently published live exhibition of any app, or None: read from the exhibition model itself
    (found by name), in one query."""
    found = [
        public(model.objects.live(), request).order_by("-first_published_at").first()
        for model in apps.get_models()
        if issubclass(model, Page) and model._meta.model_name == EXHIBITION_MODEL_NAME
    ]
    found = [exhibition for exhibition in found if exhibition is not None]
    return max(found, key=lambda exhibition: exhibition.first_published_at) if found else None


class HomePage(ServedPageMixin, SharedPageMixin, Page):
    """The site's front page."""

    intro = models.TextField(_("introduction"), blank=True)
    featured_campaign = models.ForeignKey(
        "events.CampaignPage",
        verbose_name=_("featured campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Leads the home page while it has not ended. Empty: the campaign under way, or the next one to start."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("featured_campaign")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    @property
    def share_image(self):
        campaign = self.get_featured_campaign()
        return campaign.hero_image if campaign else None

    def route(self, request, path_components):
        return serving.route(self, request, path_components)

    def get_featured_campaign(self, request=None):
        """The campaign the home page leads with (front_door.campaigns_by_state), else the latest that ended."""
        if not hasattr(self, "_campaigns"):
            self._campaigns = front_door.campaigns_by_state(self, request)
        lead, finished = self._campaigns
        return lead or (finished[0] if finished else None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        if not hasattr(self, "_campaigns"):
            self._campaigns = front_door.campaigns_by_state(self, request, now)
        lead, finished = self._campaigns
        open_contests = front_door.open_features(lead, request, now) if lead else []
        events = public(EventPage.objects.live(), request).defer_streamfields().select_related("hero_image")
        events = list(queries.upcoming(events, now)[:3])
        stories = public(StoryPage.objects.live(), request).defer_streamfields().select_related("hero_image")
        stories = list(stories.order_by("-date", "-pk")[:3])
        attach_renditions(
            [campaign.hero_image for campaign in [lead, *finished] if campaign]
            + [item.hero_image for item in [*events, *stories]]
        )
        context.update(
            lead_campaign=lead,
            lead_is_live=bool(open_contests) or (lead is not None and front_door.is_running(lead, now)),
            open_contests=open_contests,
            finished_campaigns=finished,
            upcoming_events=events,
            exhibition=latest_exhibition(request),
            stories=stories,
            # What makes this page change by the clock alone: the page cache keeps it no longer (core.caching).
            fresh_until=front_door.changes_at([lead, *finished], open_contests, events, now),
        )
        return context
