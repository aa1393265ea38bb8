"""Property: the ranking does not depend on the order in which judges scored (or rows arrive)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from gallery.judging.domain.aggregation import Criterion, ScoreRow, compute_ranking

CRITERIA = [Criterion(1, 3.0, 1, 10), Criterion(2, 1.5, 1, 10), Criterion(3, 0.7, 1, 5)]


@st.composite
def judged_contests(draw):
    judges = draw(st.integers(min_value=1, max_value=5))
    entries = draw(st.integers(min_value=1, max_value=8))
    rows = []
    for judge in range(1, judges + 1):
        for entry in range(1, entries + 1):
            if draw(st.booleans()):
                for criterion in CRITERIA:
                    value = draw(st.integers(min_value=criterion.scale_min, max_value=criterion.scale_max))
                    rows.append(ScoreRow(judge, entry, criterion.id, value))
    excluded = draw(st.sets(st.tuples(st.integers(1, judges), st.integers(1, entries)), max_size=3))
    permutation = draw(st.permutations(rows))
    return list(range(1, entries + 1)), rows, permutation, frozenset(excluded)


def summary(ranking):
    return [(r.entry, r.rank, r.tied, r.award, None if r.score is None else round(r.score, 9)) for r in ranking]


@settings(max_examples=200, deadline=None)
@given(
    judged_contests(),
    st.sampled_from(["mean", "median"]),
    st.booleans(),
)
def test_ranking_is_independent_of_scoring_order(contest, method, normalise):
    entries, rows, shuffled, excluded = contest
    options = {"method": method, "normalise": normalise, "excluded": excluded, "winners": 2, "honourable_mentions": 1}
    first = compute_ranking(CRITERIA, rows, entries, **options)
    again = compute_ranking(CRITERIA, shuffled, list(reversed(entries)), **options)
    assert summary(first) == summary(again)
    # Ranks never go down the list, and only tied entries share one.
    ranks = [r.rank for r in first if r.rank is not None]
    assert ranks == sorted(ranks)
    for a, b in zip(first, first[1:], strict=False):
        if a.rank is not None and a.rank == b.rank:
            assert a.tied and b.tied
