from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core import caching, dates
from core.forms import default_time_zone, validate_time_zone
from core.site_urls import RootedAtServedAddressMixin
from gallery.forms import ContestPageForm

# Formats as Pillow names them; HEIF covers HEIC photos from phones.
DEFAULT_IMAGE_FORMATS = "JPEG,PNG,WEBP,HEIF"

# Apps that build on contests (judging, the exhibition) register a function under this Wagtail hook name. It is
# given a list of contests and returns {contest pk: status key} for those it has something to say about
# ('judging', 'results'; or ('exhibition', the exhibition page): where the results are shown), in a fixed number of
# queries. The first hook to answer for a contest wins over the submission dates.
LISTING_STATUS_HOOK = "contest_listing_status"
LISTING_LABELS = {
    "upcoming": _("Opens soon"),
    "open": _("Open for entries"),
    "closed": _("Closed for entries"),
    "judging": _("Judging in progress"),
    "results": _("Winners chosen"),
    "exhibition": _("Results in the online exhibition"),
}


class ContestPage(RootedAtServedAddressMixin, Page):
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
    results_on = models.DateField(
        _("results announced on"),
        null=True,
        blank=True,
        help_text=_("Shown until the results are online, e.g. the day the exhibition opens."),
    )

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
        FieldPanel("results_on"),
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
            contest._reported_status, contest._results_page = reported.get(contest.pk, (None, None))
        return contests

    def _reported(self):
        """(status key, results page) reported by the hooks: kept by prepare_listing(), else asked now."""
        if "_reported_status" in self.__dict__:
            return self._reported_status, self._results_page
        return _reported_statuses([self]).get(self.pk, (None, None))

    @property
    def results_page(self):
        """The page that shows the results (the exhibition), when an app reported one."""
        return self._reported()[1]

    def listing_status_key(self, now=None):
        """'upcoming', 'open' or 'closed'; an app building on contests may report 'judging', 'results' or
        'exhibition'."""
        reported = self._reported()[0]
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

    def open_by_dates(self, now=None):
        """Open for entries by its dates alone (no hook asked): what a listing of open contests starts from."""
        now = now or timezone.now()
        return self.opens_at <= now <= self.closes_at

    def listing_deadline(self, now=None):
        """The end of submissions while they are open (the home page's call to action), else None."""
        return self.closes_at if self.listing_status_key(now) == "open" else None

    def listing_note(self, now=None):
        """What follows the status, so a finished contest always says where its results are: the deadline while
        open, the day of the results until they are shown (the exhibition's page is then linked instead)."""
        key = self.listing_status_key(now)
        if key == "open":
            return format_lazy(_("Deadline: {}"), dates.format_moment(self.closes_at, self.time_zone))
        if key in ("upcoming", "closed", "judging", "results") and self.results_on:
            return format_lazy(_("Results on {}"), dates.format_date(self.results_on))
        if key == "results":
            return _("The exhibition of the winners is being prepared.")
        return ""

    def listing_changes_at(self, now=None):
        """The next moment the status changes by the clock (submissions open or close), for caches; None if none."""
        now = now or timezone.now()
        return min((moment for moment in (self.opens_at, self.closes_at) if moment > now), default=None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prepare_listing([self])
        context["status_key"] = self.listing_status_key()
        context["status_label"] = self.listing_status()
        return context

    def serve(self, request, *args, **kwargs):
        # The status and the call to enter change when submissions open or close: cached no longer than that.
        return caching.fresh_until(super().serve(request, *args, **kwargs), self.listing_changes_at())


def _reported_statuses(contests):
    """{contest pk: (status key, page showing the results or None)} from the hooks; the first to answer wins."""
    reported = {}
    for report in hooks.get_hooks(LISTING_STATUS_HOOK):
        for pk, answer in report(contests).items():
            reported.setdefault(pk, tuple(answer) if isinstance(answer, tuple | list) else (answer, None))
    return reported
