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
