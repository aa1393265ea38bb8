"""Builders for events tests: pages are created through the page tree and published like an officer would."""

import datetime
import io
import zoneinfo

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from events.models import CampaignPage, EventIndexPage, EventPage, EventSession, HomePage, StoryIndexPage, StoryPage

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def at(year, month, day, hour=10, minute=0, zone=ALMATY):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zone)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_image(title="Test image", colour="#336699", size=(800, 600)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    buffer.seek(0)
    image = get_image_model()(title=title)
    image.file.save("test.jpg", ImageFile(buffer, name="test.jpg"), save=False)
    image.save()
    return image


def make_event(parent, title="Event", sessions=(), **fields):
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-").replace(":", "")
    page = EventPage(
        title=title,
        slug=slug,
        sessions=[
            EventSession(start=start, end=end, title=session_title)
            for start, end, session_title in ((*session, "")[:3] for session in sessions)
        ],
        **fields,
    )
    return publish(parent, page)


@pytest.fixture(autouse=True)
def empty_caches():
    """Wagtail caches renditions by image id; SQLite reuses ids after a rollback, so start every test clean."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def campaign(home):
    return publish(
        home,
        CampaignPage(
            title="Mandela Day",
            slug="mandela-day",
            start_date=datetime.date(2020, 7, 13),
            end_date=datetime.date(2020, 7, 18),
            summary="A week of art and training.",
        ),
    )


@pytest.fixture
def event_index(home):
    return publish(home, EventIndexPage(title="Events", slug="events"))


@pytest.fixture
def story_index(home):
    return publish(home, StoryIndexPage(title="Stories", slug="stories"))


@pytest.fixture
def story(campaign):
    return publish(
        campaign,
        StoryPage(
            title="Officers complete the course", slug="course", date=datetime.date(2020, 7, 18), summary="1,100"
        ),
    )
