"""Rounds after the first: a final round from the top N or the officers' shortlist, and the contest status."""

import pytest
from django.urls import reverse

from gallery.judging.domain import errors, results, rounds, scoring
from gallery.judging.models import Round, RoundJudge
from gallery.judging.status import judging_status_key
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored():
    contest = ContestFactory(number_of_winners=1)
    place = FacilityFactory()
    entries = [EntryFactory(contest=contest, facility=place) for _ in range(5)]
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    for re in round_.round_entries.select_related("round"):
        value = 10 - entries.index(re.entry)  # entries[0] best
        for criterion in round_.criteria.all():
            scoring.save_score(judge, re, criterion.pk, value)
    return contest, entries, judge, round_


def final_round(contest, judge, **fields):
    final = Round.objects.create(contest=contest, name="Final", kind=Round.Kind.FINAL, position=2, **fields)
    RoundJudge.objects.create(round=final, judge=judge)
    return final


def test_final_round_takes_the_top_n_with_fresh_codes_and_its_own_scores(scored):
    contest, entries, judge, round_ = scored
    final = final_round(contest, judge, entry_source=Round.EntrySource.TOP_N, top_n=2)
    with pytest.raises(errors.JudgingError):
        rounds.open_round(final)  # the scoring round is still open
    rounds.close_round(round_)
    rounds.open_round(final)
    enrolled = {re.entry_id: re.code for re in final.round_entries.all()}
    assert set(enrolled) == {entries[0].pk, entries[1].pk}
    first_codes = dict(round_.round_entries.values_list("entry_id", "code"))
    assert all(enrolled[e] != first_codes[e] for e in enrolled)
    assert not final.scores.exists() and final.criteria.count() == 2


def test_final_round_takes_the_officers_shortlist(client, scored):
    contest, entries, judge, round_ = scored
    officer = UserFactory(officer=True)
    client.force_login(officer)
    chosen = round_.round_entries.filter(entry__in=[entries[2], entries[4]])
    client.post(reverse("judging_admin:shortlist", args=[round_.pk]), {"shortlisted": [re.pk for re in chosen]})
    rounds.close_round(round_)
    final = final_round(contest, judge, entry_source=Round.EntrySource.SHORTLIST)
    client.post(reverse("judging_admin:open", args=[final.pk]))
    assert set(final.round_entries.values_list("entry_id", flat=True)) == {entries[2].pk, entries[4].pk}


def test_officers_decide_a_remaining_tie(client, scored):
    contest, entries, judge, round_ = scored
    tied = list(round_.round_entries.select_related("round").filter(entry__in=entries[3:]))
    for re in tied:
        for criterion in round_.criteria.all():
            scoring.save_score(judge, re, criterion.pk, 2)
    rows = {row.entry_id: row for row in results.compute_results(round_).rows}
    assert rows[entries[3].pk].tied and rows[entries[4].pk].tied
    client.force_login(UserFactory(officer=True))
    later = next(re for re in tied if re.entry_id == entries[3].pk)
    sooner = next(re for re in tied if re.entry_id == entries[4].pk)
    client.post(
        reverse("judging_admin:decide", args=[round_.pk]), {f"order-{later.pk}": "2", f"order-{sooner.pk}": "1"}
    )
    rows = {row.entry_id: row for row in results.compute_results(round_).rows}
    assert (rows[entries[4].pk].rank, rows[entries[3].pk].rank) == (4, 5)
    assert not rows[entries[4].pk].tied


def test_contest_status_key_follows_judging(scored):
    contest, _, _, round_ = scored
    assert judging_status_key(contest) == "judging"
    rounds.close_round(round_)
    assert judging_status_key(contest) is None
    results.freeze(round_, UserFactory(officer=True), reason="Not every judge submitted.")
    assert judging_status_key(contest) == "results"
    assert judging_status_key(ContestFactory()) is None


def test_screening_round_page_summarises_officers_decisions(client):
    contest = ContestFactory()
    place = FacilityFactory()
    EntryFactory(contest=contest, facility=place)
    EntryFactory(contest=contest, facility=place, review="disqualified")
    screening = Round.objects.create(contest=contest, name="Screening", kind=Round.Kind.SCREENING, position=0)
    rounds.open_round(screening)
    assert screening.round_entries.count() == 2  # every submitted entry is screened
    client.force_login(UserFactory(officer=True))
    html = client.get(reverse("judging_admin:round", args=[screening.pk])).content.decode()
    assert "Eligible: 1" in html and "Disqualified: 1" in html
