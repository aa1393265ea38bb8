"""Demo judging for the Nelson Mandela Day contest (MD20): screening done, a scoring round by three judges
with one declared conflict, every judge submitted, and an approved result with winners and honourable mentions.

Idempotent: a round that exists is left as it is, so a second run changes nothing.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from gallery.judging.domain import results, rounds
from gallery.judging.domain.scoring import declare, save_note, save_score, submit
from gallery.judging.models import (
    Criterion,
    Declaration,
    JudgeProfile,
    JudgingSettings,
    Result,
    Round,
    RoundJudge,
)
from gallery.models import ContestPage

RUBRIC = [
    ("Composition", "How the work is built: balance, framing, movement.", 2),
    ("Technique", "Command of the medium, whatever the means at hand.", 1.5),
    ("Originality", "A personal voice; something we have not seen before.", 1.5),
    ("Connection to the theme of human dignity", "How the work speaks to the dignity of every person.", 2),
]
# Judge 1 scores generously, judge 3 strictly: the normalisation option has something to even out.
LENIENCY = {"judge1": 1, "judge2": 0, "judge3": -1}


def seed(context):
    contest = ContestPage.objects.filter(code="MD20").first()
    if contest is None:
        return
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=["judge1", "judge2", "judge3", "officer"])
    }
    judges = [users[name] for name in ("judge1", "judge2", "judge3") if name in users]
    officer = users.get("officer") or context.objects.get("officer")
    if len(judges) < 3 or officer is None:
        return

    JudgingSettings.objects.get_or_create(
        contest=contest, defaults={"honourable_mentions": 3, "tie_break_order": "median,top_marks,officers"}
    )
    if not Criterion.objects.filter(contest=contest).exists():
        Criterion.objects.bulk_create(
            Criterion(contest=contest, name=name, description=text, weight=weight, position=i)
            for i, (name, text, weight) in enumerate(RUBRIC)
        )
    JudgeProfile.objects.get_or_create(user=judges[2])  # no affiliation; officers can add one in the admin

    now = timezone.now()
    screening, created = Round.objects.get_or_create(
        contest=contest,
        kind=Round.Kind.SCREENING,
        defaults={"name": "Screening", "position": 0, "opens_at": now - timedelta(days=12)},
    )
    if created:
        rounds.open_round(screening, officer)
        rounds.close_round(screening, officer)

    scoring, created = Round.objects.get_or_create(
        contest=contest,
        kind=Round.Kind.SCORING,
        defaults={
            "name": "Scoring",
            "position": 1,
            "opens_at": now - timedelta(days=10),
            "visibility": Round.Visibility.AFTER_SUBMIT,
        },
    )
    if not created or Result.objects.filter(contest=contest).exists():
        return
    for judge in judges:
        RoundJudge.objects.get_or_create(round=scoring, judge=judge)
    rounds.open_round(scoring, officer)
    scoring.refresh_from_db()
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
                save_score(
                    judge, round_entry, criterion.pk, max(criterion.scale_min, min(criterion.scale_max, value))
                )
            if noise.random() < 0.3:
                save_note(judge, round_entry, "Worth a second look in the final discussion.", "")
