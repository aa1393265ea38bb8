from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.forms import default_time_zone, validate_time_zone
from gallery.forms import ContestPageForm

# Formats as Pillow names them; HEIF covers HEIC photos from phones.
DEFAULT_IMAGE_FORMATS = "JPEG,PNG,WEBP,HEIF"

# Apps that build on contests (judging) register a function under this Wagtail hook name. It is given a list of
# contests and returns {contest pk: status key} for those it has something to say about ('judging', 'results'),
# in a fixed number of queries. The first hook to answer for a contest wins over the submission dates.
LISTING_STATUS_HOOK = "contest_listing_status"
LISTING_LABELS = {
    "upcoming": _("Opens soon"),
    "open": _("Open for entries"),
    "closed": _("Closed for entries"),
    "judging": _("Judging in progress"),
    "results": _("Results announced"),
}


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
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("Submission times are typed and shown in this zone, e.g. Asia/Almaty."),
    )
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

    @classmethod
    def prepare_listing(cls, contests):
        """Ask the listing-status hooks about many contests at once, so a page listing them makes the same
        number of queries whatever their number; listing_status_key() then reads the answer kept on each."""
        contests = list(contests)
        reported = _reported_statuses(contests)
        for contest in contests:
            contest._reported_status = reported.get(contest.pk)
        return contests

    def listing_status_key(self, now=None):
        """'upcoming', 'open' or 'closed'; an app building on contests may report 'judging' or 'results'."""
        if "_reported_status" in self.__dict__:  # prepared by prepare_listing()
            reported = self._reported_status
        else:
            reported = _reported_statuses([self]).get(self.pk)
        if reported is not None:
            return reported
        now = now or timezone.now()
        if now < self.opens_at:
            return "upcoming"
        if now <= self.closes_at:
            return "open"
        return "closed"

    def listing_status(self, now=None):
        key = self.listing_status_key(now)
        return LISTING_LABELS.get(key, key)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prepare_listing([self])
        context["status_key"] = self.listing_status_key()
        context["status_label"] = self.listing_status()
        return context


def _reported_statuses(contests):
    reported = {}
    for report in hooks.get_hooks(LISTING_STATUS_HOOK):
        for pk, key in report(contests).items():
            reported.setdefault(pk, key)
    return reported
