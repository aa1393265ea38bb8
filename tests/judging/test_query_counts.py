"""The judge's entry page and a score save make the same number of queries in a round of 4 entries and of 15."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gallery.judging.domain import scoring
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = pytest.mark.django_db

# A little above today's counts: the small round must stay under them, the large one cost exactly the same.
ENTRY_PAGE_CEILING = 16
SCORE_SAVE_CEILING = 16
SIZES = (4, 15)  # 4: the middle entry of the three left after the abstention has a previous and a next


def _round_of(size, judge):
    """An open round of `size` entries (two images each) judged by `judge` and another judge, who have both scored
    every entry but the last two; `judge` abstained from the last. Returns (round, the middle entry, criteria)."""
    contest = ContestFactory()
    facility = FacilityFactory()
    for _ in range(size):
        EntryFactory(contest=contest, facility=facility, images=2)
    rubric(contest)
    other = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge, other])
    round_entries = list(round_.round_entries.select_related("round").order_by("position", "pk"))
    criteria = list(round_.criteria.order_by("position", "pk"))
    for round_entry in round_entries[:-2]:
        for someone in (judge, other):
            for criterion in criteria:
                scoring.save_score(someone, round_entry, criterion.pk, 5)
    scoring.declare(judge, round_entries[-1], "abstain", "I have seen this work before.")
    return round_, round_entries[(size - 1) // 2], criteria


def _counted(send):
    """The queries of one request, after a first one has warmed the per-process caches (site, settings)."""
    assert send().status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = send()
    assert response.status_code == 200, response.content[:500]
    return len(captured), response


def test_the_entry_page_costs_the_same_queries_for_4_and_15_entries(client):
    counts = []
    for size in SIZES:
        judge = UserFactory(judge=True)
        round_, middle, _criteria = _round_of(size, judge)
        client.force_login(judge)
        url = reverse("judging:entry", args=[round_.pk, middle.code])
        count, response = _counted(lambda url=url: client.get(url))
        html = response.content.decode()
        # Previous, next and "n of m" over the entries the judge still works on (the abstention left out).
        assert 'rel="prev"' in html and 'rel="next"' in html
        assert f"{(size - 1) // 2 + 1} of {size - 1}" in html
        counts.append(count)
    assert counts[0] <= ENTRY_PAGE_CEILING, counts
    assert len(set(counts)) == 1, dict(zip(SIZES, counts, strict=True))


def test_a_score_save_costs_the_same_queries_for_4_and_15_entries(client):
    counts = []
    for size in SIZES:
        judge = UserFactory(judge=True)
        round_, middle, criteria = _round_of(size, judge)
        client.force_login(judge)
        url = reverse("judging:score", args=[round_.pk, middle.code])
        values = iter((7, 8))

        def save(url=url, criterion=criteria[0], values=values):  # what judging.js sends
            body = json.dumps({"criterion": criterion.pk, "value": next(values)})
            return client.post(url, body, content_type="application/json", headers={"Accept": "application/json"})

        count, response = _counted(save)
        assert response.json() == {"saved": True, "value": 8}
        counts.append(count)
    assert counts[0] <= SCORE_SAVE_CEILING, counts
    assert len(set(counts)) == 1, dict(zip(SIZES, counts, strict=True))
