"""Wagtail pages made the way an editor makes them: added under a parent in the tree, then published."""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.images import get_image_model

from events.models import CampaignPage, EventIndexPage, EventPage, EventSession, HomePage, StoryIndexPage, StoryPage
from gallery.models import ContestPage


def home_page():
    # The skeleton's home page; a transactional test's flush brings it back (events.skeleton).
    return HomePage.objects.get()


class PageFactory(DjangoModelFactory):
    """Base for page factories. `parent` is the page to add under; `publish=False` leaves a draft (not live, one
    revision). Returns the page fresh from the database, as a view would load it."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    # Not model fields: _create takes them off.
    parent = factory.LazyFunction(home_page)
    publish = True

    @classmethod
    def _create(cls, model_class, *args, parent, publish=True, **fields):
        page = model_class(*args, **fields)
        if not publish:
            page.live = False
        # add_child computes the tree path; a plain save() would leave the page outside the tree.
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return model_class.objects.get(pk=page.pk)

    @classmethod
    def _build(cls, model_class, *args, parent=None, publish=True, **fields):
        return model_class(*args, **fields)


class CampaignFactory(PageFactory):
    class Meta:
        model = CampaignPage

    title = factory.Sequence(lambda n: f"Campaign {n}")


class EventIndexFactory(PageFactory):
    class Meta:
        model = EventIndexPage

    title = factory.Sequence(lambda n: f"Events {n}")


class StoryIndexFactory(PageFactory):
    class Meta:
        model = StoryIndexPage

    title = factory.Sequence(lambda n: f"Stories {n}")


class StoryFactory(PageFactory):
    class Meta:
        model = StoryPage

    title = factory.Sequence(lambda n: f"Story {n}")
    parent = factory.SubFactory(CampaignFactory)


class EventFactory(PageFactory):
    """`sessions` is a list of (start, end) or (start, end, title) tuples; none by default (an undated event)."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Event {n}")
    parent = factory.SubFactory(CampaignFactory)
    sessions = ()

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs["sessions"] = [
            EventSession(start=start, end=end, title=title)
            for start, end, title in ((*session, "")[:3] for session in kwargs.get("sessions", ()))
        ]
        return kwargs


class ContestFactory(PageFactory):
    """A contest inside a campaign (ContestPage.parent_page_types). By default its submissions closed yesterday,
    ready for judging; `open_for_entries=True` opens them from ten days ago to ten days ahead."""

    class Meta:
        model = ContestPage

    class Params:
        open_for_entries = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10)),
            closes_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10)),
        )

    parent = factory.SubFactory(CampaignFactory)
    code = factory.Sequence(lambda n: f"T{n}")
    title = factory.LazyAttribute(lambda contest: f"Contest {contest.code}")
    slug = factory.LazyAttribute(lambda contest: f"contest-{contest.code.lower()}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    closes_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    consent_statement = "Consent given."
    number_of_winners = 3


class WagtailImageFactory(DjangoModelFactory):
    """A Wagtail (public) image: an 800×600 JPEG of one colour. Entry images are not Wagtail images."""

    class Meta:
        model = get_image_model()

    title = "Test image"
    file = factory.django.ImageField(filename="test.jpg", width=800, height=600, color="#336699", format="JPEG")
