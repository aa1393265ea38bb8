"""The event index: upcoming first by next session, then past; filters; pagination; constant query counts."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import CampaignPage, EventPage
from tests.events.conftest import at, make_event, make_image, publish

pytestmark = pytest.mark.django_db


def titles(html):
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a></h3>', html)


def test_upcoming_first_by_next_session_then_past_latest_first(client, event_index):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    make_event(event_index, "Past old", [(now - 30 * day, now - 30 * day + datetime.timedelta(hours=1))])
    make_event(event_index, "Past recent", [(now - 2 * day, now - 2 * day + datetime.timedelta(hours=1))])
    make_event(event_index, "In a week", [(now + 7 * day, now + 7 * day + datetime.timedelta(hours=1))])
    # A running multi-session event: its first session is over, the next one is tomorrow.
    make_event(
        event_index,
        "Running webinar",
        [
            (now - 2 * day, now - 2 * day + datetime.timedelta(hours=2)),
            (now + day, now + day + datetime.timedelta(hours=2)),
        ],
    )
    make_event(event_index, "Undated")
    html = client.get(event_index.url).content.decode()
    assert titles(html) == ["Running webinar", "In a week", "Undated", "Past recent", "Past old"]


def test_filters_by_kind_campaign_and_year(client, home, event_index):
    other = publish(home, CampaignPage(title="Other campaign", slug="other"))
    mandela = publish(home, CampaignPage(title="Mandela", slug="mandela"))
    make_event(mandela, "Webinar 2020", [(at(2020, 5, 18), at(2020, 5, 18, 13))], kind=EventPage.Kind.WEBINAR)
    make_event(mandela, "Class 2020", [(at(2020, 7, 13), at(2020, 7, 13, 13))], kind=EventPage.Kind.MASTER_CLASS)
    make_event(other, "Webinar 2021", [(at(2021, 3, 1), at(2021, 3, 1, 13))], kind=EventPage.Kind.WEBINAR)

    assert set(titles(client.get(event_index.url + "?kind=webinar").content.decode())) == {
        "Webinar 2020",
        "Webinar 2021",
    }
    assert titles(client.get(event_index.url + f"?campaign={mandela.pk}").content.decode()) == [
        "Class 2020",
        "Webinar 2020",
    ]
    assert titles(client.get(event_index.url + "?year=2021").content.decode()) == ["Webinar 2021"]
    assert titles(client.get(event_index.url + f"?kind=webinar&year=2020&campaign={mandela.pk}").content.decode()) == [
        "Webinar 2020"
    ]
    html = client.get(event_index.url + "?year=2020").content.decode()
    assert '<option value="2021">2021</option>' in html and '<option value="2020" selected>2020</option>' in html
    # Nonsense filters are ignored rather than failing.
    assert len(titles(client.get(event_index.url + "?kind=party&campaign=x&year=abc").content.decode())) == 3


def test_pagination_keeps_filters_and_order(client, event_index):
    for number in range(15):
        make_event(
            event_index,
            f"Webinar {number:02d}",
            [(at(2020, 1, 1 + number), at(2020, 1, 1 + number, 12))],
            kind=EventPage.Kind.WEBINAR,
        )
    make_event(event_index, "Training", [(at(2020, 2, 1), at(2020, 2, 1, 12))], kind=EventPage.Kind.TRAINING)
    first = client.get(event_index.url + "?kind=webinar").content.decode()
    assert titles(first) == [f"Webinar {number:02d}" for number in range(14, 2, -1)]
    assert 'href="?kind=webinar&amp;page=2"' in first and "Page 1 of 2" in first
    second = client.get(event_index.url + "?kind=webinar&page=2").content.decode()
    assert titles(second) == ["Webinar 02", "Webinar 01", "Webinar 00"]
    assert titles(client.get(event_index.url + "?kind=webinar&page=99").content.decode()) == titles(second)


def _queries(client, url):
    client.get(url)  # the first view creates renditions; measure the steady state
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def _make_events(parent, count, image, start=0):
    now = timezone.now()
    for number in range(start, start + count):
        offset = datetime.timedelta(days=number - count // 2)  # half past, half upcoming
        make_event(
            parent,
            f"Event {number:03d}",
            [
                (now + offset, now + offset + datetime.timedelta(hours=1)),
                (now + offset + datetime.timedelta(days=1), now + offset + datetime.timedelta(days=1, hours=1)),
            ],
            hero_image=image,
        )


@pytest.mark.parametrize("target", ["event_index", "campaign"])
def test_query_count_does_not_grow_with_events(client, request, target):
    parent = request.getfixturevalue(target)
    image = make_image()
    _make_events(parent, 5, image)
    few, html = _queries(client, parent.url)
    assert html.count('class="card event-card') == 5
    _make_events(parent, 45, make_image("Another image"), start=5)
    many, html = _queries(client, parent.url)
    shown = 12 if target == "event_index" else 50
    assert html.count('class="card event-card') == shown
    assert "<picture>" in html
    assert few == many, f"{target}: {few} queries for 5 events, {many} for 50"


@pytest.mark.parametrize("url_name", ["site_calendar", "campaign_calendar", "home"])
def test_calendar_feeds_and_home_page_query_counts_do_not_grow(client, campaign, url_name):
    url = {"site_calendar": "/calendar/events.ics", "campaign_calendar": f"/calendar/campaigns/{campaign.pk}.ics"}.get(
        url_name, "/"
    )
    image = make_image()
    _make_events(campaign, 5, image)
    few, body = _queries(client, url)
    _make_events(campaign, 45, image, start=5)
    many, body = _queries(client, url)
    if url_name != "home":
        assert body.count("BEGIN:VEVENT") == 100  # two sessions per event
    assert few == many, f"{url_name}: {few} queries for 5 events, {many} for 50"
