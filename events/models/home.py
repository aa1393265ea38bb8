from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from events import queries
from events.images import with_renditions
from events.models.campaign import CampaignPage
from events.models.event import EventPage
from events.models.mixins import SharedPageMixin
from events.models.story import StoryPage

EXHIBITION_MODEL_NAME = (
    "exhibitionpage"  # gallery's ExhibitionPage, found by content type: events never imports gallery
)


def latest_exhibition():
    """The most recently published live exhibition of any app, or None."""
    exhibition = (
        Page.objects.live()
        .public()
        .filter(content_type__model=EXHIBITION_MODEL_NAME)
        .order_by("-first_published_at")
        .first()
    )
    return exhibition.specific if exhibition else None


class HomePage(SharedPageMixin, Page):
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

    def get_featured_campaign(self):
        if not hasattr(self, "_featured_campaign"):
            campaigns = with_renditions(CampaignPage.objects.live().public())
            campaign = None
            if self.featured_campaign_id:
                campaign = campaigns.filter(pk=self.featured_campaign_id).first()
            self._featured_campaign = campaign or campaigns.order_by("-start_date", "-first_published_at").first()
        return self._featured_campaign

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = with_renditions(EventPage.objects.live().public())
        context.update(
            featured_campaign=self.get_featured_campaign(),
            upcoming_events=queries.upcoming(events)[:3],
            exhibition=latest_exhibition(),
            stories=with_renditions(StoryPage.objects.live().public()).order_by("-date", "-pk")[:3],
        )
        return context
