"""How far judges are in a round, in a fixed number of queries whatever its size."""

from django.db.models import Count

from gallery.judging.models import Assignment, Declaration, Score


def progress_of(round_, judge_ids=None):
    """{judge id: (done, assigned)}: an entry is done when every required criterion is scored or the judge
    stepped aside. Three queries whatever the number of entries."""
    required = list(round_.criteria.filter(required=True).values_list("pk", flat=True))
    assignments = Assignment.objects.filter(round_entry__round=round_)
    if judge_ids is not None:
        assignments = assignments.filter(judge_id__in=judge_ids)
    assigned = dict(assignments.values_list("judge_id").annotate(n=Count("pk")).values_list("judge_id", "n"))
    scored = (
        Score.objects.filter(round=round_, criterion_id__in=required)
        .values("judge_id", "round_entry_id")
        .annotate(n=Count("pk"))
        .filter(n=len(required))
    )
    done_pairs = {(row["judge_id"], row["round_entry_id"]) for row in scored} if required else set()
    declared = set(Declaration.objects.filter(round=round_).values_list("judge_id", "round_entry_id"))
    if not required:
        done_pairs = set(Score.objects.filter(round=round_).values_list("judge_id", "round_entry_id").distinct())
    assigned_pairs = set(assignments.values_list("judge_id", "round_entry_id"))
    done = {}
    for judge_id, _entry in assigned_pairs & (done_pairs | declared):
        done[judge_id] = done.get(judge_id, 0) + 1
    return {judge_id: (done.get(judge_id, 0), count) for judge_id, count in assigned.items()}


def late_judges(round_):
    """Judges of an open round who have not submitted, with their progress."""
    progress = progress_of(round_)
    return [
        (membership, progress.get(membership.judge_id, (0, 0)))
        for membership in round_.round_judges.select_related("judge").filter(submitted_at__isnull=True)
    ]
