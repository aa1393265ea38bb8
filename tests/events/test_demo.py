"""The events part of the demo: the Nelson Mandela Day 2020 campaign, built once however often it runs."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, Revision

from core import roles
from demo import campaigns as demo
from demo.accounts import DemoContext
from demo.accounts import seed as seed_shared
from events.models import CampaignPage, EventPage, StoryPage

pytestmark = pytest.mark.django_db


def run_demo():
    context = DemoContext(password="demo-password", log=lambda *args: None)
    seed_shared(context)
    demo.seed(context)
    demo.seed_next_campaign(context)
    return context


def test_demo_campaign_events_and_story(client):
    context = run_demo()
    campaign = context.objects["campaign"]
    assert isinstance(campaign, CampaignPage) and campaign.live and campaign.slug == "nelson-mandela-day-2020"

    webinar = EventPage.objects.get(slug="webinar-preventing-radicalisation-2020")
    sessions = list(webinar.sessions.order_by("start"))
    assert [s.start.astimezone(webinar.zone).day for s in sessions] == [18, 19, 20, 21]
    assert EventPage.objects.filter(status__in=["cancelled", "postponed"]).exists()
    master_class = EventPage.objects.get(slug="master-class-abstract-acrylic-painting")
    assert master_class.facilities_count == 8 and master_class.speakers.filter(name="Beibit Asemkul").exists()

    home_html = client.get("/").content.decode()
    assert "Mandela Rules refresher" in home_html  # the 2027 event keeps "upcoming" filled
    story = StoryPage.objects.get(slug="e-learning-nelson-mandela-rules-1100-officers")
    assert story.hero_image is not None and len(story.gallery) == 3
    assert "1,100+" in client.get(story.url).content.decode()
    officer2 = get_user_model().objects.get(username="officer2")
    assert officer2.groups.filter(name=roles.OFFICERS).exists()


def test_demo_is_idempotent():
    run_demo()
    counts = (Page.objects.count(), Revision.objects.count(), EventPage.objects.count())
    run_demo()
    assert (Page.objects.count(), Revision.objects.count(), EventPage.objects.count()) == counts


def test_the_2027_refresher_belongs_to_its_campaign(client):
    """The July refresher is an event of the 2027 campaign: listed on its page, found by the campaign filter."""
    context = run_demo()
    next_campaign = context.objects["next_campaign"]
    refresher = EventPage.objects.get(slug=demo.REFRESHER_SLUG)
    assert refresher.get_parent().pk == next_campaign.pk

    campaign_html = client.get(next_campaign.url).content.decode()
    upcoming = campaign_html.split('id="upcoming-heading"')[1].split("</section>")[0]
    assert "Nelson Mandela Rules refresher for prison officers" in upcoming
    assert "No upcoming events in this campaign." not in campaign_html

    events = context.objects["events"]
    filtered = client.get(events.url, {"campaign": next_campaign.pk}).content.decode()
    assert "Nelson Mandela Rules refresher for prison officers" in filtered
    assert "Online master class" not in filtered  # an event of the 2020 campaign


def test_a_refresher_seeded_under_the_event_index_moves_to_its_campaign():
    """Databases seeded before the fix had the refresher under the event index: the next run files it."""
    context = run_demo()
    refresher = EventPage.objects.get(slug=demo.REFRESHER_SLUG)
    refresher.move(context.objects["events"], pos="last-child")
    run_demo()
    refresher.refresh_from_db()
    assert refresher.get_parent().pk == context.objects["next_campaign"].pk
    assert EventPage.objects.filter(slug=demo.REFRESHER_SLUG).count() == 1
