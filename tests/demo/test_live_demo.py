"""After seed_demo, the platform can be tried live: a contest open for entries and a round open for scoring."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from events.models import CampaignPage
from gallery.exhibition.models import ExhibitionPage
from gallery.judging.models import Round, RoundEntry, Score
from gallery.models import ContestPage, Entry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def sign_in(client, settings, username):
    assert client.login(username=username, password=settings.DEMO_PASSWORD)


def test_facility_portal_offers_the_open_contest_and_the_draft(client, settings):
    sign_in(client, settings, "facility-kar1")
    page = BeautifulSoup(client.get(reverse("portal:dashboard")).content, "html.parser")

    open_contests = [h.get_text(strip=True) for h in page.select("section[aria-labelledby=open-contests] h3")]
    assert open_contests == ["Art contest 2027: Freedom in colour"]
    md27 = ContestPage.objects.get(code="MD27")
    assert page.select_one(f"a[href='{reverse('portal:entry_create', args=[md27.pk])}']") is not None

    rows = {
        tr.select_one("td a").get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")]
        for tr in page.select("table.portal-entries tbody tr")
    }
    draft = rows["Colours of the morning yard"]
    assert draft[1] == md27.title and draft[3] == "Draft" and draft[5] == "1"
    entry = Entry.objects.get(contest=md27)
    assert entry.facility.code == "KAR1" and entry.state == Entry.State.DRAFT and entry.images.count() == 1
    assert client.get(reverse("portal:entry", args=[entry.pk])).status_code == 200


def test_other_facilities_have_nothing_in_the_open_contest_yet(client, settings):
    sign_in(client, settings, "facility-pav2")
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert "Art contest 2027: Freedom in colour" in html  # open to them too
    assert not Entry.objects.filter(contest__code="MD27").exclude(facility__code="KAR1").exists()


def test_judge1_finds_an_open_round_three_of_twelve_scored(client, settings):
    sign_in(client, settings, "judge1")
    page = BeautifulSoup(client.get(reverse("judging:index")).content, "html.parser")
    cards = {
        card.select_one("h2").get_text(" ", strip=True): card.get_text(" ", strip=True)
        for card in page.select("li.card")
    }
    ph26 = cards["Photo contest 2026: Light behind walls · Scoring"]
    assert "Open" in ph26 and "3 of 12 scored" in ph26 and "submitted" not in ph26
    md20 = cards["Art and photo contest · Scoring"]  # MD20 stays judged, closed and submitted
    assert "Closed" in md20 and "22 of 22 scored" in md20 and "submitted" in md20

    round_ = Round.objects.get(contest__code="PH26")
    assert round_.accepts_scores
    queue = BeautifulSoup(client.get(reverse("judging:queue", args=[round_.pk])).content, "html.parser")
    assert "3 of 12 scored" in queue.select_one(".judging-progress").get_text(" ", strip=True)
    assert len(queue.select("li.judging-queue__item")) == 12
    assert len(queue.select("li.judging-queue__item.is-done")) == 3
    assert queue.select_one(".judging-submit a[href]") is not None  # nobody has submitted yet


def test_other_judges_progress(client, settings):
    round_ = Round.objects.get(contest__code="PH26")
    done = {}
    for username in ("judge2", "judge3"):
        client.logout()
        sign_in(client, settings, username)
        queue = BeautifulSoup(client.get(reverse("judging:queue", args=[round_.pk])).content, "html.parser")
        done[username] = queue.select_one(".judging-progress").get_text(" ", strip=True)
    assert done == {"judge2": "6 of 12 scored", "judge3": "0 of 12 scored"}
    assert not round_.round_judges.filter(submitted_at__isnull=False).exists()


def test_campaign_2027_shows_one_contest_open_and_one_in_judging(client):
    campaign = CampaignPage.objects.get(slug="nelson-mandela-day-2027")
    assert campaign.live and str(campaign.start_date) == "2027-07-01" and str(campaign.end_date) == "2027-07-31"
    page = BeautifulSoup(client.get(campaign.url).content, "html.parser")
    status = {
        card.select_one(".card__title").get_text(strip=True): card.select_one(".badge").get_text(strip=True)
        for card in page.select("article.feature-card")
    }
    assert status == {
        "Art contest 2027: Freedom in colour": "Open for entries",
        "Photo contest 2026: Light behind walls": "Judging in progress",
    }


def test_judge1_scores_through_the_judging_screen_url(client, settings):
    sign_in(client, settings, "judge1")
    round_ = Round.objects.get(contest__code="PH26")
    judge = round_.round_judges.get(judge__username="judge1").judge
    unscored = RoundEntry.objects.filter(round=round_).exclude(scores__judge=judge).order_by("position").first()
    entry_html = client.get(reverse("judging:entry", args=[round_.pk, unscored.code])).content.decode()
    url = reverse("judging:score", args=[round_.pk, unscored.code])
    criterion = round_.criteria.order_by("position").first()

    response = client.post(url, json.dumps({"criterion": criterion.pk, "value": 7}), content_type="application/json")

    assert response.status_code == 200 and response.json() == {"saved": True, "value": 7}
    assert Score.objects.get(round_entry=unscored, judge=judge, criterion=criterion).value == 7
    assert f'data-score-url="{url}"' in entry_html  # the URL the screen posts to


def test_a_second_run_moves_no_date_and_adds_nothing():
    before = {c.code: (c.opens_at, c.closes_at) for c in ContestPage.objects.filter(code__in=["MD27", "PH26"])}
    round_before = Round.objects.filter(contest__code="PH26").values_list("opens_at", "closes_at").get()
    counts = (Entry.objects.count(), Score.objects.count(), RoundEntry.objects.count())

    call_command("seed_demo", "--force", verbosity=0)

    after = {c.code: (c.opens_at, c.closes_at) for c in ContestPage.objects.filter(code__in=["MD27", "PH26"])}
    assert after == before
    assert Round.objects.filter(contest__code="PH26").values_list("opens_at", "closes_at").get() == round_before
    assert (Entry.objects.count(), Score.objects.count(), RoundEntry.objects.count()) == counts


def test_the_2020_exhibition_shows_its_ten_winners_from_home_and_campaign(client):
    home = BeautifulSoup(client.get("/").content, "html.parser")
    link = home.select_one(".latest-exhibition a")
    exhibition = BeautifulSoup(client.get(link["href"]).content, "html.parser")
    winners = exhibition.select("#winners-heading ~ .work-grid .work-tile")
    assert len(winners) == 10 and len(exhibition.select(".work-tile")) == 13
    assert all(tile.select_one("img")["alt"] for tile in exhibition.select(".work-tile"))
    campaign_2020 = CampaignPage.objects.get(slug="nelson-mandela-day-2020")
    assert link["href"] in client.get(campaign_2020.url).content.decode()
    campaign_2027 = CampaignPage.objects.get(slug="nelson-mandela-day-2027")
    assert not ExhibitionPage.objects.descendant_of(campaign_2027).exists()
