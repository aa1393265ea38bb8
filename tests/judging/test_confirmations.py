"""A judge's steps that are hard to take back ask first, without any script: stepping aside from an entry and
submitting. A declaration can be withdrawn until the judge submits (the service and its screens)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from core import dates
from gallery.judging.domain import errors, results, scoring
from gallery.judging.models import Declaration, Round, RoundJudge
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = pytest.mark.django_db


@pytest.fixture
def judged(client):
    contest = ContestFactory(number_of_winners=1)
    place = FacilityFactory()
    for _ in range(2):
        EntryFactory(contest=contest, facility=place)
    rubric(contest)
    judge = UserFactory(username="juror1", judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    client.force_login(judge)
    return round_, judge, list(round_.round_entries.select_related("round", "entry").order_by("position"))


def declare_url(round_entry):
    return reverse("judging:declare", args=[round_entry.round_id, round_entry.code])


def submitted_at(round_, judge):
    return RoundJudge.objects.get(round=round_, judge=judge).submitted_at


def score_all(round_, judge, round_entries, value=7):
    for round_entry in round_entries:
        for criterion in round_.criteria.all():
            scoring.save_score(judge, round_entry, criterion.pk, value)


def test_declaring_a_conflict_asks_first_and_changes_nothing_until_confirmed(client, judged):
    round_, judge, round_entries = judged
    data = {"kind": "conflict", "reason": "I taught this artist."}
    page = client.post(declare_url(round_entries[0]), data)
    html = page.content.decode()
    assert page.status_code == 200 and "I taught this artist." in html
    assert 'name="confirmed" value="yes"' in html and "<script>" not in html and " onclick=" not in html
    assert not Declaration.objects.exists() and not ModelLogEntry.objects.filter(action="judging.declare")
    confirmed = client.post(declare_url(round_entries[0]), {**data, "confirmed": "yes"})
    assert confirmed.status_code == 302 and confirmed.url == reverse("judging:queue", args=[round_.pk])
    assert Declaration.objects.get().kind == "conflict"


def test_a_conflict_can_be_withdrawn_until_the_judge_submits(client, judged):
    round_, judge, round_entries = judged
    first = round_entries[0]
    score_all(round_, judge, [first], value=9)
    scoring.declare(judge, first, "conflict", "Neighbour.")
    queue = client.get(reverse("judging:queue", args=[round_.pk])).content.decode()
    withdraw_url = reverse("judging:withdraw", args=[round_.pk, first.code])
    assert withdraw_url in queue
    assert client.get(withdraw_url).status_code == 405  # only a POST withdraws
    response = client.post(withdraw_url)
    assert response.status_code == 302 and response.url == reverse("judging:entry", args=[round_.pk, first.code])
    assert not Declaration.objects.exists()
    assert ModelLogEntry.objects.get(action="judging.declare.withdraw").data == {"kind": "conflict"}
    entry_page = client.get(response.url).content.decode()
    assert first.entry.title in entry_page  # the work is back, with the scores saved before
    row = next(r for r in results.compute_results(round_).rows if r.round_entry_id == first.pk)
    assert row.judge_scores  # counted again
    # After submitting, neither a new declaration nor a withdrawal goes through.
    scoring.declare(judge, first, "abstain", "Unsure.")
    score_all(round_, judge, round_entries[1:])
    scoring.submit(judge, round_)
    assert client.post(withdraw_url).status_code == 302
    assert Declaration.objects.get().kind == "abstain"
    with pytest.raises(errors.JudgingError):
        scoring.withdraw_declaration(judge, first)


def test_withdrawing_what_was_never_declared_is_refused(client, judged):
    round_, judge, round_entries = judged
    with pytest.raises(errors.JudgingError, match="not stepped aside"):
        scoring.withdraw_declaration(judge, round_entries[0])
    other = UserFactory(judge=True)
    client.force_login(other)  # not a judge of this round
    assert client.post(reverse("judging:withdraw", args=[round_.pk, round_entries[0].code])).status_code == 404


def test_submitting_asks_first_and_a_bare_post_submits_nothing(client, judged):
    round_, judge, round_entries = judged
    url = reverse("judging:submit", args=[round_.pk])
    queue = client.get(reverse("judging:queue", args=[round_.pk])).content.decode()
    assert f'href="{url}"' in queue  # a link to the confirmation, not a form that submits at once
    unfinished = client.get(url).content.decode()
    assert "2 entries still need scores" in unfinished and 'name="confirmed"' not in unfinished
    score_all(round_, judge, round_entries)
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and 'name="confirmed" value="yes"' in html and "2 of 2" in html
    bare = client.post(url)
    assert bare.status_code == 302 and bare.url == url and submitted_at(round_, judge) is None
    done = client.post(url, {"confirmed": "yes"})
    assert done.status_code == 302 and submitted_at(round_, judge) is not None
    locked = client.get(url).content.decode()
    zone = dates.zone_name(submitted_at(round_, judge), round_.contest.time_zone)
    assert "They are locked" in locked and f"({zone})" in locked


def test_judging_pages_show_who_is_signed_in_and_sign_out(client, judged):
    round_, judge, round_entries = judged
    for url in (
        reverse("judging:index"),
        reverse("judging:queue", args=[round_.pk]),
        reverse("judging:entry", args=[round_.pk, round_entries[0].code]),
        reverse("judging:submit", args=[round_.pk]),
    ):
        html = client.get(url).content.decode()
        assert "Signed in as <strong>juror1</strong>" in html and f'action="{reverse("logout")}"' in html, url
    response = client.post(reverse("logout"), {"next": reverse("judging:index")})
    assert response.status_code == 302
    assert client.get(reverse("judging:index")).status_code == 302  # signed out: to the sign-in page


def test_times_on_judges_screens_carry_their_zone(client, judged):
    round_, judge, round_entries = judged
    Round.objects.filter(pk=round_.pk).update(closes_at=timezone.now() + timedelta(days=5))
    round_.refresh_from_db()
    closes = round_.closes_in_contest_zone
    assert closes.endswith(f"({dates.zone_name(round_.closes_at, round_.contest.time_zone)})")
    for url in (
        reverse("judging:index"),
        reverse("judging:queue", args=[round_.pk]),
        reverse("judging:submit", args=[round_.pk]),
    ):
        assert closes in client.get(url).content.decode(), url
