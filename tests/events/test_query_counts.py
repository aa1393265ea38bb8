"""The home, campaign and event pages read at most 12 queries, and as many with 12 events as with 2.

Pages are built as editors build them (published, so the renditions are made as after publication), then each
page is read once uncounted (the site's root paths and content types are cached by a first request) and once
counted. The counted request makes no rendition: pages only read them. bench/bench_pages.py measures the same
pages with 1,000 events.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from events.models import Person
from gallery.exhibition.models import ExhibitionPage
from tests.factories import CampaignFactory, ContestFactory, EventFactory, StoryFactory, WagtailImageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]

QUERY_LIMIT = 12  # the speed budget of public pages (bench/bench_pages.py)


@pytest.fixture
def publishing(django_capture_on_commit_callbacks):
    """`with publishing():` around building pages runs at its end what publishing leaves for after the commit
    (the renditions task), as in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _read(client, url):
    """(number of queries, HTML) of a GET of `url`, after an uncounted one."""
    client.get(url)
    renditions = get_image_model().get_rendition_model().objects.count()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert get_image_model().get_rendition_model().objects.count() == renditions, "the page made renditions"
    return len(captured), response.content.decode(), [query["sql"] for query in captured.captured_queries]


def _add_events(campaign, count, images, start=0):
    """`count` events under the campaign, half past and half upcoming, each with two sessions and a picture."""
    now = timezone.now()
    for number in range(start, start + count):
        begins = now + datetime.timedelta(days=number - count // 2, hours=1)
        EventFactory(
            parent=campaign,
            title=f"Event {number:03d}",
            sessions=[
                (begins, begins + datetime.timedelta(hours=1)),
                (begins + datetime.timedelta(days=1), begins + datetime.timedelta(days=1, hours=1)),
            ],
            hero_image=images[number % len(images)],
        )


def _add_stories(campaign, count, image, start=0):
    for number in range(start, start + count):
        StoryFactory(
            parent=campaign, title=f"Story {number:03d}", date=datetime.date(2020, 7, 1 + number), hero_image=image
        )


@pytest.fixture
def listed_campaign(campaign, publishing):
    """The campaign with a picture, a contest and an exhibition beside its events and stories."""
    with publishing():
        campaign.hero_image = WagtailImageFactory(title="Campaign picture")
        campaign.save_revision().publish()
    contest = ContestFactory(parent=campaign, title="Art contest", slug="art-contest")
    exhibition = ExhibitionPage(title="Online exhibition", slug="online-exhibition", contest=contest)
    campaign.add_child(instance=exhibition)
    exhibition.save_revision().publish()
    return campaign


def _same_count_for_2_and_12_events(client, publishing, campaign, url):
    images = [WagtailImageFactory(title=f"Picture {number}") for number in range(3)]
    with publishing():
        _add_events(campaign, 2, images)
        _add_stories(campaign, 1, images[0])
    few, few_html, few_sql = _read(client, url)
    with publishing():
        _add_events(campaign, 10, images, start=2)
        _add_stories(campaign, 2, images[1], start=1)
    many, many_html, many_sql = _read(client, url)
    assert few <= QUERY_LIMIT, "\n".join(few_sql)
    assert many == few, "\n".join(many_sql)
    return few_html, many_html


def test_home_page_queries(client, listed_campaign, publishing):
    few_html, many_html = _same_count_for_2_and_12_events(client, publishing, listed_campaign, "/")
    assert few_html.count('class="card event-card') == 2  # both have a session to come
    assert many_html.count('class="card event-card') == 3  # the three soonest of the upcoming
    assert many_html.count('class="card story-card') == 3
    assert "Online exhibition" in many_html and "<picture>" in many_html


def test_campaign_page_queries(client, listed_campaign, publishing):
    few_html, many_html = _same_count_for_2_and_12_events(client, publishing, listed_campaign, listed_campaign.url)
    assert few_html.count('class="card event-card') == 2
    assert many_html.count('class="card event-card') == 12
    assert many_html.count('class="card story-card') == 3
    assert many_html.count('class="card feature-card') == 2  # the contest with its status, the exhibition
    assert many_html.count("<picture>") == 1 + 12 + 3  # the campaign's own, the events', the stories'


def test_event_page_queries(client, campaign, publishing):
    """An event's page with 2 sessions and 2 speakers, then 12 of each (and 12 other events beside it)."""
    photo = WagtailImageFactory(title="Speaker photo")
    now = timezone.now()

    def event_with(count):
        speakers = [Person.objects.create(name=f"Speaker {count}-{n}", photo=photo) for n in range(count)]
        days = [now + datetime.timedelta(days=day) for day in range(count)]
        with publishing():
            event = EventFactory(
                parent=campaign,
                title=f"Event with {count}",
                sessions=[(start, start + datetime.timedelta(hours=2)) for start in days],
                hero_image=WagtailImageFactory(),
            )
            event.speakers = speakers
            event.save_revision().publish()
            _add_events(campaign, count, [photo], start=100 * count)
        return event

    few, few_html, few_sql = _read(client, event_with(2).url)
    many, many_html, many_sql = _read(client, event_with(12).url)
    assert few <= QUERY_LIMIT, "\n".join(few_sql)
    assert many == few, "\n".join(many_sql)
    assert many_html.count('class="person"') == 12 and many_html.count('class="session"') == 12
    assert many_html.count("<picture>") == 1 + 12  # the event's picture, the speakers' photos
    assert f'<a href="{campaign.url}">Mandela Day</a>' in many_html  # the campaign link, from the routing


def test_private_sections_stay_private(client, campaign):
    """The pages above skip Wagtail's per-listing view-restriction query; what is private must stay out of them."""
    soon = timezone.now() + datetime.timedelta(days=2)
    shown = EventFactory(parent=campaign, title="Open webinar", sessions=[(soon, soon + datetime.timedelta(hours=1))])
    hidden = EventFactory(parent=campaign, title="Staff webinar", sessions=[(soon, soon + datetime.timedelta(hours=1))])
    secret = CampaignFactory(title="Staff campaign", slug="staff-campaign", show_in_menus=True)
    EventFactory(parent=secret, title="Staff training", sessions=[(soon, soon + datetime.timedelta(hours=1))])
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x")

    home_html = client.get("/").content.decode()
    assert "Open webinar" in home_html
    assert "Staff webinar" not in home_html and "Staff training" not in home_html
    assert "Staff campaign" not in home_html  # neither featured nor in the menu
    campaign_html = client.get(campaign.url).content.decode()
    assert "Open webinar" in campaign_html and "Staff webinar" not in campaign_html
    assert client.get(shown.url).status_code == 200
    assert client.get(hidden.url).status_code == 302  # to the sign-in page
    assert 'name="password"' in client.get(secret.url).content.decode()  # Wagtail's password form
    assert 'name="password"' in client.get(secret.get_children().first().url).content.decode()


def test_home_page_leading_with_a_live_campaign_queries(client, home, publishing):
    """The home page with a campaign under way and its open contests (one, then six): the same queries."""
    today = timezone.localdate()
    live = CampaignFactory(
        parent=home, title="Live campaign", slug="live", start_date=today - datetime.timedelta(days=3),
        end_date=today + datetime.timedelta(days=30), hero_image=WagtailImageFactory(title="Live picture"),
    )  # fmt: skip
    with publishing():
        live.save_revision().publish()  # its picture's renditions, as after publication
        ContestFactory(parent=live, title="Open contest 0", open_for_entries=True)
    few, few_html, few_sql = _read(client, "/")
    with publishing():
        for number in range(1, 6):
            ContestFactory(parent=live, title=f"Open contest {number}", open_for_entries=True)
        _add_events(live, 6, [WagtailImageFactory(title="Event picture")])
    many, many_html, many_sql = _read(client, "/")
    assert few <= QUERY_LIMIT, "\n".join(few_sql)
    assert many == few, "\n".join(many_sql)
    assert few_html.count('class="open-contest"') == 1 and many_html.count('class="open-contest"') == 6
