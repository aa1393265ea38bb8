"""The judges' screens: who may open what, saving scores over HTTP, and constant query counts."""

import json

import pytest
from django.urls import reverse

from gallery.judging.domain import results, scoring
from gallery.judging.models import Declaration, RoundEntry, Score
from tests.factories import (
    ContestFactory,
    EntryFactory,
    FacilityFactory,
    RoundFactory,
    UserFactory,
    bulk_entries,
    rubric,
)

pytestmark = pytest.mark.django_db

# Ceilings a little above today's counts for the small round; the large round must then cost exactly as much.
QUEUE_CEILING = 15
SCORE_CEILING = 21


@pytest.fixture
def judged(client):
    contest = ContestFactory(number_of_winners=1)
    place = FacilityFactory()
    entries = [EntryFactory(contest=contest, facility=place, images=2) for _ in range(3)]
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    client.force_login(judge)
    return round_, judge, entries


def score_url(re):
    return reverse("judging:score", args=[re.round_id, re.code])


def post_score(client, re, criterion, value):
    return client.post(
        score_url(re), json.dumps({"criterion": criterion.pk, "value": value}), content_type="application/json"
    )


def test_signing_in_is_required_and_goes_to_accounts_login(client):
    response = client.get(reverse("judging:index"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/judging/")


def test_judge_sees_only_assigned_rounds_with_progress(client, judged):
    round_, judge, entries = judged
    other = RoundFactory(contest=ContestFactory(), judges=[UserFactory(judge=True)], opened=False)
    other.name = "Someone else's round"
    other.save()
    re = round_.round_entries.select_related("round").first()
    for criterion in round_.criteria.all():
        scoring.save_score(judge, re, criterion.pk, 5)
    html = client.get(reverse("judging:index")).content.decode()
    assert round_.contest.title in html and "1 of 3 scored" in html
    assert "Someone else" not in html
    queue = client.get(reverse("judging:queue", args=[round_.pk])).content.decode()
    assert "1 of 3 scored" in queue
    assert all(re.code in queue for re in round_.round_entries.all())
    assert client.get(reverse("judging:queue", args=[other.pk])).status_code == 404


def test_score_saves_over_http_and_bad_values_are_refused(client, judged):
    round_, judge, _ = judged
    re = round_.round_entries.first()
    criterion = round_.criteria.first()
    response = post_score(client, re, criterion, 8)
    assert response.status_code == 200 and response.json() == {"saved": True, "value": 8}
    assert Score.objects.get(round_entry=re, judge=judge, criterion=criterion).value == 8
    for bad in (11, 0, "x", 2.5):
        response = post_score(client, re, criterion, bad)
        assert response.status_code == 400 and response.json()["saved"] is False
    assert Score.objects.get(round_entry=re, judge=judge, criterion=criterion).value == 8


def test_score_post_needs_csrf(judged):
    from django.test import Client

    round_, judge, _ = judged
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(judge)
    re = round_.round_entries.first()
    response = strict.post(score_url(re), json.dumps({"criterion": round_.criteria.first().pk, "value": 3}),
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 403
    assert not Score.objects.exists()


def test_unassigned_judge_cannot_open_or_score(client, judged):
    round_, _, _ = judged
    outsider = UserFactory(judge=True)
    # A judge of the round but not assigned this entry (k per entry leaves them out).
    re = round_.round_entries.first()
    client.force_login(outsider)
    assert client.get(reverse("judging:entry", args=[round_.pk, re.code])).status_code == 404
    assert post_score(client, re, round_.criteria.first(), 5).status_code == 404
    assert client.get(reverse("judging:image", args=[round_.pk, re.code, 0])).status_code == 404
    assert not Score.objects.exists()


def test_judge_of_round_without_assignment_cannot_open_entry(client):
    contest = ContestFactory()
    place = FacilityFactory()
    for _ in range(2):
        EntryFactory(contest=contest, facility=place)
    rubric(contest)
    first, second = UserFactory(judge=True), UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[first, second], judges_per_entry=1)
    theirs = RoundEntry.objects.filter(round=round_, assignments__judge=second).get()
    client.force_login(first)
    assert client.get(reverse("judging:entry", args=[round_.pk, theirs.code])).status_code == 404
    assert post_score(client, theirs, round_.criteria.first(), 5).status_code == 404


def test_conflicted_entry_cannot_be_seen_or_scored(client, judged):
    round_, judge, _ = judged
    re = round_.round_entries.select_related("round", "entry").first()
    response = client.post(
        reverse("judging:declare", args=[round_.pk, re.code]),
        {"kind": "conflict", "reason": "I know the artist.", "confirmed": "yes"},
    )
    assert response.status_code == 302
    assert Declaration.objects.get(round_entry=re, judge=judge).reason == "I know the artist."
    # Going back to the entry shows only its code and the way to withdraw: nothing of the work.
    page = client.get(reverse("judging:entry", args=[round_.pk, re.code]))
    html = page.content.decode()
    assert page.status_code == 200 and re.code in html and re.entry.title not in html
    assert reverse("judging:image", args=[round_.pk, re.code, 0]) not in html
    assert reverse("judging:withdraw", args=[round_.pk, re.code]) in html
    assert post_score(client, re, round_.criteria.first(), 5).status_code == 404
    assert client.get(reverse("judging:image", args=[round_.pk, re.code, 0])).status_code == 404


def test_submit_locks_and_post_freeze_scores_are_refused(client, judged):
    round_, judge, _ = judged
    for re in round_.round_entries.select_related("round"):
        for criterion in round_.criteria.all():
            assert post_score(client, re, criterion, 6).status_code == 200
    client.post(reverse("judging:submit", args=[round_.pk]), {"confirmed": "yes"})
    re = round_.round_entries.first()
    assert post_score(client, re, round_.criteria.first(), 9).status_code == 400
    results.freeze(round_, UserFactory(officer=True), reason="Not every judge submitted.")
    response = post_score(client, re, round_.criteria.first(), 9)
    assert response.status_code == 409
    assert set(Score.objects.values_list("value", flat=True)) == {6}
    # The entry page stays readable after the freeze, with every score button disabled.
    html = client.get(reverse("judging:entry", args=[round_.pk, re.code])).content.decode()
    assert "disabled" in html and 'aria-pressed="true"' in html


def test_notes_save(client, judged):
    round_, judge, _ = judged
    re = round_.round_entries.first()
    response = client.post(
        reverse("judging:note", args=[round_.pk, re.code]),
        {"comment": "Strong work.", "feedback": "Keep going."},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {"saved": True}
    assert re.notes.get(judge=judge).feedback == "Keep going."


def _queue_queries(client, round_, counting):
    """Queries of one queue view, counted by `counting` (a django_assert_(max_)num_queries context)."""
    client.get(reverse("judging:queue", args=[round_.pk]))  # warm per-process caches (site, settings)
    with counting as queries:
        response = client.get(reverse("judging:queue", args=[round_.pk]))
    assert response.status_code == 200
    return len(queries)


def _same_as_first(counts, ceiling, django_assert_max_num_queries, django_assert_num_queries):
    """The small round sets the count (under a ceiling a little above today's); the large one must match it."""
    if not counts:
        return django_assert_max_num_queries(ceiling)
    return django_assert_num_queries(counts[0], info=f"{counts[0]} queries in the small round")


def test_queue_makes_the_same_number_of_queries_for_50_and_1000_entries(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    judge = UserFactory(judge=True)
    counts = []
    for size in (50, 1000):
        contest = ContestFactory()
        bulk_entries(size, contest=contest, facility=FacilityFactory())
        rubric(contest)
        round_ = RoundFactory(contest=contest, judges=[judge])
        entries = list(round_.round_entries.select_related("round")[:4])
        for re in entries[:3]:  # three entries fully scored, a fourth only started
            for criterion in round_.criteria.all():
                scoring.save_score(judge, re, criterion.pk, 4)
        scoring.save_score(judge, entries[3], round_.criteria.first().pk, 4)
        client.force_login(judge)
        counting = _same_as_first(counts, QUEUE_CEILING, django_assert_max_num_queries, django_assert_num_queries)
        counts.append(_queue_queries(client, round_, counting))
        assert f"3 of {size} scored" in client.get(reverse("judging:queue", args=[round_.pk])).content.decode()


def test_saving_a_score_costs_the_same_queries_in_a_small_and_a_large_round(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    judge = UserFactory(judge=True)
    counts = []
    for size in (3, 40):
        contest = ContestFactory()
        place = FacilityFactory()
        for _ in range(size):
            EntryFactory(contest=contest, facility=place)
        rubric(contest)
        round_ = RoundFactory(contest=contest, judges=[judge])
        client.force_login(judge)
        re = round_.round_entries.first()
        post_score(client, re, round_.criteria.first(), 3)  # warm caches
        counting = _same_as_first(counts, SCORE_CEILING, django_assert_max_num_queries, django_assert_num_queries)
        with counting as queries:
            assert post_score(client, re, round_.criteria.first(), 4).status_code == 200
        counts.append(len(queries))


def test_other_judges_scores_show_only_after_submitting_and_only_when_the_round_allows(client):
    contest = ContestFactory()
    EntryFactory(contest=contest, facility=FacilityFactory())
    rubric(contest)
    me, other = UserFactory(judge=True), UserFactory(username="otherjudge", judge=True)
    round_ = RoundFactory(contest=contest, judges=[me, other], visibility="after_submit")
    re = round_.round_entries.select_related("round").get()
    for judge, value in ((me, 4), (other, 9)):
        for criterion in round_.criteria.all():
            scoring.save_score(judge, re, criterion.pk, value)
    client.force_login(me)
    url = reverse("judging:entry", args=[round_.pk, re.code])
    assert "Other judges" not in client.get(url).content.decode()
    scoring.submit(me, round_)
    html = client.get(url).content.decode()
    assert "Other judges" in html and "9.00" in html and "otherjudge" not in html
    round_.visibility = "never"
    round_.save()
    assert "Other judges" not in client.get(url).content.decode()
