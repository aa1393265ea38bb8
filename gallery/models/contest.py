from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class ContestPage(Page):
    """An art or photo contest inside a campaign: rules, who may enter, when, and how many works."""

    code = models.CharField(
        _("reference code"),
        max_length=8,
        unique=True,
        help_text=_("Short prefix of entry references, e.g. MD20 gives MD20-KAR1-0007."),
    )
    theme = models.CharField(_("theme"), max_length=255, blank=True)
    rules = RichTextField(_("rules"), blank=True)
    opens_at = models.DateTimeField(_("submissions open"))
    closes_at = models.DateTimeField(_("submissions close"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Almaty")
    eligible_facilities = ParentalManyToManyField(
        "gallery.Facility", verbose_name=_("eligible facilities"), blank=True, related_name="contests"
    )
    eligible_regions = ParentalManyToManyField(
        "gallery.Region", verbose_name=_("eligible regions"), blank=True, related_name="contests"
    )
    max_entries_per_facility = models.PositiveSmallIntegerField(_("maximum entries per facility"), default=10)
    consent_statement = models.TextField(
        _("consent statement"), help_text=_("What facility staff confirm for every entry.")
    )
    number_of_winners = models.PositiveSmallIntegerField(_("number of winners"), default=10)

    content_panels = Page.content_panels + [
        FieldPanel("code"),
        FieldPanel("theme"),
        FieldPanel("rules"),
        MultiFieldPanel(
            [FieldPanel("opens_at"), FieldPanel("closes_at"), FieldPanel("time_zone")], heading=_("Submission period")
        ),
        MultiFieldPanel(
            [FieldPanel("eligible_facilities"), FieldPanel("eligible_regions"), FieldPanel("max_entries_per_facility")],
            heading=_("Who may enter"),
        ),
        FieldPanel("consent_statement"),
        FieldPanel("number_of_winners"),
    ]
    parent_page_types = ["events.CampaignPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("contest")
