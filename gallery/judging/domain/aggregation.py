"""Turning judges' scores into a ranking: pure functions on plain data, no database.

A judge's score for an entry is the weighted mean of the criteria they scored, each criterion first mapped
onto the common scale. An entry's score is the mean (or median) of its judges' scores. Judges who abstained
or declared a conflict are left out, never counted as zero. Optional z-score normalisation evens out lenient
and harsh judges, rescaled back onto the common scale. Ties are broken in the contest's declared order and
any tie that remains is reported, never hidden.

Sums use math.fsum and inputs are sorted first, so the result does not depend on the order scores arrive in.
"""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

# Scores closer than this are equal: guards comparisons against floating-point noise.
EPSILON = 1e-9


@dataclass(frozen=True)
class Criterion:
    id: int
    weight: float
    scale_min: int
    scale_max: int


@dataclass(frozen=True)
class ScoreRow:
    judge: int
    entry: int
    criterion: int
    value: float


@dataclass
class EntryResult:
    entry: int
    score: float | None = None
    median: float | None = None
    top_marks: int = 0
    judge_scores: dict = field(default_factory=dict)  # judge id -> score on the common scale (after normalising)
    raw_judge_scores: dict = field(default_factory=dict)  # judge id -> weighted mean before normalising
    spread: float = 0.0
    disagreement: bool = False
    rank: int | None = None
    tied: bool = False  # still level with a neighbour after every tie-break
    decided_by: str | None = None  # the tie-break that separated it from the entry above, if any
    award: str = ""


def common_scale(criteria):
    """The scale results are expressed on: from the lowest minimum to the highest maximum of the rubric."""
    return min(c.scale_min for c in criteria), max(c.scale_max for c in criteria)


def judge_entry_scores(criteria, scores, excluded=frozenset()):
    """{(judge, entry): weighted mean on the common scale}, leaving out excluded (judge, entry) pairs.

    Each value is mapped to its criterion's 0..1 range, weighted, averaged over the criteria the judge
    scored, then mapped onto the common scale.
    """
    by_id = {c.id: c for c in criteria}
    low, high = common_scale(criteria)
    parts = defaultdict(list)
    for row in sorted(scores, key=lambda r: (r.judge, r.entry, r.criterion)):
        if (row.judge, row.entry) in excluded or row.criterion not in by_id:
            continue
        criterion = by_id[row.criterion]
        fraction = (row.value - criterion.scale_min) / (criterion.scale_max - criterion.scale_min)
        parts[(row.judge, row.entry)].append((criterion.weight, fraction))
    result = {}
    for key, weighted in parts.items():
        total_weight = math.fsum(weight for weight, _ in weighted)
        fraction = math.fsum(weight * value for weight, value in weighted) / total_weight
        result[key] = low + fraction * (high - low)
    return result


def normalise_by_judge(pair_scores, scale):
    """Z-score each judge's scores, then rescale onto the pooled mean and spread, clamped to the scale.

    A judge with a single entry or no spread keeps a z of 0 (the pooled mean).
    """
    if not pair_scores:
        return {}
    low, high = scale
    values = [pair_scores[key] for key in sorted(pair_scores)]
    pooled_mean = math.fsum(values) / len(values)
    pooled_sd = statistics.pstdev(values) if len(values) > 1 else 0.0
    by_judge = defaultdict(list)
    for judge, entry in sorted(pair_scores):
        by_judge[judge].append(pair_scores[(judge, entry)])
    stats = {}
    for judge, own in by_judge.items():
        mean = math.fsum(own) / len(own)
        sd = statistics.pstdev(own) if len(own) > 1 else 0.0
        stats[judge] = (mean, sd)
    result = {}
    for (judge, entry), value in pair_scores.items():
        mean, sd = stats[judge]
        z = (value - mean) / sd if sd > EPSILON else 0.0
        result[(judge, entry)] = min(high, max(low, pooled_mean + z * pooled_sd))
    return result


def _median(values):
    return statistics.median(sorted(values)) if values else None


def _close(a, b):
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= EPSILON


def compute_ranking(
    criteria,
    scores,
    entries,
    *,
    method="mean",
    normalise=False,
    excluded=frozenset(),
    tie_breaks=("median", "top_marks", "officers"),
    officer_order=None,
    winners=0,
    honourable_mentions=0,
    disagreement_threshold=0.3,
):
    """Rank `entries` (ids) from `scores` (ScoreRow) under `criteria`. Returns EntryResults, best first.

    Entries nobody scored come last without a rank. `officer_order` maps entry id to the officers' decision
    (lower first) and only applies when "officers" is among the tie-breaks. Winners are the entries ranked
    within the first `winners` places, honourable mentions the next `honourable_mentions` places; a tie
    across a boundary takes every tied entry in and is reported as a tie.
    """
    criteria = list(criteria)
    scale = common_scale(criteria)
    low, high = scale
    tops = {c.id: c.scale_max for c in criteria}
    officer_order = officer_order or {}
    excluded = frozenset(excluded)

    raw = judge_entry_scores(criteria, scores, excluded)
    adjusted = normalise_by_judge(raw, scale) if normalise else raw

    results = {entry: EntryResult(entry=entry) for entry in sorted(set(entries))}
    for (judge, entry), value in sorted(adjusted.items()):
        if entry in results:
            results[entry].judge_scores[judge] = value
            results[entry].raw_judge_scores[judge] = raw[(judge, entry)]
    for row in scores:
        if row.entry in results and (row.judge, row.entry) not in excluded and tops.get(row.criterion) == row.value:
            results[row.entry].top_marks += 1

    for result in results.values():
        values = sorted(result.judge_scores.values())
        if not values:
            continue
        result.median = _median(values)
        result.score = result.median if method == "median" else math.fsum(values) / len(values)
        result.spread = values[-1] - values[0]
        result.disagreement = high > low and result.spread / (high - low) > disagreement_threshold + EPSILON

    def key_values(result):
        values = []
        for key in tie_breaks:
            if key == "median":
                values.append(-(result.median or 0.0))
            elif key == "top_marks":
                values.append(-result.top_marks)
            elif key == "officers":
                values.append(officer_order.get(result.entry, math.inf))
        return values

    def same(a, b):
        return all(_close(x, y) for x, y in zip(key_values(a), key_values(b), strict=True))

    scored = [r for r in results.values() if r.score is not None]
    # Round to the comparison tolerance so float noise cannot reorder equal scores; entry id makes it total.
    scored.sort(
        key=lambda r: ([round(-r.score, 9)] + [round(v, 9) if v != math.inf else v for v in key_values(r)], r.entry)
    )
    previous = None
    for position, result in enumerate(scored, start=1):
        if previous is not None and _close(previous.score, result.score) and same(previous, result):
            result.rank = previous.rank
            result.tied = previous.tied = True
        else:
            result.rank = position
            if previous is not None and _close(previous.score, result.score):
                result.decided_by = _deciding_key(previous, result, tie_breaks, key_values)
        previous = result

    for result in scored:
        if winners and result.rank <= winners:
            result.award = "winner"
        elif honourable_mentions and result.rank <= winners + honourable_mentions:
            result.award = "honourable"

    unscored = [r for r in results.values() if r.score is None]
    return scored + unscored


def _deciding_key(above, below, tie_breaks, key_values):
    for key, a, b in zip(tie_breaks, key_values(above), key_values(below), strict=True):
        if not _close(a, b):
            return key
    return None
