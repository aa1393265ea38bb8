"""A contest's public status: its dates, or what an app building on contests reports through the
"contest_listing_status" hook (judging: "judging", "results"), asked for many contests at once."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks

from gallery.judging.models import Result, Round
from gallery.models import ContestPage
from gallery.models.contest import LISTING_STATUS_HOOK
from tests.factories import CampaignFactory, ContestFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]


def contests_in_judging(campaign, count):
    """`count` contests whose entry period is over: one with approved results, the others with an open round."""
    contests = [ContestFactory(parent=campaign) for _ in range(count)]
    officer = UserFactory(officer=True)
    for contest in contests:
        round_ = Round.objects.create(contest=contest, name="Scoring", status=Round.Status.OPEN)
    Result.objects.create(contest=contests[0], round=round_, approved_by=officer)
    return contests


def test_judging_reports_its_state_through_the_hook(campaign):
    closed, judged, announced = (ContestFactory(parent=campaign) for _ in range(3))
    Round.objects.create(contest=judged, name="Scoring", status=Round.Status.OPEN)
    finished = Round.objects.create(contest=announced, name="Scoring", status=Round.Status.CLOSED)
    Result.objects.create(contest=announced, round=finished, approved_by=UserFactory(officer=True))

    assert [c.listing_status_key() for c in (closed, judged, announced)] == ["closed", "judging", "results"]
    prepared = ContestPage.prepare_listing(ContestPage.objects.filter(pk__in=[closed.pk, judged.pk, announced.pk]))
    assert {c.pk: str(c.listing_status()) for c in prepared} == {
        closed.pk: "Closed for entries",
        judged.pk: "Judging in progress",
        announced.pk: "Winners chosen",  # with a note on what follows: never "results announced" alone
    }
    assert str(announced.listing_note()) == "The exhibition of the winners is being prepared."


def test_the_first_hook_to_answer_wins_and_dates_decide_otherwise(campaign):
    open_contest = ContestFactory(parent=campaign, open_for_entries=True)
    reported = ContestFactory(parent=campaign)

    def exhibition_hook(contests):
        return {contest.pk: "exhibition" for contest in contests if contest.pk == reported.pk}

    with hooks.register_temporarily(LISTING_STATUS_HOOK, exhibition_hook):
        assert reported.listing_status_key() == "exhibition"
        assert open_contest.listing_status_key() == "open"


def test_prepared_contests_ask_no_more_queries(campaign):
    contests = ContestPage.prepare_listing(
        ContestPage.objects.filter(pk__in=[c.pk for c in contests_in_judging(campaign, 3)])
    )
    with CaptureQueriesContext(connection) as queries:
        keys = [contest.listing_status_key() for contest in contests] + [str(c.listing_status()) for c in contests]
    assert len(queries) == 0
    assert sorted(keys[:3]) == ["judging", "judging", "results"]


def test_preparing_takes_the_same_queries_for_one_contest_or_many(campaign):
    def count(contests):
        with CaptureQueriesContext(connection) as queries:
            ContestPage.prepare_listing(contests)
        return len(queries)

    one = contests_in_judging(campaign, 1)
    many = contests_in_judging(CampaignFactory(), 6)
    assert count(one) == count(many) > 0


@pytest.fixture
def warm_client(client):
    def get(url):
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_campaign_page_queries_do_not_grow_with_its_contests(warm_client):
    def count(campaign):
        warm_client(campaign.url)  # per-process caches (site root paths, settings)
        with CaptureQueriesContext(connection) as queries:
            html = warm_client(campaign.url)
        return len(queries), html

    small, large = CampaignFactory(slug="small"), CampaignFactory(slug="large")
    contests_in_judging(small, 1)
    contests_in_judging(large, 6)
    small_count, small_html = count(small)
    large_count, large_html = count(large)
    assert small_count == large_count
    # Each contest still shows its status: the one with results and five (of six) in judging.
    assert small_html.count("Winners chosen") == large_html.count("Winners chosen") == 1
    assert "Results announced" not in large_html
    assert large_html.count("Judging in progress") == 5


def test_a_contest_page_shows_the_judging_state(client, campaign):
    contest = contests_in_judging(campaign, 2)[1]
    html = client.get(contest.url).content.decode()
    assert 'data-testid="contest-status">Judging in progress<' in html


def test_upcoming_contest_is_listed_as_opening_soon(client, campaign):
    now = timezone.now()
    ContestFactory(parent=campaign, opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=9))
    html = client.get(campaign.url).content.decode()
    assert 'badge--upcoming">Opens soon</strong>' in html
