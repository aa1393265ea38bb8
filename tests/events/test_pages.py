"""Every page type renders for the public, with the content that matters on it."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from events.models import EventPage
from tests.events.conftest import at
from tests.factories import ContestFactory, EventFactory, StoryFactory, UserFactory, WagtailImageFactory

pytestmark = pytest.mark.django_db


def test_home_page_shows_upcoming_events_stories_and_the_finished_campaign_below(client, home, campaign, story):
    soon = timezone.now() + datetime.timedelta(days=3)
    EventFactory(parent=campaign, title="Future webinar", sessions=[(soon, soon + datetime.timedelta(hours=2))])
    html = client.get("/").content.decode()
    # The campaign (July 2020) has ended: it is listed below the upcoming events, not leading the page.
    assert html.index('id="upcoming-heading"') < html.index('id="past-campaigns-heading"')
    assert "Mandela Day" in html.split('id="past-campaigns-heading"')[1].split("</section>")[0]
    assert 'data-testid="live-campaign"' not in html
    assert "Future webinar" in html
    assert "Officers complete the course" in html
    assert "Latest exhibition" not in html  # no exhibition page exists: the section is left out


def test_campaign_page_lists_upcoming_and_past_events_and_stories(client, campaign, story):
    now = timezone.now()
    EventFactory(
        parent=campaign,
        title="Coming soon",
        sessions=[(now + datetime.timedelta(days=1), now + datetime.timedelta(days=1, hours=1))],
    )
    EventFactory(parent=campaign, title="Long ago", sessions=[(at(2020, 7, 13), at(2020, 7, 13, 12))])
    html = client.get(campaign.url).content.decode()
    upcoming, past = html.index('id="upcoming-heading"'), html.index('id="past-heading"')
    assert upcoming < html.index("Coming soon") < past < html.index("Long ago")
    assert "Officers complete the course" in html
    assert '<time datetime="2020-07-13">13 July 2020</time>' in html
    assert f'href="/calendar/campaigns/{campaign.pk}.ics"' in html


def test_event_page_shows_sessions_in_its_own_time_zone_with_utc_datetime(client, campaign):
    event = EventFactory(
        parent=campaign,
        title="Four-day webinar",
        sessions=[(at(2020, 5, day), at(2020, 5, day, 13), f"Day {day - 17}") for day in (18, 19, 20, 21)],
        kind=EventPage.Kind.WEBINAR,
    )
    html = client.get(event.url).content.decode()
    assert html.count('class="session"') == 4
    # 10:00 in Almaty (UTC+6 in 2020) is 04:00 UTC.
    assert '<time datetime="2020-05-18T04:00:00+00:00">18 May 2020, 10:00</time>' in html
    assert "Day 4:" in html and '<span class="time-zone">(UTC+6)</span>' in html
    assert "Webinar" in html


def test_all_day_multi_day_event_shows_dates_only(client, campaign):
    event = EventFactory(
        parent=campaign, title="Conference", sessions=[(at(2026, 9, 22, 0), at(2026, 9, 24, 23, 59))], all_day=True
    )
    html = client.get(event.url).content.decode()
    assert '<time datetime="2026-09-22">22 September 2026</time>' in html
    assert '<time datetime="2026-09-24">24 September 2026</time>' in html
    assert "data-local-time" not in html and "local-time.js" not in html


@pytest.mark.parametrize(
    ("status", "banner"),
    [("cancelled", "This event has been cancelled."), ("postponed", "This event has been postponed.")],
)
def test_status_banner(client, campaign, status, banner):
    event = EventFactory(
        parent=campaign,
        title="Opening",
        sessions=[(at(2030, 1, 1), at(2030, 1, 1, 12))],
        status=status,
        status_note="Why",
    )
    html = client.get(event.url).content.decode()
    assert re.search(rf'status-banner--{status}" role="alert">\s*<p><strong>{banner}</strong> Why', html)


def test_scheduled_event_has_no_banner(client, campaign):
    event = EventFactory(parent=campaign, title="Opening", sessions=[(at(2030, 1, 1), at(2030, 1, 1, 12))])
    assert "status-banner" not in client.get(event.url).content.decode()


def test_join_link_only_for_signed_in_visitors_and_only_before_the_end(client, campaign):
    now = timezone.now()
    join = "https://meet.example.org/room-42"
    upcoming = EventFactory(
        parent=campaign,
        title="Upcoming",
        sessions=[(now + datetime.timedelta(hours=1), now + datetime.timedelta(hours=2))],
        join_url=join,
    )
    ended = EventFactory(
        parent=campaign,
        title="Ended",
        sessions=[(now - datetime.timedelta(hours=3), now - datetime.timedelta(hours=1))],
        join_url=join,
    )

    assert join not in client.get(upcoming.url).content.decode()
    assert "shown to signed-in participants" in client.get(upcoming.url).content.decode()

    client.force_login(UserFactory(username="participant"))
    assert join in client.get(upcoming.url).content.decode()
    assert join not in client.get(ended.url).content.decode()


def test_recording_and_materials_appear_after_the_event(client, campaign):
    now = timezone.now()
    recording = "https://video.example.org/recording"
    later = EventFactory(
        parent=campaign,
        title="Later",
        sessions=[(now + datetime.timedelta(days=1), now + datetime.timedelta(days=2))],
        recording_url=recording,
    )
    over = EventFactory(
        parent=campaign,
        title="Over",
        sessions=[(now - datetime.timedelta(days=2), now - datetime.timedelta(days=1))],
        recording_url=recording,
    )
    assert recording not in client.get(later.url).content.decode()
    assert recording in client.get(over.url).content.decode()


def test_event_json_ld(client, campaign):
    event = EventFactory(
        parent=campaign,
        title="Master class",
        sessions=[(at(2020, 7, 13, 11), at(2020, 7, 13, 13))],
        attendance_mode=EventPage.Attendance.MIXED,
        status=EventPage.Status.POSTPONED,
        venue_name="Academy",
        venue_address="Kostanay",
    )
    html = client.get(event.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Event"
    assert data["name"] == "Master class"
    assert data["startDate"] == "2020-07-13T11:00:00+06:00"
    assert data["endDate"] == "2020-07-13T13:00:00+06:00"
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    types = {location["@type"] for location in data["location"]}
    assert types == {"Place", "VirtualLocation"}
    place = next(location for location in data["location"] if location["@type"] == "Place")
    assert place["address"] == "Kostanay"
    assert "image" not in data

    event.hero_image = WagtailImageFactory(title="Hero")
    event.save_revision().publish()
    data = json.loads(
        re.search(r'type="application/ld\+json">(.*?)</script>', client.get(event.url).content.decode(), re.S)[1]
    )
    assert data["image"][0].startswith("http://testserver/") and "fill-1200x630" in data["image"][0]


def test_json_ld_escapes_script_breaking_text(client, campaign):
    event = EventFactory(
        parent=campaign, title="Tricky", sessions=[(at(2030, 1, 1), at(2030, 1, 1, 12))], summary="</script><b>x</b>"
    )
    html = client.get(event.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(raw)["description"] == "</script><b>x</b>"


def test_open_graph_and_twitter_tags_use_page_image_then_default(client, campaign, settings):
    from wagtail.models import Site

    from core.models import SiteIdentity

    html = client.get(campaign.url).content.decode()
    assert '<meta property="og:title" content="Mandela Day">' in html
    assert '<meta property="og:description" content="A week of art and training.">' in html
    assert "og:image" not in html and '<meta name="twitter:card" content="summary">' in html

    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.default_share_image = WagtailImageFactory(title="Default share")
    identity.save()
    html = client.get(campaign.url).content.decode()
    default_url = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert default_url.startswith("http://testserver/") and "fill-1200x630" in default_url
    assert '<meta name="twitter:card" content="summary_large_image">' in html

    campaign.hero_image = WagtailImageFactory(title="Hero")
    campaign.save_revision().publish()
    html = client.get(campaign.url).content.decode()
    own_url = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert own_url != default_url
    assert f"images/{campaign.hero_image.file.name.split('/')[-1].rsplit('.', 1)[0]}" in own_url


def test_every_public_page_type_has_open_graph_tags(client, home, campaign, story, event_index, story_index):
    event = EventFactory(parent=campaign, title="Any", sessions=[(at(2030, 1, 1), at(2030, 1, 1, 12))])
    for url in ["/", campaign.url, event.url, story.url, event_index.url, story_index.url, "/search/?q=x"]:
        html = client.get(url).content.decode()
        assert '<meta property="og:title"' in html, url
        assert '<meta property="og:url" content="http://testserver' in html, url
        assert '<meta name="twitter:card"' in html, url


def test_story_page_with_tags_and_gallery(client, campaign, story_index):
    image = WagtailImageFactory(title="Gallery photo")
    story = StoryFactory(
        parent=campaign,
        title="Exhibition online",
        slug="exhibition-online",
        date=datetime.date(2020, 7, 20),
        gallery=json.dumps(
            [
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "decorative": False, "alt_text": "Painted sun"},
                        "caption": "A sun",
                    },
                }
            ]
        ),
        body=json.dumps(
            [
                {
                    "type": "key_figures",
                    "value": {"heading": "", "figures": [{"figure": "1,100+", "label": "officers trained"}]},
                }
            ]
        ),
    )
    story.tags.add("Mandela Rules")
    story.save_revision().publish()
    html = client.get(story.url).content.decode()
    assert '<time datetime="2020-07-20">20 July 2020</time>' in html
    assert 'alt="Painted sun"' in html and "<figcaption>A sun</figcaption>" in html
    assert "<source" in html and "image/avif" in html and "image/webp" in html
    assert "1,100+" in html and "officers trained" in html
    assert f'<a href="{story_index.url}?tag=mandela-rules" rel="tag">Mandela Rules</a>' in html
    index_html = client.get(story_index.url + "?tag=mandela-rules").content.decode()
    assert "Exhibition online" in index_html


def test_event_and_story_index_pages_render(client, event_index, story_index, story):
    assert client.get(event_index.url).status_code == 200
    html = client.get(story_index.url).content.decode()
    assert "Officers complete the course" in html
    assert 'type="application/rss+xml"' in html and 'type="application/atom+xml"' in html


def test_campaign_lists_a_contest_child_with_its_state(client, campaign):
    """Campaigns know contests only through the page tree and the listing_status() they offer."""
    now = timezone.now()
    contest = ContestFactory(
        parent=campaign,
        title="Art contest",
        slug="art-contest",
        code="TST1",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=10),
        consent_statement="Consent given.",
    )
    html = client.get(campaign.url).content.decode()
    section = html[html.index('id="features-heading"') : html.index('id="upcoming-heading"')]
    assert "Art contest" in section
    assert f'badge--{contest.listing_status_key()}">{contest.listing_status()}</strong>' in section
    assert "Open for entries" in section


def test_publishing_makes_the_renditions_so_visitors_never_wait_for_them(
    client, campaign, django_capture_on_commit_callbacks
):
    from wagtail.images import get_image_model

    Rendition = get_image_model().get_rendition_model()
    campaign.hero_image = WagtailImageFactory(title="Hero")
    with django_capture_on_commit_callbacks(execute=True):
        campaign.save_revision().publish()
    made = Rendition.objects.filter(image=campaign.hero_image).count()
    assert made == 16  # 3 formats x 2 card sizes, 3 formats x 3 hero sizes, 1 share image
    EventFactory(
        parent=campaign,
        title="With picture",
        sessions=[(at(2030, 1, 1), at(2030, 1, 1, 12))],
        hero_image=campaign.hero_image,
    )
    for url in ("/", campaign.url, campaign.get_children().get().url):
        assert client.get(url).status_code == 200
    assert Rendition.objects.filter(image=campaign.hero_image).count() == made  # the pages only read them
