from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from events import queries
from events.blocks import BodyBlock
from events.images import with_renditions
from events.models.mixins import SharedPageMixin, hero_image_field

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
        from events.models.event import EventPage
        from events.models.story import StoryPage

        context = super().get_context(request, *args, **kwargs)
        events = with_renditions(EventPage.objects.live().public())
        context.update(
            featured_campaign=self.get_featured_campaign(),
            upcoming_events=queries.upcoming(events)[:3],
            exhibition=latest_exhibition(),
            stories=with_renditions(StoryPage.objects.live().public()).order_by("-date", "-pk")[:3],
        )
        return context


class CampaignPage(SharedPageMixin, Page):
    """An outreach campaign, e.g. an international day. Its children are events, contests, exhibitions, stories."""

    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    hero_image = hero_image_field()
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])], heading=_("Dates")),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["events.HomePage"]
    # Children are left open on purpose: events, stories, and gallery's contests and exhibitions.

    class Meta:
        verbose_name = _("campaign")

    def get_context(self, request, *args, **kwargs):
        from events.models.event import EventPage
        from events.models.story import StoryPage

        context = super().get_context(request, *args, **kwargs)
        events = with_renditions(EventPage.objects.child_of(self).live().public())
        context.update(
            upcoming_events=queries.upcoming(events),
            past_events=queries.past(events),
            stories=with_renditions(StoryPage.objects.child_of(self).live().public()).order_by("-date", "-pk"),
            # Contests, exhibitions and whatever else lives here; each may offer listing_status().
            features=self.get_children().live().public().not_type(EventPage, StoryPage).specific(),
        )
        return context
