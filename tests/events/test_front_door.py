"""The public front door: the home page leads with what is live, a finished contest says where its results are,
titles are not repeated, every page has a search box, and the home page is cached no longer than what is live."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from core import page_cache
from gallery.exhibition.models import ExhibitionPage
from gallery.judging.models import Result, Round
from tests.events.conftest import at
from tests.factories import CampaignFactory, ContestFactory, EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def _soup(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def live_and_finished(home, today):
    """A finished campaign (2020) and one under way with a contest open for entries and an upcoming event."""
    finished = CampaignFactory(
        parent=home, title="Campaign 2020", slug="c2020", start_date=datetime.date(2020, 5, 18),
        end_date=datetime.date(2020, 7, 18),
    )  # fmt: skip
    live = CampaignFactory(
        parent=home, title="Campaign now", slug="c-now", start_date=today - datetime.timedelta(days=5),
        end_date=today + datetime.timedelta(days=60),
    )  # fmt: skip
    closes = at(today.year + 1, 7, 18, 10)
    contest = ContestFactory(parent=live, title="Open contest", opens_at=timezone.now(), closes_at=closes)
    ContestFactory(parent=live, title="Closed contest")  # closed yesterday: no call to action
    soon = timezone.now() + datetime.timedelta(days=3)
    EventFactory(parent=live, title="Refresher", sessions=[(soon, soon + datetime.timedelta(hours=3))])
    home.featured_campaign = finished  # an editor's old choice: a finished campaign no longer leads
    home.save_revision().publish()
    return finished, live, contest


def test_home_leads_with_the_live_campaign_and_its_open_contest(client, live_and_finished, today):
    finished, live, contest = live_and_finished
    page = _soup(client, "/")
    sections = [section.get("aria-labelledby") for section in page.select("main section")]
    assert sections[0] == "live-heading"
    assert sections.index("upcoming-heading") < sections.index("past-campaigns-heading")

    lead = page.select_one("[data-testid=live-campaign]")
    assert lead.select_one(".card__title").get_text(strip=True) == "Campaign now"
    assert lead.select_one("h2").get_text(strip=True) == "Now"
    open_contests = lead.select(".open-contest")
    assert [item.select_one(".open-contest__title").get_text(strip=True) for item in open_contests] == ["Open contest"]
    deadline = open_contests[0].select_one(".open-contest__deadline").get_text(" ", strip=True)
    assert deadline == f"Entries close on 18 July {today.year + 1}, 10:00 (UTC+5)."
    assert open_contests[0].select_one("a.button")["href"] == contest.url

    past = page.select_one("[data-testid=past-campaigns]")
    assert [title.get_text(strip=True) for title in past.select(".card__title")] == ["Campaign 2020"]
    assert "Refresher" in page.select_one("section[aria-labelledby=upcoming-heading]").get_text()


def test_a_campaign_still_to_come_leads_when_none_is_under_way(client, home, today):
    CampaignFactory(parent=home, title="Old", slug="old", start_date=datetime.date(2020, 1, 1),
                    end_date=datetime.date(2020, 2, 1))  # fmt: skip
    CampaignFactory(parent=home, title="Next", slug="next", start_date=today + datetime.timedelta(days=200),
                    end_date=today + datetime.timedelta(days=230))  # fmt: skip
    lead = _soup(client, "/").select_one("[data-testid=live-campaign]")
    assert lead.select_one(".card__title").get_text(strip=True) == "Next"
    assert lead.select_one("h2").get_text(strip=True) == "Coming up"


def test_only_finished_campaigns_lead_nothing(client, home):
    CampaignFactory(parent=home, title="Old", slug="old", start_date=datetime.date(2020, 1, 1),
                    end_date=datetime.date(2020, 2, 1))  # fmt: skip
    page = _soup(client, "/")
    assert page.select_one("[data-testid=live-campaign]") is None
    assert page.select_one("[data-testid=past-campaigns] .card__title").get_text(strip=True) == "Old"


def test_the_home_page_is_cached_no_longer_than_its_open_contest(client, live_and_finished, monkeypatch, settings):
    settings.VITRINE_PAGE_CACHE_SECONDS = 300
    settings.VITRINE_PUBLIC_PAGE_MAX_AGE = 300
    _finished, _live, contest = live_and_finished
    contest.closes_at = timezone.now() + datetime.timedelta(seconds=90)
    contest.save_revision().publish()
    stored = []
    real_store = page_cache.store
    monkeypatch.setattr(page_cache, "store", lambda key, response, seconds=None: (
        stored.append(seconds), real_store(key, response, seconds))
    )  # fmt: skip

    response = client.get("/")

    assert response["X-Cache"] == "miss"
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 90 and 0 < stored[0] <= 90  # kept until the contest closes, not five minutes
    assert client.get("/")["X-Cache"] == "hit"


def test_the_home_page_without_clock_changes_keeps_the_usual_lifetime(client, home, settings):
    settings.VITRINE_PAGE_CACHE_SECONDS = 300
    settings.VITRINE_PUBLIC_PAGE_MAX_AGE = 300
    CampaignFactory(parent=home, title="Old", slug="old", start_date=datetime.date(2020, 1, 1),
                    end_date=datetime.date(2020, 2, 1))  # fmt: skip
    assert "max-age=300" in client.get("/")["Cache-Control"]


def test_the_site_title_is_not_repeated_and_every_page_has_a_search_box(client, campaign):
    home = _soup(client, "/")
    assert home.title.get_text() == "Vitrine"  # the home page's title is the site's name: said once
    campaign_page = _soup(client, campaign.url)
    assert campaign_page.title.get_text() == "Mandela Day · Vitrine"
    for page in (home, campaign_page):
        form = page.select_one("header form[role=search]")
        assert form["method"] == "get" and form["action"] == "/search/"
        field = form.select_one("input[name=q]")
        assert form.select_one(f"label[for={field['id']}]") is not None
    assert _soup(client, "/ru/").select_one("header form[role=search]")["action"] == "/ru/search/"


def _approved_results(contest):
    round_ = Round.objects.create(contest=contest, name="Scoring", status=Round.Status.CLOSED)
    Result.objects.create(contest=contest, round=round_, approved_by=UserFactory(officer=True))


def _feature_cards(client, campaign):
    return {
        card.select_one(".card__title").get_text(strip=True): card
        for card in _soup(client, campaign.url).select("article.feature-card")
    }


def test_a_finished_contest_says_where_its_results_are(client, campaign):
    shown = ContestFactory(parent=campaign, title="Shown")
    _approved_results(shown)
    exhibition = ExhibitionPage(title="The winners online", slug="winners", contest=shown)
    campaign.add_child(instance=exhibition)
    exhibition.save_revision().publish()
    dated = ContestFactory(parent=campaign, title="Dated", results_on=datetime.date(2027, 7, 18))
    Round.objects.create(contest=dated, name="Scoring", status=Round.Status.OPEN)
    chosen = ContestFactory(parent=campaign, title="Chosen")
    _approved_results(chosen)

    cards = _feature_cards(client, campaign)
    html = str(cards)
    assert "Results announced" not in html
    assert cards["Shown"].select_one(".badge").get_text(strip=True) == "Results in the online exhibition"
    link = cards["Shown"].select_one(".feature-card__results a")
    assert link["href"] == exhibition.url and "The winners online" in link.get_text()
    assert cards["Dated"].select_one(".feature-card__note").get_text(strip=True) == "Results on 18 July 2027"
    assert cards["Chosen"].select_one(".feature-card__note").get_text(strip=True) == (
        "The exhibition of the winners is being prepared."
    )
    contest_page = _soup(client, shown.url)
    assert contest_page.select_one(f".contest a[href='{exhibition.url}']") is not None
    assert "Results on 18 July 2027" in _soup(client, dated.url).get_text()


def test_the_events_filter_offers_used_kinds_with_labels_tied_to_their_controls(client, campaign, event_index):
    EventFactory(parent=campaign, title="A webinar", kind="webinar", sessions=[(at(2020, 1, 1), at(2020, 1, 1, 12))])
    EventFactory(parent=campaign, title="A training", kind="training")
    form = _soup(client, event_index.url).select_one("form.filters")
    kinds = [option["value"] for option in form.select("#filter-kind option")]
    assert kinds == ["", "webinar", "training"]  # "All kinds", then only the kinds that have events, in their order
    for field in form.select(".filters__field"):  # one wrapper per label and its control: they wrap together
        label, control = field.select_one("label"), field.select_one("select")
        assert label["for"] == control["id"]
    assert len(form.select(".filters__field")) == 3


def test_past_events_offer_no_calendar_file(client, campaign):
    past = EventFactory(parent=campaign, title="Past", sessions=[(at(2020, 7, 13, 11), at(2020, 7, 13, 13))])
    soon = timezone.now() + datetime.timedelta(days=2)
    coming = EventFactory(parent=campaign, title="Coming", sessions=[(soon, soon + datetime.timedelta(hours=2))])
    past_page = _soup(client, past.url)
    assert past_page.select_one("a.calendar-link") is None
    assert past_page.select_one("link[type='text/calendar']") is None
    assert "13 July 2020, 11:00" in past_page.select_one("li.session").get_text() and "(UTC+6)" in str(past_page)
    coming_page = _soup(client, coming.url)
    assert coming_page.select_one("a.calendar-link")["href"] == f"/calendar/events/{coming.pk}.ics"


def test_an_event_page_is_cached_no_longer_than_its_next_session(client, campaign, settings):
    settings.VITRINE_PAGE_CACHE_SECONDS = settings.VITRINE_PUBLIC_PAGE_MAX_AGE = 300
    ends = timezone.now() + datetime.timedelta(seconds=60)
    event = EventFactory(parent=campaign, title="Now", sessions=[(ends - datetime.timedelta(hours=1), ends)])
    response = client.get(event.url)
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 60  # "Add to calendar" goes when it ends
