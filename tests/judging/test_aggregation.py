"""The ranking arithmetic on hand-computed examples (pure functions, no database)."""

import pytest

from gallery.judging.domain.aggregation import (
    Criterion,
    ScoreRow,
    compute_ranking,
    judge_entry_scores,
    normalise_by_judge,
)

TEN = [Criterion(1, 2.0, 0, 10), Criterion(2, 1.0, 0, 10)]


def rows(*triples):
    """(judge, entry, {criterion: value}) -> ScoreRows."""
    return [ScoreRow(j, e, c, v) for j, e, values in triples for c, v in values.items()]


def by_entry(ranking):
    return {r.entry: r for r in ranking}


def test_weighted_mean_of_criteria():
    # (2*9 + 1*6) / 3 = 8
    scores = judge_entry_scores(TEN, rows((1, 100, {1: 9, 2: 6})))
    assert scores == {(1, 100): pytest.approx(8.0)}


def test_criteria_on_different_scales_are_mapped_to_the_common_scale():
    criteria = [Criterion(1, 1.0, 1, 5), Criterion(2, 1.0, 0, 10)]
    # 5 on 1..5 is the top (fraction 1), 5 on 0..10 is half: mean fraction 0.75 on 0..10 = 7.5
    assert judge_entry_scores(criteria, rows((1, 7, {1: 5, 2: 5}))) == {(1, 7): pytest.approx(7.5)}


def test_entry_score_is_mean_or_median_of_judges():
    scores = rows(
        (1, 10, {1: 9, 2: 9}),  # 9
        (2, 10, {1: 6, 2: 6}),  # 6
        (3, 10, {1: 3, 2: 0}),  # (6+0)/3 = 2
    )
    mean = by_entry(compute_ranking(TEN, scores, [10]))[10]
    assert mean.score == pytest.approx((9 + 6 + 2) / 3)
    assert mean.median == pytest.approx(6)
    assert mean.spread == pytest.approx(7)
    assert mean.disagreement  # 7 of 10 is more than 30 % of the scale
    median = by_entry(compute_ranking(TEN, scores, [10], method="median"))[10]
    assert median.score == pytest.approx(6)


def test_abstaining_judge_is_left_out_not_counted_as_zero():
    scores = rows((1, 10, {1: 8, 2: 8}), (2, 10, {1: 4, 2: 4}), (1, 11, {1: 6, 2: 6}))
    ranking = by_entry(compute_ranking(TEN, scores, [10, 11], excluded={(2, 10)}))
    assert ranking[10].score == pytest.approx(8)  # judge 2's 4 ignored, not (8 + 0) / 2
    assert set(ranking[10].judge_scores) == {1}
    assert ranking[10].rank == 1 and ranking[11].rank == 2


def test_abstention_without_scores_is_not_a_zero_either():
    scores = rows((1, 10, {1: 8, 2: 8}))
    ranking = by_entry(compute_ranking(TEN, scores, [10], excluded={(2, 10)}))
    assert ranking[10].score == pytest.approx(8)


def test_unscored_entries_come_last_without_rank():
    ranking = compute_ranking(TEN, rows((1, 10, {1: 1, 2: 1})), [10, 11])
    assert [(r.entry, r.rank) for r in ranking] == [(10, 1), (11, None)]


def test_z_score_normalisation_evens_out_a_harsh_judge():
    # Judge 1 is lenient (9, 7), judge 2 harsh (3, 1): both prefer entry 10 by the same margin.
    pair = {(1, 10): 9.0, (1, 11): 7.0, (2, 10): 3.0, (2, 11): 1.0}
    normalised = normalise_by_judge(pair, (0, 10))
    # pooled mean 5, pooled sd = sqrt(((4)^2+(2)^2+(2)^2+(4)^2)/4) = sqrt(10); each judge: z = +1 / -1
    sd = 10**0.5
    assert normalised[(1, 10)] == pytest.approx(5 + sd)
    assert normalised[(2, 10)] == pytest.approx(5 + sd)
    assert normalised[(1, 11)] == pytest.approx(5 - sd)
    assert normalised[(2, 11)] == pytest.approx(5 - sd)


def test_normalisation_changes_a_ranking_that_a_lenient_judge_distorts():
    # Lenient judge 1 scores A=10 and C=8; harsh judge 2 scores B=4 and C=2. Each liked its other entry best.
    A, B, C = 1, 2, 3
    criteria = [Criterion(1, 1.0, 0, 10)]
    scores = [ScoreRow(1, A, 1, 10), ScoreRow(1, C, 1, 8), ScoreRow(2, B, 1, 4), ScoreRow(2, C, 1, 2)]
    plain = compute_ranking(criteria, scores, [A, B, C])
    assert [r.entry for r in plain] == [A, C, B]  # 10, 5, 4: B suffers from its harsh judge
    normalised = compute_ranking(criteria, scores, [A, B, C], normalise=True)
    # Pooled mean 6, sd sqrt(10); each judge's favourite gets z=+1, C gets z=-1 from both.
    results = by_entry(normalised)
    assert results[B].score == pytest.approx(6 + 10**0.5)
    assert results[C].score == pytest.approx(6 - 10**0.5)
    assert [r.entry for r in normalised] == [A, B, C]  # A and B level; A's top mark decides
    assert normalised[1].decided_by == "top_marks"
    assert all(0 <= v <= 10 for r in normalised for v in r.judge_scores.values())


def test_tie_broken_by_median_then_top_marks_then_officers():
    criteria = [Criterion(1, 1.0, 0, 10)]
    # Entries 1 and 2 both mean 6; entry 1 median 5, entry 2 median 7 -> entry 2 first by median.
    scores = [ScoreRow(1, 1, 1, 8), ScoreRow(2, 1, 1, 5), ScoreRow(3, 1, 1, 5)]
    scores += [ScoreRow(1, 2, 1, 7), ScoreRow(2, 2, 1, 7), ScoreRow(3, 2, 1, 4)]
    ranking = compute_ranking(criteria, scores, [1, 2])
    assert [(r.entry, r.rank, r.tied) for r in ranking] == [(2, 1, False), (1, 2, False)]
    assert ranking[1].decided_by == "median"

    # Same mean and median, entry 4 has two 10s, entry 3 none -> top marks decide.
    scores = [ScoreRow(1, 3, 1, 8), ScoreRow(2, 3, 1, 8), ScoreRow(3, 3, 1, 8)]
    scores += [ScoreRow(1, 4, 1, 10), ScoreRow(2, 4, 1, 8), ScoreRow(3, 4, 1, 6)]
    ranking = compute_ranking(criteria, scores, [3, 4])
    assert [r.entry for r in ranking] == [4, 3]
    assert ranking[1].decided_by == "top_marks"

    # Identical scores: the officers' decision orders them; without it the tie is shown.
    scores = [ScoreRow(1, 5, 1, 6), ScoreRow(1, 6, 1, 6)]
    decided = compute_ranking(criteria, scores, [5, 6], officer_order={6: 1, 5: 2})
    assert [(r.entry, r.rank, r.tied) for r in decided] == [(6, 1, False), (5, 2, False)]
    assert decided[1].decided_by == "officers"
    undecided = compute_ranking(criteria, scores, [5, 6])
    assert [(r.rank, r.tied) for r in undecided] == [(1, True), (1, True)]


def test_tie_break_order_is_the_contests():
    criteria = [Criterion(1, 1.0, 0, 10)]
    # Entry 1: mean 6, median 5, one top mark; entry 2: mean 6, median 7, no top mark.
    scores = [ScoreRow(1, 1, 1, 10), ScoreRow(2, 1, 1, 5), ScoreRow(3, 1, 1, 3)]
    scores += [ScoreRow(1, 2, 1, 7), ScoreRow(2, 2, 1, 7), ScoreRow(3, 2, 1, 4)]
    assert [r.entry for r in compute_ranking(criteria, scores, [1, 2], tie_breaks=["median"])] == [2, 1]
    assert [r.entry for r in compute_ranking(criteria, scores, [1, 2], tie_breaks=["top_marks"])] == [1, 2]
    tied = compute_ranking(criteria, scores, [1, 2], tie_breaks=[])
    assert [r.tied for r in tied] == [True, True]


def test_winners_and_honourable_mentions_with_a_tie_across_the_boundary():
    criteria = [Criterion(1, 1.0, 0, 10)]
    values = {1: 9, 2: 8, 3: 7, 4: 7, 5: 5, 6: 4}
    scores = [ScoreRow(1, entry, 1, value) for entry, value in values.items()]
    ranking = compute_ranking(criteria, scores, list(values), winners=3, honourable_mentions=2, tie_breaks=[])
    awards = {r.entry: (r.rank, r.award, r.tied) for r in ranking}
    assert awards == {
        1: (1, "winner", False),
        2: (2, "winner", False),
        3: (3, "winner", True),
        4: (3, "winner", True),  # tied for third: both in, and shown as tied
        5: (5, "honourable", False),
        6: (6, "", False),
    }
