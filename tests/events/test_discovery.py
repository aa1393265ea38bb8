"""How the site is found: search, feeds, robots.txt and the sitemap."""

import datetime
import json
import xml.etree.ElementTree as ElementTree

import pytest

from tests.events.conftest import at
from tests.factories import EventFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_search_finds_an_event_by_a_word_in_its_body(client, campaign):
    EventFactory(
        parent=campaign,
        title="Master class",
        sessions=[(at(2020, 7, 13), at(2020, 7, 13, 12))],
        body=json.dumps([{"type": "text", "value": "<p>Prisoners learned acrylic glazing techniques.</p>"}]),
    )
    EventFactory(parent=campaign, title="Webinar", sessions=[(at(2020, 5, 18), at(2020, 5, 18, 12))])
    html = client.get("/search/?q=glazing").content.decode()
    assert "Master class" in html and "Webinar" not in html
    assert "Nothing found" in client.get("/search/?q=zzzyyyxxx").content.decode()


def test_search_leaves_out_drafts(client, campaign):
    draft = EventFactory(
        parent=campaign,
        title="Secret draft",
        sessions=[(at(2020, 7, 13), at(2020, 7, 13, 12))],
        body=json.dumps([{"type": "text", "value": "<p>Unannounced glazing.</p>"}]),
    )
    draft.unpublish()
    assert "Secret draft" not in client.get("/search/?q=glazing").content.decode()


def test_rss_and_atom_feeds_list_stories_newest_first(client, campaign, story_index):
    StoryFactory(parent=story_index, title="Older story", slug="older", date=datetime.date(2020, 5, 1), summary="Old")
    StoryFactory(parent=campaign, title="Newer story", slug="newer", date=datetime.date(2020, 7, 18), summary="New")
    rss = ElementTree.fromstring(client.get("/feeds/stories.rss").content)
    items = rss.findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["Newer story", "Older story"]
    assert items[0].findtext("link") == "http://testserver/mandela-day/newer/"  # the served address
    assert items[0].findtext("description") == "New"

    atom = ElementTree.fromstring(client.get("/feeds/stories.atom").content)
    namespace = {"atom": "http://www.w3.org/2005/Atom"}
    assert [entry.findtext("atom:title", namespaces=namespace) for entry in atom.findall("atom:entry", namespace)] == [
        "Newer story",
        "Older story",
    ]


def test_robots_txt_points_at_the_sitemap_and_keeps_private_areas_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    for path in ("/admin/", "/portal/", "/judging/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_lists_live_pages_only(client, campaign, story, event_index, story_index):
    event = EventFactory(parent=campaign, title="Listed", sessions=[(at(2020, 7, 13), at(2020, 7, 13, 12))])
    draft = EventFactory(parent=campaign, title="Unlisted", sessions=[(at(2020, 7, 14), at(2020, 7, 14, 12))])
    draft.unpublish()
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = {element.text for element in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for page in (campaign, story, event_index, story_index, event):
        assert page.get_full_url() in locations
    assert draft.get_full_url() not in locations
