from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from events import queries
from events.blocks import BodyBlock
from events.images import with_renditions
from events.models.event import EventPage
from events.models.mixins import SharedPageMixin, hero_image_field
from events.models.story import StoryPage


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
        context = super().get_context(request, *args, **kwargs)
        events = with_renditions(EventPage.objects.child_of(self).live().public())
        context.update(
            upcoming_events=queries.upcoming(events),
            past_events=queries.past(events),
            stories=with_renditions(StoryPage.objects.child_of(self).live().public()).order_by("-date", "-pk"),
            features=prepare_listings(self.get_children().live().public().not_type(EventPage, StoryPage).specific()),
        )
        return context


def prepare_listings(pages):
    """Contests, exhibitions and whatever else lives under a campaign; each may offer listing_status(). A page
    model that also offers prepare_listing(pages) is asked once for all its pages, so the campaign page makes the
    same number of queries however many there are. Duck typing: events knows nothing of the apps that add them."""
    pages = list(pages)
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, same_model in by_model.items():
        prepare = getattr(model, "prepare_listing", None)
        if prepare is not None:
            prepare(same_model)
    return pages
