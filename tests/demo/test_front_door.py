"""The home page of the demo leads with what is live: the 2027 campaign and its contest open for entries, with the
deadline and a call to action; upcoming events next; the finished 2020 campaign below."""

import pytest
from bs4 import BeautifulSoup

from core import dates
from events.models import CampaignPage, EventPage
from gallery.models import ContestPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded", "uncached_pages")]


def _soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_demo_home_page_leads_with_the_live_campaign(client):
    page = _soup(client, "/")
    assert page.title.get_text() == "Vitrine"  # not "Vitrine · Vitrine"
    sections = [section.get("aria-labelledby") for section in page.select("main section")]
    assert sections[:2] == ["live-heading", "upcoming-heading"]
    assert sections.index("past-campaigns-heading") > sections.index("upcoming-heading")

    lead = page.select_one("[data-testid=live-campaign]")
    assert lead.select_one(".card__title").get_text(strip=True) == "Nelson Mandela International Day 2027"
    md27 = ContestPage.objects.get(code="MD27")
    contest = lead.select_one(".open-contest")
    assert contest.select_one(".open-contest__title").get_text(strip=True) == md27.title
    deadline = dates.format_moment(md27.closes_at, md27.time_zone)
    assert contest.select_one(".open-contest__deadline").get_text(" ", strip=True) == f"Entries close on {deadline}."
    assert contest.select_one("a.button")["href"] == md27.url
    assert "Photo contest 2026" not in lead.get_text()  # being judged: not open, no call to action

    upcoming = page.select_one("section[aria-labelledby=upcoming-heading]").get_text()
    assert "Nelson Mandela Rules refresher for prison officers" in upcoming
    past = page.select_one("[data-testid=past-campaigns]")
    assert "Nelson Mandela International Day 2020" in past.get_text()


def test_the_2027_campaign_lists_its_refresher_and_says_when_results_come(client):
    campaign = CampaignPage.objects.get(slug="nelson-mandela-day-2027")
    refresher = EventPage.objects.get(slug="mandela-rules-refresher-2027")
    assert refresher.get_parent().pk == campaign.pk
    page = _soup(client, campaign.url)
    upcoming = page.select_one("section[aria-labelledby=upcoming-heading]")
    assert refresher.title in upcoming.get_text() and "No upcoming events" not in upcoming.get_text()
    cards = page.select("article.feature-card")
    notes = {card.select_one(".card__title").get_text(strip=True): card.select_one(".card__meta") for card in cards}
    notes = {title: note.get_text(strip=True) for title, note in notes.items() if note is not None}
    assert notes["Photo contest 2026: Light behind walls"] == "Results on 18 July 2027"
    assert notes["Art contest 2027: Freedom in colour"].startswith("Deadline: ")


def test_the_finished_2020_contest_links_its_exhibition(client):
    campaign = CampaignPage.objects.get(slug="nelson-mandela-day-2020")
    page = _soup(client, campaign.url)
    assert "Results announced" not in page.get_text()
    links = [a["href"] for a in page.select(".feature-card__results a")]
    assert len(links) == 1 and client.get(links[0]).status_code == 200
