import functools

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from events import queries
from events.blocks import BodyBlock
from events.images import attach_renditions
from events.models.event import EventPage
from events.models.mixins import SharedPageMixin, hero_image_field
from events.models.story import StoryPage
from events.serving import ServedPageMixin, public


class CampaignPage(ServedPageMixin, SharedPageMixin, Page):
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
    serve_select_related = ("hero_image",)

    class Meta:
        verbose_name = _("campaign")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The same queries whatever the number of children: one for them all, one for their pictures' renditions,
        # and what feature models ask once for all their pages (prepare_listings).
        children = listed_children(self, request)
        events = queries.sorted_for_listing([page for page in children if isinstance(page, EventPage)])
        stories = [page for page in children if isinstance(page, StoryPage)]
        stories.sort(key=lambda story: (story.date, story.pk), reverse=True)  # newest first, as "-date", "-pk"
        features = [page for page in children if not isinstance(page, EventPage | StoryPage)]
        attach_renditions([self.hero_image] + [item.hero_image for item in [*events, *stories]])
        upcoming = [event for event in events if not event.is_past]
        features = prepare_listings(features)
        now = timezone.now()
        # Upcoming events become past and contests close by the clock: the cached page lasts no longer.
        changes = [event.last_end for event in upcoming] + [
            page.listing_changes_at(now) for page in features if hasattr(page, "listing_changes_at")
        ]
        context.update(
            upcoming_events=upcoming,
            past_events=[event for event in events if event.is_past],
            stories=stories,
            features=features,
            fresh_until=min((moment for moment in changes if moment is not None and moment > now), default=None),
        )
        return context


def listed_children(campaign, request, exclude=()):
    """The campaign's live public children in tree order, in one query: events (with their schedule, see
    events.queries) and stories as their own models with their pictures, and the pages of other apps that offer
    listing_status() (contests) as their own models too, each joined through its link from Page; the other pages
    stay Page objects, which have all a card shows (title, URL, search description, type). `exclude`: page models
    left out (the home page asks only for contests and the like)."""
    links = _links()
    name = {model: link.related_query_name() for model, link in links.items()}
    pages = public(campaign.get_children().live(), request)
    if exclude:
        pages = pages.not_type(*exclude)
    pages = pages.select_related(*name.values(), f"{name[EventPage]}__hero_image", f"{name[StoryPage]}__hero_image")
    # Cards show no StreamField: leave them in the database.
    pages = pages.defer(
        *(f"{name[model]}__{field}" for model in (EventPage, StoryPage) for field in _streamfields(model))
    )
    children = []
    for page in queries.with_schedule(pages, sessions=f"{name[EventPage]}__sessions").order_by("path"):
        model = page.specific_class
        own = EventPage if _is(model, EventPage) else StoryPage if _is(model, StoryPage) else model
        if own in links:
            child = getattr(page, links[own].remote_field.get_accessor_name())
            for annotation in queries.SCHEDULE if own is EventPage else ():
                setattr(child, annotation, getattr(page, annotation))
        elif model is not None and hasattr(model, "listing_status"):
            child = page.specific  # a subclass of a listed model: rare, one query each
        else:
            child = page
        children.append(child)
    return children


@functools.cache
def _links():
    """{model: its link from Page} of the children listed_children() reads as their own models."""
    return {
        model: model._meta.parents[Page]
        for model in apps.get_models()
        if issubclass(model, Page) and Page in model._meta.parents
        and (model in (EventPage, StoryPage) or hasattr(model, "listing_status"))
    }  # fmt: skip


def _is(model, base):
    return model is not None and issubclass(model, base)


def _streamfields(model):
    return [field.name for field in model._meta.local_fields if isinstance(field, StreamField)]


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
