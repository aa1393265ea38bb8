"""Demo judging in progress for the photo contest PH26: an open scoring round that judges can try today.

judge1 has scored three entries, judge2 about half, judge3 none; nobody has submitted. The round's dates are
set when it is first created and never moved; a round that exists is left as it is, so a second run changes
nothing.
"""

import random
from datetime import timedelta

from django.utils import timezone

from demo.judging_setup import demo_round, judging_cast, open_with_judges, set_up_contest, within_scale
from gallery.judging.domain import scoring
from gallery.judging.models import Round

# How many entries of the queue each judge has already scored.
SCORED = {"judge1": 3, "judge2": 6, "judge3": 0}


def seed(context):
    cast = judging_cast(context, "PH26", list(SCORED))
    if cast is None:
        return
    contest, judges, officer = cast
    set_up_contest(contest, honourable_mentions=2)

    now = timezone.now()
    scoring_round, created = demo_round(
        contest,
        Round.Kind.SCORING,
        name="Scoring",
        position=0,
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=14),
        visibility=Round.Visibility.AFTER_SUBMIT,
    )
    if not created:
        return
    open_with_judges(scoring_round, judges, officer)
    _score_some(scoring_round, judges)
    context.log(f"  contest {contest.code}: scoring round open with {scoring_round.round_entries.count()} entries")


def _score_some(round_, judges):
    """Each judge scores the first entries of their queue on every criterion, with stable demo values."""
    criteria = list(round_.criteria.all())
    round_entries = list(round_.round_entries.select_related("round", "entry").order_by("position", "pk"))
    for judge in judges:
        for round_entry in round_entries[: SCORED[judge.username]]:
            rng = random.Random(f"{judge.username}-{round_entry.entry.reference}")
            base = rng.uniform(4, 9)
            for criterion in criteria:
                value = round(base + rng.uniform(-1.5, 1.5))
                scoring.save_score(judge, round_entry, criterion.pk, within_scale(criterion, value))
