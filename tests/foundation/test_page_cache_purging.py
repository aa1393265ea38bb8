"""The page cache forgets what changed: publishing, unpublishing, moving, deleting and renaming pages, names shown
on every page, takedowns; and a CDN in front is told the same URLs, in every language."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.models import SiteIdentity
from events.models import HomePage
from gallery.exhibition.domain.takedown import take_down
from tests.factories import UserFactory, awarded_contest, exhibition_of
from tests.factories.judging import RoundFactory, rubric
from tests.factories.pages import CampaignFactory, ContestFactory, EventFactory, EventIndexFactory
from tests.foundation import recording_cdn

pytestmark = pytest.mark.django_db

SOON = timezone.now() + datetime.timedelta(days=3)


@pytest.fixture
def campaign():
    return CampaignFactory(title="Mandela Day", slug="mandela-day")


def _cached(client, url):
    """Fetch `url` until it is stored, and check the stored copy costs no database query."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response["X-Cache"] == "hit" and len(queries) == 0, url
    return response.content.decode()


def test_a_cached_page_costs_no_query_and_each_language_is_its_own_copy(client, campaign):
    english, russian = _cached(client, "/mandela-day/"), _cached(client, "/ru/mandela-day/")
    assert 'lang="en"' in english and 'lang="ru"' in russian


def test_publishing_an_event_refreshes_its_campaign_the_home_page_the_index_and_the_calendars(client, campaign):
    EventIndexFactory(title="Events", slug="events")
    for url in ("/", "/mandela-day/", "/ru/mandela-day/", "/events/", "/calendar/events.ics", "/sitemap.xml"):
        assert "Prison art master class" not in _cached(client, url)
    event = EventFactory(title="Prison art master class", parent=campaign, sessions=[(SOON, SOON)])
    for url in ("/", "/mandela-day/", "/ru/mandela-day/", "/events/", "/calendar/events.ics"):
        response = client.get(url)
        assert response["X-Cache"] == "miss" and "Prison art master class" in response.content.decode(), url
    assert event.url in client.get("/sitemap.xml").content.decode()


def test_a_new_revision_unpublishing_moving_and_deleting_are_seen_at_once(client, campaign):
    event = EventFactory(title="Webinar", slug="webinar", parent=campaign)
    other = CampaignFactory(title="Other", slug="other")
    _cached(client, "/mandela-day/webinar/")

    event.title = "Webinar for prison psychologists"
    event.save_revision().publish()
    assert "Webinar for prison psychologists" in client.get("/ru/mandela-day/webinar/").content.decode()

    _cached(client, "/mandela-day/webinar/")
    event.move(other, pos="last-child")
    assert client.get("/mandela-day/webinar/").status_code == 301  # Wagtail's automatic redirect
    assert client.get("/other/webinar/").status_code == 200

    _cached(client, "/other/webinar/")
    event.refresh_from_db()
    event.unpublish()
    assert client.get("/other/webinar/").status_code == 404

    _cached(client, "/other/")
    other.delete()
    assert client.get("/other/").status_code == 404


def test_a_new_slug_forgets_the_old_url(client, campaign, django_capture_on_commit_callbacks):
    event = EventFactory(title="Training", slug="training", parent=campaign)
    _cached(client, "/mandela-day/training/")
    event.slug = "training-2027"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail says a slug changed once it is committed
        event.save_revision().publish()
    assert client.get("/mandela-day/training/").status_code == 301  # Wagtail's automatic redirect


def test_a_change_shown_on_every_page_forgets_every_page(client, campaign):
    _cached(client, "/mandela-day/")
    identity = SiteIdentity.for_site(HomePage.objects.get().get_site())
    identity.site_name = "UNODC Prison Art"
    identity.save()
    assert "UNODC Prison Art" in client.get("/mandela-day/").content.decode()


def test_the_join_link_a_signed_in_participant_sees_never_reaches_the_cache(client, campaign, django_user_model):
    EventFactory(title="Online class", slug="online", parent=campaign, join_url="https://meet.example.org/secret")
    client.force_login(django_user_model.objects.create_user("officer", password="x"))
    assert "meet.example.org/secret" in client.get("/mandela-day/online/").content.decode()
    client.logout()
    client.cookies.clear()
    assert "meet.example.org/secret" not in _cached(client, "/mandela-day/online/")


def test_a_takedown_removes_a_cached_work_page_at_once(client, django_capture_on_commit_callbacks):
    contest, entries = awarded_contest(winners=2)
    page = exhibition_of(contest)
    assert entries[1].title in _cached(client, f"{page.url}works/2/")
    assert entries[1].title in _cached(client, page.url)
    with django_capture_on_commit_callbacks(execute=True):
        take_down(entries[1], UserFactory(officer=True), "Consent withdrawn.")
    assert client.get(f"{page.url}works/2/").status_code == 404
    assert entries[1].title not in client.get(page.url).content.decode()


def test_pages_are_stored_in_redis_shared_by_every_app_server(client, campaign, redis_cache):
    import redis

    _cached(client, "/mandela-day/")
    assert redis.Redis.from_url(redis_cache).keys("test:*vitrine:pages:response:*")
    EventFactory(title="Exhibition opening", parent=campaign)
    assert "Exhibition opening" in client.get("/mandela-day/").content.decode()


def test_a_cdn_in_front_is_told_every_url_that_shows_the_change(settings, campaign, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "tests.foundation.recording_cdn.RecordingBackend"}}
    recording_cdn.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event = EventFactory(title="Webinar", slug="webinar", parent=campaign)
    root = settings.WAGTAILADMIN_BASE_URL  # the public address (core.site_urls), not the Site row's "localhost"
    purged = set(recording_cdn.purged)
    for path in ("/mandela-day/webinar/", "/ru/mandela-day/webinar/", "/kk/mandela-day/webinar/", "/mandela-day/", "/"):
        assert root + path in purged, path
    assert {root + f"/calendar/events/{event.pk}.ics", root + "/sitemap.xml", root + "/feeds/stories.rss"} <= purged


def test_opening_judging_refreshes_the_campaign_that_lists_the_contest(client, campaign):
    contest = ContestFactory(parent=campaign)
    rubric(contest)
    assert "Judging in progress" not in _cached(client, "/mandela-day/")
    RoundFactory(contest=contest)
    assert "Judging in progress" in client.get("/mandela-day/").content.decode()
    assert "Judging in progress" in client.get(contest.url).content.decode()


def test_unpublishing_an_exhibition_removes_its_cached_work_pages(client):
    contest, entries = awarded_contest(winners=1)
    page = exhibition_of(contest)
    assert entries[0].title in _cached(client, f"{page.url}works/1/")
    page.unpublish()
    assert client.get(f"{page.url}works/1/").status_code == 404


def test_publishing_a_menu_page_refreshes_the_menu_on_every_page(client, campaign):
    """The menu is on every page: a new menu entry must not wait for each page's copy to expire."""
    EventFactory(title="Webinar", slug="webinar", parent=campaign)
    for url in ("/mandela-day/webinar/", "/ru/mandela-day/"):
        assert "Photo contest 2027" not in _cached(client, url)
    CampaignFactory(title="Photo contest 2027", slug="photo-2027", show_in_menus=True)
    for url in ("/mandela-day/webinar/", "/ru/mandela-day/"):
        response = client.get(url)
        assert response["X-Cache"] == "miss" and ">Photo contest 2027</a>" in response.content.decode(), url


def test_taking_a_page_out_of_the_menu_refreshes_every_page(client, campaign):
    other = CampaignFactory(title="Photo contest 2027", slug="photo-2027", show_in_menus=True)
    assert ">Photo contest 2027</a>" in _cached(client, "/mandela-day/")
    other.show_in_menus = False
    other.save_revision().publish()
    response = client.get("/mandela-day/")
    assert response["X-Cache"] == "miss" and ">Photo contest 2027</a>" not in response.content.decode()


def test_menu_and_site_identity_are_read_once_until_the_next_purge(client, campaign, uncached_pages):
    """A page rendered anew reads the menu and the identity from the cache, not the database; saving the identity
    or publishing a menu page refreshes them."""
    campaign.show_in_menus = True
    campaign.save_revision().publish()
    other = CampaignFactory(title="Other", slug="other")
    client.get("/other/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/other/").content.decode()
    tables = " ".join(query["sql"].split(" WHERE ")[0].split(" FROM ")[-1] for query in queries)
    conditions = " ".join(query["sql"].split(" WHERE ")[-1] for query in queries)
    assert ">Mandela Day</a>" in page and "core_siteidentity" not in tables and "show_in_menus" not in conditions
    identity = SiteIdentity.for_site(HomePage.objects.get().get_site())
    identity.site_name = "UNODC Prison Art"
    identity.save()
    other.show_in_menus = True
    other.save_revision().publish()
    page = client.get("/other/").content.decode()
    assert "UNODC Prison Art" in page and ">Other</a>" in page


def test_making_a_section_private_forgets_its_cached_copies(client, campaign):
    _cached(client, "/mandela-day/")
    PageViewRestriction.objects.create(page=campaign, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/mandela-day/")
    assert response.status_code == 302 and "X-Cache" not in response
