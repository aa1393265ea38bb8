from datetime import timedelta

from django.utils import timezone

from tests.intake.conftest import make_contest


def test_open_contest_page_shows_rules_deadline_countdown_and_state(client, contest):
    contest.rules = "<p>Up to five works per facility.</p>"
    contest.save_revision().publish()
    html = client.get(contest.url).content.decode()
    assert "Up to five works per facility." in html
    assert "Open for entries" in html
    assert "data-countdown=" in html and "countdown.js" in html
    assert contest.listing_status_key() == "open"


def test_listing_status_follows_the_clock(campaign, regions):
    now = timezone.now()
    upcoming = make_contest(campaign, regions, code="UP", slug="up", opens=now + timedelta(days=1),
                            closes=now + timedelta(days=5))  # fmt: skip
    assert upcoming.listing_status_key() == "upcoming"
    assert upcoming.listing_status_key(now + timedelta(days=2)) == "open"
    assert upcoming.listing_status_key(upcoming.closes_at + timedelta(seconds=1)) == "closed"
    assert str(upcoming.listing_status(upcoming.closes_at + timedelta(seconds=1))) == "Closed for entries"
