import zoneinfo

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.forms import default_time_zone, validate_time_zone
from events.blocks import BodyBlock, MaterialsBlock
from events.forms import EventPageForm
from events.images import attach_renditions
from events.models.mixins import SharedPageMixin, hero_image_field
from events.serving import ServedPageMixin
from events.structured_data import event_json_ld


class EventPage(ServedPageMixin, SharedPageMixin, Page):
    """A master class, webinar, conference or ceremony: one page, one or more sessions."""

    class Kind(models.TextChoices):
        MASTER_CLASS = "master_class", _("Master class")
        WEBINAR = "webinar", _("Webinar")
        CONFERENCE = "conference", _("Conference")
        CEREMONY = "ceremony", _("Ceremony or opening")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    class Attendance(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        MIXED = "mixed", _("Online and in person")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    status_note = models.CharField(
        _("status note"),
        max_length=255,
        blank=True,
        help_text=_("Shown in the banner of a postponed or cancelled event."),
    )
    summary = models.TextField(_("summary"), blank=True)
    hero_image = hero_image_field()
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("Times are shown in this zone, e.g. Asia/Almaty."),
    )
    all_day = models.BooleanField(_("all-day event"), default=False, help_text=_("Show dates without times."))
    attendance_mode = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.ONLINE
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue address"), blank=True)
    join_url = models.URLField(
        _("join link"), blank=True, help_text=_("Shown only to signed-in visitors, and only until the event ends.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    speakers = ParentalManyToManyField("events.Person", verbose_name=_("speakers"), blank=True, related_name="events")
    facilities_count = models.PositiveSmallIntegerField(_("number of participating facilities"), null=True, blank=True)
    participating_facilities = models.TextField(
        _("participating facilities"), blank=True, help_text=_("One facility per line, as it may be named publicly.")
    )
    recording_url = models.URLField(_("recording"), blank=True, help_text=_("Shown once the event has ended."))
    materials = StreamField(MaterialsBlock(), verbose_name=_("materials"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]), FieldPanel("status_note")],
            heading=_("What and status"),
        ),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("time_zone"), FieldPanel("all_day")]), InlinePanel("sessions", min_num=0)],
            heading=_("When"),
            help_text=_("Session times are in the event's time zone."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("join_url"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("body"),
        FieldPanel("speakers"),
        MultiFieldPanel(
            [FieldPanel("facilities_count"), FieldPanel("participating_facilities")],
            heading=_("Participating facilities"),
        ),
        MultiFieldPanel([FieldPanel("recording_url"), FieldPanel("materials")], heading=_("After the event")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["events.CampaignPage", "events.EventIndexPage"]
    subpage_types = []
    template = "events/event_page.html"
    base_form_class = EventPageForm
    serve_select_related = ("hero_image",)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone or default_time_zone())

    @cached_property
    def ordered_sessions(self):
        return sorted(self.sessions.all(), key=lambda session: (session.start, session.pk or 0))

    @property
    def starts_at(self):
        if hasattr(self, "first_start"):  # annotated by events.queries
            return self.first_start
        return self.ordered_sessions[0].start if self.ordered_sessions else None

    @property
    def ends_at(self):
        if hasattr(self, "last_end"):
            return self.last_end
        return max((session.end for session in self.ordered_sessions), default=None)

    def has_ended(self, now=None):
        ends_at = self.ends_at
        return ends_at is not None and ends_at < (now or timezone.now())

    @property
    def is_online(self):
        return self.attendance_mode in (self.Attendance.ONLINE, self.Attendance.MIXED)

    @property
    def is_in_person(self):
        return self.attendance_mode in (self.Attendance.IN_PERSON, self.Attendance.MIXED)

    @property
    def facility_names(self):
        return [line.strip() for line in self.participating_facilities.splitlines() if line.strip()]

    def shows_join_link(self, user):
        """The join link is for signed-in participants, and only until the event is over."""
        return bool(self.join_url) and user.is_authenticated and not self.has_ended() and not self.is_cancelled

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def get_campaign(self):
        """The nearest live campaign above the event (for its title and link), or None."""
        # By name: the campaign model lists its events, so its module imports this one.
        campaign_model = apps.get_model("events", "CampaignPage")
        if hasattr(self, "route_ancestors"):  # the pages routing went through (events.serving): no query
            campaigns = [
                page
                for page in self.route_ancestors
                if page.live and page.specific_class and issubclass(page.specific_class, campaign_model)
            ]
            return campaigns[-1] if campaigns else None
        return self.get_ancestors().type(campaign_model).live().specific().last()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaign"] = self.get_campaign()
        speakers = self.speakers.all()
        if isinstance(speakers, models.QuerySet):  # a preview holds unsaved speakers in memory
            speakers = list(speakers.select_related("photo"))
        attach_renditions([self.hero_image, *(person.photo for person in speakers)])
        context["speakers"] = speakers
        context["show_join_link"] = self.shows_join_link(request.user)
        now = timezone.now()
        context["has_ended"] = self.has_ended(now)
        # The session the local-time hint speaks of: the next one not yet over (none once the event has ended).
        sessions = self.ordered_sessions
        context["local_time_session"] = next((session for session in sessions if session.end >= now), None)
        # Past events offer no calendar file or join link: the cached page changes when a session ends.
        context["fresh_until"] = min((s.end for s in sessions if s.end > now), default=None)
        context["json_ld"] = event_json_ld(self, request, speakers)
        return context
