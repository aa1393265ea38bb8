"""Demo judging in progress for the photo contest PH26: an open scoring round that judges can try today.

judge1 has scored three entries, judge2 about half, judge3 none; nobody has submitted. The round's dates are
set when it is first created and never moved; a round that exists is left as it is, so a second run changes
nothing.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.judging_2020 import RUBRIC
from gallery.judging.domain import rounds, scoring
from gallery.judging.models import Criterion, JudgingSettings, Round, RoundJudge
from gallery.models import ContestPage

# How many entries of the queue each judge has already scored.
SCORED = {"judge1": 3, "judge2": 6, "judge3": 0}


def seed(context):
    contest = ContestPage.objects.filter(code="PH26").first()
    if contest is None:
        return
    users = get_user_model().objects.filter(username__in=[*SCORED, "officer"]).in_bulk(field_name="username")
    judges = [users[name] for name in SCORED if name in users]
    officer = users.get("officer") or context.objects.get("officer")
    if len(judges) < len(SCORED) or officer is None:
        return

    JudgingSettings.objects.get_or_create(contest=contest, defaults={"honourable_mentions": 2})
    if not Criterion.objects.filter(contest=contest).exists():
        Criterion.objects.bulk_create(
            Criterion(contest=contest, name=name, description=text, weight=weight, position=i)
            for i, (name, text, weight) in enumerate(RUBRIC)
        )

    now = timezone.now()
    scoring, created = Round.objects.get_or_create(
        contest=contest,
        kind=Round.Kind.SCORING,
        defaults={
            "name": "Scoring",
            "position": 0,
            "opens_at": now - timedelta(days=3),
            "closes_at": now + timedelta(days=14),
            "visibility": Round.Visibility.AFTER_SUBMIT,
        },
    )
    if not created:
        return
    for judge in judges:
        RoundJudge.objects.get_or_create(round=scoring, judge=judge)
    rounds.open_round(scoring, officer)
    scoring.refresh_from_db()
    _score_some(scoring, judges)
    context.log(f"  contest {contest.code}: scoring round open with {scoring.round_entries.count()} entries")


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
                scoring.save_score(
                    judge, round_entry, criterion.pk, max(criterion.scale_min, min(criterion.scale_max, value))
                )
