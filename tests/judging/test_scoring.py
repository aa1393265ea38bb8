"""Scoring rules: ranges, assignment, conflicts, submission, and the freeze that nothing gets past."""

import pytest
from django.db import DatabaseError, transaction
from wagtail.models import ModelLogEntry

from gallery.judging.domain import errors, progress, results, scoring
from gallery.judging.models import Declaration, Result, RoundEntry, Score
from gallery.judging.models.scores import RoundLocked
from gallery.models import Entry
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    contest = ContestFactory(number_of_winners=1)
    place = FacilityFactory()
    entries = [EntryFactory(contest=contest, facility=place) for _ in range(3)]
    rubric(contest)
    judges = [UserFactory(judge=True) for _ in range(2)]
    round_ = RoundFactory(contest=contest, judges=judges)
    officer = UserFactory(officer=True)
    return contest, entries, judges, round_, officer


def round_entry(round_, entry):
    return RoundEntry.objects.select_related("round").get(round=round_, entry=entry)


def score_all(round_, judge, value):
    for re in round_.round_entries.select_related("round"):
        for criterion in round_.criteria.all():
            scoring.save_score(judge, re, criterion.pk, value)


def test_score_saves_and_updates_one_row_and_is_logged(setup):
    _, entries, judges, round_, _ = setup
    re = round_entry(round_, entries[0])
    criterion = round_.criteria.first()
    scoring.save_score(judges[0], re, criterion.pk, 7)
    scoring.save_score(judges[0], re, criterion.pk, 8)
    assert list(Score.objects.filter(round_entry=re).values_list("value", flat=True)) == [8]
    logged = ModelLogEntry.objects.filter(action="judging.score", object_id=str(re.pk))
    assert [entry.data["value"] for entry in logged.order_by("pk")] == [7, 8]


@pytest.mark.parametrize("value", [0, 11, -1, "7", 7.5, True, None])
def test_out_of_range_scores_are_refused(setup, value):
    _, entries, judges, round_, _ = setup
    re = round_entry(round_, entries[0])
    criterion = round_.criteria.first()
    if value is None:  # None clears; nothing to clear is fine, but it must not create a row
        scoring.save_score(judges[0], re, criterion.pk, value)
    else:
        with pytest.raises(errors.JudgingError):
            scoring.save_score(judges[0], re, criterion.pk, value)
    assert not Score.objects.exists()


def test_unassigned_judge_and_foreign_criterion_are_refused(setup):
    contest, entries, judges, round_, _ = setup
    outsider = UserFactory(judge=True)
    re = round_entry(round_, entries[0])
    with pytest.raises(errors.JudgingError):
        scoring.save_score(outsider, re, round_.criteria.first().pk, 5)
    other_round = RoundFactory(contest=ContestFactory(), judges=[judges[0]], opened=False)
    other_round.criteria.create(name="X", weight=1, scale_min=1, scale_max=10)
    with pytest.raises(errors.JudgingError):
        scoring.save_score(judges[0], re, other_round.criteria.get().pk, 5)
    assert not Score.objects.exists()


def test_declared_conflict_blocks_scoring_and_removes_scores_from_the_result(setup):
    _, entries, judges, round_, _ = setup
    score_all(round_, judges[0], 9)
    score_all(round_, judges[1], 3)
    re = round_entry(round_, entries[0])
    with pytest.raises(errors.JudgingError):
        scoring.declare(judges[0], re, Declaration.Kind.CONFLICT, "  ")  # a reason is required
    scoring.declare(judges[0], re, Declaration.Kind.CONFLICT, "I taught a workshop there.")
    with pytest.raises(errors.JudgingError):
        scoring.save_score(judges[0], re, round_.criteria.first().pk, 5)
    rows = {row.entry_id: row for row in results.compute_results(round_).rows}
    assert rows[entries[0].pk].score == pytest.approx(3)  # only judge 2 counts
    assert rows[entries[1].pk].score == pytest.approx(6)
    assert set(rows[entries[0].pk].judge_scores) == {judges[1].pk}


def test_submit_requires_every_entry_and_then_locks(setup):
    _, entries, judges, round_, _ = setup
    re = round_entry(round_, entries[0])
    scoring.save_score(judges[0], re, round_.criteria.first().pk, 5)
    with pytest.raises(errors.JudgingError):
        scoring.submit(judges[0], round_)
    score_all(round_, judges[0], 6)
    scoring.submit(judges[0], round_)
    with pytest.raises(errors.JudgingError):
        scoring.save_score(judges[0], re, round_.criteria.first().pk, 7)
    assert set(Score.objects.filter(judge=judges[0]).values_list("value", flat=True)) == {6}


def test_an_abstention_counts_as_done_for_submission(setup):
    _, entries, judges, round_, _ = setup
    for re in round_.round_entries.select_related("round"):
        if re.entry_id == entries[0].pk:
            scoring.declare(judges[0], re, Declaration.Kind.ABSTAIN, "Not my field.")
        else:
            for criterion in round_.criteria.all():
                scoring.save_score(judges[0], re, criterion.pk, 4)
    scoring.submit(judges[0], round_)
    assert progress.progress_of(round_)[judges[0].pk] == (3, 3)


def test_freeze_snapshots_awards_and_refuses_every_later_change(setup):
    contest, entries, judges, round_, officer = setup
    values = {entries[0].pk: 9, entries[1].pk: 6, entries[2].pk: 3}
    for judge in judges:
        for re in round_.round_entries.select_related("round"):
            for criterion in round_.criteria.all():
                scoring.save_score(judge, re, criterion.pk, values[re.entry_id])
    result = results.freeze(round_, officer, reason="Not every judge submitted.")
    rows = {row.entry_id: (row.rank, row.award) for row in result.rows.all()}
    assert rows == {entries[0].pk: (1, "winner"), entries[1].pk: (2, "honourable"), entries[2].pk: (3, "honourable")}
    assert Entry.objects.get(pk=entries[0].pk).review == Entry.Review.WINNER
    assert Entry.objects.get(pk=entries[1].pk).review == Entry.Review.SHORTLISTED
    assert ModelLogEntry.objects.filter(action="judging.results.approve", object_id=str(result.pk)).exists()

    re = round_entry(round_, entries[2])
    criterion = round_.criteria.first()
    # The domain service refuses ...
    with pytest.raises(errors.JudgingError):
        scoring.save_score(judges[0], re, criterion.pk, 10)
    with pytest.raises(errors.JudgingError):
        results.freeze(round_, officer)
    # ... so does the model ...
    score = Score.objects.get(round_entry=re, criterion=criterion, judge=judges[0])
    score.value = 10
    with pytest.raises(RoundLocked):
        score.save()
    with pytest.raises(RoundLocked):
        score.delete()
    # ... and the database itself, even for bulk updates that skip the model.
    with pytest.raises(DatabaseError), transaction.atomic():
        Score.objects.filter(pk=score.pk).update(value=10)
    with pytest.raises(DatabaseError), transaction.atomic():
        Score.objects.bulk_create([Score(round=round_, round_entry=re, criterion=criterion, judge=officer, value=5)])
    assert Score.objects.get(pk=score.pk).value == 3
    assert Result.objects.count() == 1


def test_scores_are_refused_outside_the_round_window(setup):
    from datetime import timedelta

    from django.utils import timezone

    _, entries, judges, round_, _ = setup
    re = round_entry(round_, entries[0])
    round_.closes_at = timezone.now() - timedelta(minutes=1)
    round_.save()
    re.round.refresh_from_db()
    with pytest.raises(errors.JudgingError):
        scoring.save_score(judges[0], re, round_.criteria.first().pk, 5)
    round_.closes_at, round_.opens_at = None, timezone.now() + timedelta(hours=1)
    round_.save()
    re.round.refresh_from_db()
    with pytest.raises(errors.JudgingError):
        scoring.save_score(judges[0], re, round_.criteria.first().pk, 5)
    assert not Score.objects.exists()
