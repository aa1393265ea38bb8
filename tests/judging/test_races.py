"""Judges and officers acting at the same moment (PostgreSQL, real threads): a score never lands after the judge
submitted or after the results were frozen, and an approval's snapshot always matches the scores it froze."""

import threading
import time

import pytest
from django.db import connection, connections

from gallery.judging.domain import errors, progress, results, scoring
from gallery.judging.models import Result, RoundEntry, RoundJudge, Score
from tests.factories import UserFactory
from tests.factories.judging import scored_round as build_scored_round

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are a PostgreSQL matter"),
]
WINDOW = 0.6  # seconds a patched step waits, so the other thread arrives in the middle of it


@pytest.fixture
def scored_round():
    """An open round of two entries, two criteria, one judge who has scored everything (5) but not submitted."""
    round_, judge = build_scored_round(entries=2, value=5)
    return round_, judge


def run_together(first, second):
    """Start `first`, then `second` while `first` is inside its widened window; return how each ended."""
    outcomes = {}

    def run(name, action, delay):
        try:
            time.sleep(delay)
            action()
            outcomes[name] = "done"
        except errors.JudgingError:
            outcomes[name] = "refused"
        except Exception as error:  # noqa: BLE001 - shown by the assertions
            outcomes[name] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=("first", first, 0)),
        threading.Thread(target=run, args=("second", second, WINDOW / 3)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture
def slow_score_check(monkeypatch):
    """save_score waits between checking the judge may score and writing the score."""
    check = scoring._judge_link

    def slow(*args):
        membership = check(*args)
        time.sleep(WINDOW)
        return membership

    monkeypatch.setattr(scoring, "_judge_link", slow)


@pytest.mark.parametrize("value", [9, None], ids=["change", "clear"])
def test_a_score_never_changes_after_the_judge_submitted(scored_round, slow_score_check, value):
    round_, judge = scored_round
    round_entry = RoundEntry.objects.select_related("round").filter(round=round_).first()
    criterion_pk = round_.criteria.first().pk

    outcomes = run_together(
        lambda: scoring.save_score(judge, round_entry, criterion_pk, value),
        lambda: scoring.submit(judge, round_),
    )

    assert set(outcomes.values()) <= {"done", "refused"}, outcomes
    submitted_at = RoundJudge.objects.get(round=round_, judge=judge).submitted_at
    if submitted_at is not None:
        # Submitted: every score was written before, and every entry is still complete.
        assert all(at <= submitted_at for at in Score.objects.filter(judge=judge).values_list("updated_at", flat=True))
        assert progress.progress_of(round_)[judge.pk] == (2, 2)


def test_a_score_never_lands_behind_an_approval(scored_round, monkeypatch):
    """The approval computes its snapshot while a judge saves: the judge waits for the approval and is refused, so
    the frozen snapshot is exactly what the scores say."""
    round_, judge = scored_round
    round_entry = RoundEntry.objects.select_related("round").filter(round=round_).first()
    criterion_pk = round_.criteria.first().pk
    officer = UserFactory(officer=True)
    compute = results.compute_results

    def slow_compute(*args):
        computed = compute(*args)
        time.sleep(WINDOW)
        return computed

    monkeypatch.setattr(results, "compute_results", slow_compute)

    outcomes = run_together(
        lambda: results.freeze(round_, officer, reason="Not every judge submitted."),
        lambda: scoring.save_score(judge, round_entry, criterion_pk, 10),
    )

    assert outcomes["first"] == "done" and outcomes["second"] in ("done", "refused"), outcomes
    frozen = dict(Result.objects.get(contest=round_.contest).rows.values_list("entry_id", "score"))
    assert frozen == {row.entry_id: row.score for row in compute(round_).rows}
