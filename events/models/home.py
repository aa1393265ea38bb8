from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from events import queries, serving
from events.images import attach_renditions
from events.models.campaign import CampaignPage
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
        help_text=_("Empty: the most recent campaign."),
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
        if not hasattr(self, "_featured_campaign"):
            campaigns = public(CampaignPage.objects.live(), request).defer_streamfields().select_related("hero_image")
            campaign = None
            if self.featured_campaign_id:
                campaign = campaigns.filter(pk=self.featured_campaign_id).first()
            self._featured_campaign = campaign or campaigns.order_by("-start_date", "-first_published_at").first()
        return self._featured_campaign

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured_campaign = self.get_featured_campaign(request)
        events = public(EventPage.objects.live(), request).defer_streamfields().select_related("hero_image")
        events = list(queries.upcoming(events)[:3])
        stories = public(StoryPage.objects.live(), request).defer_streamfields().select_related("hero_image")
        stories = list(stories.order_by("-date", "-pk")[:3])
        attach_renditions(
            [featured_campaign and featured_campaign.hero_image] + [item.hero_image for item in [*events, *stories]]
        )
        context.update(
            featured_campaign=featured_campaign,
            upcoming_events=events,
            exhibition=latest_exhibition(request),
            stories=stories,
        )
        return context
