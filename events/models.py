from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """The site's front page."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")


class CampaignPage(Page):
    """An outreach campaign, e.g. an international day. Its children are events, contests, exhibitions, stories."""

    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("summary")]
    parent_page_types = ["events.HomePage"]

    class Meta:
        verbose_name = _("campaign")
