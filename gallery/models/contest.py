from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from gallery.forms import ContestPageForm

# Formats as Pillow names them; HEIF covers HEIC photos from phones.
IMAGE_FORMAT_CHOICES = [("JPEG", "JPEG"), ("PNG", "PNG"), ("WEBP", "WebP"), ("HEIF", "HEIC/HEIF")]
DEFAULT_IMAGE_FORMATS = "JPEG,PNG,WEBP,HEIF"


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

    accepted_formats = models.CharField(
        _("accepted image formats"),
        max_length=40,
        default=DEFAULT_IMAGE_FORMATS,
        help_text=_("Comma-separated: JPEG, PNG, WEBP, HEIF. HEIC photos are stored as JPEG."),
    )
    max_upload_megabytes = models.PositiveSmallIntegerField(
        _("maximum file size (MB)"), null=True, blank=True, help_text=_("Empty: the site-wide limit.")
    )
    max_image_megapixels = models.PositiveSmallIntegerField(
        _("maximum image size (megapixels)"), null=True, blank=True, help_text=_("Empty: the site-wide limit.")
    )
    min_image_side = models.PositiveSmallIntegerField(_("minimum resolution (pixels on the short side)"), default=600)
    categories = models.TextField(
        _("categories"), blank=True, help_text=_("Optional, one per line (e.g. Painting, Photography).")
    )

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
        MultiFieldPanel(
            [
                FieldPanel("accepted_formats"),
                FieldPanel("max_upload_megabytes"),
                FieldPanel("max_image_megapixels"),
                FieldPanel("min_image_side"),
            ],
            heading=_("Images"),
        ),
        FieldPanel("categories"),
        FieldPanel("consent_statement"),
        FieldPanel("number_of_winners"),
    ]
    base_form_class = ContestPageForm
    parent_page_types = ["events.CampaignPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("contest")

    # --- Limits -----------------------------------------------------------------------------------

    @property
    def accepted_format_list(self):
        return [name.strip().upper() for name in self.accepted_formats.split(",") if name.strip()]

    @property
    def category_list(self):
        return [line.strip() for line in self.categories.splitlines() if line.strip()]

    @property
    def max_upload_bytes(self):
        if self.max_upload_megabytes:
            return self.max_upload_megabytes * 1024 * 1024
        return settings.VITRINE_MAX_UPLOAD_BYTES

    @property
    def max_image_pixels(self):
        if self.max_image_megapixels:
            return self.max_image_megapixels * 1_000_000
        return settings.VITRINE_MAX_IMAGE_PIXELS

    # --- Public state -----------------------------------------------------------------------------

    def listing_status_key(self, now=None):
        """'upcoming', 'open' or 'closed'; the judging app may report 'judging' or 'results' instead."""
        try:
            from gallery.judging.status import judging_status_key
        except ImportError:
            judging_status_key = None
        if judging_status_key is not None:
            key = judging_status_key(self)
            if key is not None:
                return key
        now = now or timezone.now()
        if now < self.opens_at:
            return "upcoming"
        if now <= self.closes_at:
            return "open"
        return "closed"

    def listing_status(self, now=None):
        labels = {
            "upcoming": _("Opens soon"),
            "open": _("Open for entries"),
            "closed": _("Closed for entries"),
            "judging": _("Judging in progress"),
            "results": _("Results announced"),
        }
        key = self.listing_status_key(now)
        return labels.get(key, key)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["status_key"] = self.listing_status_key()
        context["status_label"] = self.listing_status()
        return context
