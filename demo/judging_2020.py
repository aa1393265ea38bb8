"""Demo judging for the Nelson Mandela Day contest (MD20): screening done, a scoring round by three judges
with one declared conflict, every judge submitted, and an approved result with winners and honourable mentions.

Idempotent: a round that exists is left as it is, so a second run changes nothing.
"""

import random
from datetime import timedelta

from django.utils import timezone

from demo.judging_setup import demo_round, judging_cast, open_with_judges, set_up_contest, within_scale
from gallery.judging.domain import results, rounds
from gallery.judging.domain.scoring import declare, save_note, save_score, submit
from gallery.judging.models import Declaration, JudgeProfile, Result, Round

JUDGES = ["judge1", "judge2", "judge3"]
# Judge 1 scores generously, judge 3 strictly: the normalisation option has something to even out.
LENIENCY = {"judge1": 1, "judge2": 0, "judge3": -1}


def seed(context):
    cast = judging_cast(context, "MD20", JUDGES)
    if cast is None:
        return
    contest, judges, officer = cast
    set_up_contest(contest, honourable_mentions=3, tie_break_order="median,top_marks,officers")
    JudgeProfile.objects.get_or_create(user=judges[2])  # no affiliation; officers can add one in the admin

    now = timezone.now()
    screening, created = demo_round(
        contest, Round.Kind.SCREENING, name="Screening", position=0, opens_at=now - timedelta(days=12)
    )
    if created:
        rounds.open_round(screening, officer)
        rounds.close_round(screening, officer)

    scoring, created = demo_round(
        contest,
        Round.Kind.SCORING,
        name="Scoring",
        position=1,
        opens_at=now - timedelta(days=10),
        visibility=Round.Visibility.AFTER_SUBMIT,
    )
    if not created or Result.objects.filter(contest=contest).exists():
        return
    open_with_judges(scoring, judges, officer)
    _score(scoring, judges)
    for judge in judges:
        submit(judge, scoring)
    results.freeze(scoring, officer)
    context.log(f"  judged contest {contest.code}: {scoring.round_entries.count()} entries, results approved")


def _score(round_, judges):
    criteria = list(round_.criteria.all())
    round_entries = list(round_.round_entries.select_related("round", "entry").order_by("entry__pk"))
    conflicted = round_entries[len(round_entries) // 2] if round_entries else None
    for round_entry in round_entries:
        # Every work gets a stable "quality" from its reference, so reruns on a fresh database agree.
        base = random.Random(f"quality-{round_entry.entry.reference or round_entry.entry.title}").uniform(4, 9)
        for judge in judges:
            if round_entry == conflicted and judge.username == "judge2":
                declare(
                    judge, round_entry, Declaration.Kind.CONFLICT, "I led an art workshop in this facility last year."
                )
                continue
            noise = random.Random(f"{judge.username}-{round_entry.entry.reference}")
            for criterion in criteria:
                value = round(base + LENIENCY.get(judge.username, 0) + noise.uniform(-1.5, 1.5))
                save_score(judge, round_entry, criterion.pk, within_scale(criterion, value))
            if noise.random() < 0.3:
                save_note(judge, round_entry, "Worth a second look in the final discussion.", "")
