"""How far judges are, in a fixed number of queries whatever the number of entries, judges or rounds."""

from collections import Counter, defaultdict

from django.db.models import Count, Q

from gallery.judging.models import Assignment, Declaration, RoundCriterion, Score


def _progress(round_ids, judge_ids=None):
    """{(round id, judge id): (done, assigned)}: an entry is done when every required criterion is scored (any
    criterion when none is required) or the judge stepped aside. Four queries whatever the sizes."""
    required = defaultdict(set)
    for round_id, criterion_id in RoundCriterion.objects.filter(round_id__in=round_ids, required=True).values_list(
        "round_id", "pk"
    ):
        required[round_id].add(criterion_id)
    assignments = Assignment.objects.filter(round_entry__round_id__in=round_ids)
    scores = Score.objects.filter(round_id__in=round_ids)
    declarations = Declaration.objects.filter(round_id__in=round_ids)
    if judge_ids is not None:
        assignments = assignments.filter(judge_id__in=judge_ids)
        scores = scores.filter(judge_id__in=judge_ids)
        declarations = declarations.filter(judge_id__in=judge_ids)
    assigned = set(assignments.values_list("round_entry__round_id", "judge_id", "round_entry_id"))
    # Per (round, judge, entry): how many scores in all, and how many on required criteria.
    counted = scores.values_list("round_id", "judge_id", "round_entry_id").annotate(
        n=Count("pk"), n_required=Count("pk", filter=_required_filter(required))
    )
    done = {
        (round_id, judge_id, entry_id)
        for round_id, judge_id, entry_id, n, n_required in counted
        if (n_required == len(required[round_id]) if required[round_id] else n > 0)
    }
    done |= set(declarations.values_list("round_id", "judge_id", "round_entry_id"))
    totals = Counter((round_id, judge_id) for round_id, judge_id, _entry in assigned)
    finished = Counter((round_id, judge_id) for round_id, judge_id, _entry in assigned & done)
    return {key: (finished[key], total) for key, total in totals.items()}


def _required_filter(required):
    return Q(criterion_id__in=set().union(*required.values())) if required else Q(pk__in=[])


def progress_of(round_, judge_ids=None):
    """{judge id: (done, assigned)} in one round."""
    return {judge_id: counts for (_round, judge_id), counts in _progress([round_.pk], judge_ids).items()}


def progress_of_judge(judge, rounds):
    """{round id: (done, assigned)} of one judge over many rounds, in the same few queries for 1 or 50 rounds."""
    return {round_id: counts for (round_id, _judge), counts in _progress([r.pk for r in rounds], [judge.pk]).items()}


def late_judges(round_):
    """Judges of an open round who have not submitted, with their progress."""
    progress = progress_of(round_)
    return [
        (membership, progress.get(membership.judge_id, (0, 0)))
        for membership in round_.round_judges.select_related("judge").filter(submitted_at__isnull=True)
    ]
