"""Fixtures of the events tests: the home page and the pages most tests hang their events on (tests/factories)."""

import datetime
import zoneinfo

import pytest

from tests.factories import CampaignFactory, EventIndexFactory, StoryFactory, StoryIndexFactory, home_page

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def at(year, month, day, hour=10, minute=0, zone=ALMATY):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zone)


@pytest.fixture(autouse=True)
def empty_caches():
    """Wagtail caches renditions by image id; SQLite reuses ids after a rollback, so start every test clean."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def home(db):
    return home_page()


@pytest.fixture
def campaign(home):
    return CampaignFactory(
        parent=home,
        title="Mandela Day",
        slug="mandela-day",
        start_date=datetime.date(2020, 7, 13),
        end_date=datetime.date(2020, 7, 18),
        summary="A week of art and training.",
    )


@pytest.fixture
def event_index(home):
    return EventIndexFactory(parent=home, title="Events", slug="events")


@pytest.fixture
def story_index(home):
    return StoryIndexFactory(parent=home, title="Stories", slug="stories")


@pytest.fixture
def story(campaign):
    return StoryFactory(
        parent=campaign,
        title="Officers complete the course",
        slug="course",
        date=datetime.date(2020, 7, 18),
        summary="1,100",
    )
