"""The judge's list of rounds (/judging/) costs the same queries for one round as for five, with each round's
progress right."""

import pytest
from django.urls import reverse

from gallery.judging.domain import progress, scoring
from gallery.judging.models import Declaration
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = pytest.mark.django_db

# Session, user, the judge's permissions (2), rounds, progress (4), submissions, and the site's header and menu
# (4): a little room above today's 14.
INDEX_CEILING = 16


def add_round(judge, scored):
    """A round of three entries in its own contest, with `scored` of them fully scored by the judge."""
    contest = ContestFactory()
    place = FacilityFactory()
    for _ in range(3):
        EntryFactory(contest=contest, facility=place)
    rubric(contest)
    round_ = RoundFactory(contest=contest, judges=[judge])
    for round_entry in round_.round_entries.select_related("round")[:scored]:
        for criterion in round_.criteria.all():
            scoring.save_score(judge, round_entry, criterion.pk, 6)
    return round_


def index_queries(client, counting):
    client.get(reverse("judging:index"))  # warm per-process caches
    with counting as queries:
        response = client.get(reverse("judging:index"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_judges_index_makes_the_same_queries_for_1_and_5_rounds(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    judge = UserFactory(judge=True)
    client.force_login(judge)
    add_round(judge, scored=1)
    small, html = index_queries(client, django_assert_max_num_queries(INDEX_CEILING))
    assert html.count("1 of 3 scored") == 1

    for scored in (0, 2, 3, 3):
        add_round(judge, scored)
    large, html = index_queries(client, django_assert_num_queries(small, info=f"{small} queries for one round"))
    assert [html.count(f"{n} of 3 scored") for n in range(4)] == [1, 1, 1, 2]


def test_progress_of_one_judge_over_many_rounds_matches_each_round(client):
    judge, other = UserFactory(judge=True), UserFactory(judge=True)
    rounds = [add_round(judge, scored) for scored in (0, 1, 3)]
    round_entry = rounds[0].round_entries.select_related("round").first()
    scoring.declare(judge, round_entry, Declaration.Kind.ABSTAIN, "Not my field.")  # stepping aside counts as done
    # A round without required criteria counts any score; one the judge is not in is left out.
    rounds[1].criteria.update(required=False)
    add_round(other, scored=2)
    expected = {round_.pk: progress.progress_of(round_)[judge.pk] for round_ in rounds}
    assert (
        progress.progress_of_judge(judge, rounds)
        == expected
        == {
            rounds[0].pk: (1, 3),
            rounds[1].pk: (1, 3),
            rounds[2].pk: (3, 3),
        }
    )
