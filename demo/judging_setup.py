"""What both judging demos build the same way: the contest's judges and officer, its results settings and rubric,
and rounds opened by the officer with their judges. Every step leaves what exists as it is, so a second run
changes nothing."""

from django.contrib.auth import get_user_model

from gallery.judging.domain import rounds
from gallery.judging.models import Criterion, JudgingSettings, Round, RoundJudge
from gallery.models import ContestPage

RUBRIC = [
    ("Composition", "How the work is built: balance, framing, movement.", 2),
    ("Technique", "Command of the medium, whatever the means at hand.", 1.5),
    ("Originality", "A personal voice; something we have not seen before.", 1.5),
    ("Connection to the theme of human dignity", "How the work speaks to the dignity of every person.", 2),
]


def judging_cast(context, code, judge_names):
    """(contest, judges in the order named, officer), or None while the contest or one of the people is missing."""
    contest = ContestPage.objects.filter(code=code).first()
    if contest is None:
        return None
    users = get_user_model().objects.filter(username__in=[*judge_names, "officer"]).in_bulk(field_name="username")
    judges = [users[name] for name in judge_names if name in users]
    officer = users.get("officer") or context.objects.get("officer")
    if len(judges) < len(judge_names) or officer is None:
        return None
    return contest, judges, officer


def set_up_contest(contest, **settings):
    """The contest's results settings (`settings` when first made) and the demo rubric, unless it has one."""
    JudgingSettings.objects.get_or_create(contest=contest, defaults=settings)
    if not Criterion.objects.filter(contest=contest).exists():
        Criterion.objects.bulk_create(
            Criterion(contest=contest, name=name, description=text, weight=weight, position=i)
            for i, (name, text, weight) in enumerate(RUBRIC)
        )


def demo_round(contest, kind, **fields):
    """(round, created): the contest's round of this kind, made with `fields` if there is none."""
    return Round.objects.get_or_create(contest=contest, kind=kind, defaults=fields)


def open_with_judges(round_, judges, officer):
    for judge in judges:
        RoundJudge.objects.get_or_create(round=round_, judge=judge)
    rounds.open_round(round_, officer)
    round_.refresh_from_db()


def within_scale(criterion, value):
    return max(criterion.scale_min, min(criterion.scale_max, value))
