"""Judging set-up: a contest's rubric and rounds with their judges, opened through the judging services."""

import factory
from factory.django import DjangoModelFactory

from gallery.judging.domain import rounds, scoring
from gallery.judging.models import Criterion, Round, RoundJudge
from tests.factories.entries import EntryFactory
from tests.factories.pages import ContestFactory
from tests.factories.people import FacilityFactory, UserFactory

DEFAULT_RUBRIC = (("Composition", 1, 1, 10), ("Technique", 1, 1, 10))


class CriterionFactory(DjangoModelFactory):
    class Meta:
        model = Criterion

    contest = factory.SubFactory(ContestFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1
    scale_min = 1
    scale_max = 10
    position = 0


def rubric(contest, specs=DEFAULT_RUBRIC):
    """The contest's criteria, one per (name, weight, lowest, highest), in that order."""
    return [
        CriterionFactory(contest=contest, name=name, weight=weight, scale_min=low, scale_max=high, position=position)
        for position, (name, weight, low, high) in enumerate(specs)
    ]


class RoundFactory(DjangoModelFactory):
    """A scoring round with `judges` (users); opened with rounds.open_round (rubric copied, entries enrolled
    under codes, judges assigned) unless `opened=False`. Opening needs the contest's rubric first."""

    class Meta:
        model = Round

    contest = factory.SubFactory(ContestFactory)
    name = "Scoring"
    kind = Round.Kind.SCORING
    position = 1
    # Not model fields as given here: _create takes them off.
    judges = ()
    opened = True

    @classmethod
    def _create(cls, model_class, *args, judges=(), opened=True, **fields):
        round_ = super()._create(model_class, *args, **fields)
        for judge in judges:
            RoundJudge.objects.create(round=round_, judge=judge)
        if opened:
            rounds.open_round(round_)
            round_.refresh_from_db()
        return round_


def scored_round(*, entries=2, value=5, winners=1):
    """An open round of `entries` entries of one facility, the default rubric and one judge who has scored every
    criterion of every entry with `value` but not submitted. Returns (round, judge)."""
    contest = ContestFactory(number_of_winners=winners)
    place = FacilityFactory()
    for _ in range(entries):
        EntryFactory(contest=contest, facility=place)
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    for round_entry in round_.round_entries.select_related("round"):
        for criterion in round_.criteria.all():
            scoring.save_score(judge, round_entry, criterion.pk, value)
    return round_, judge
