"""A frozen round's entries (codes, shortlist, officers' tie-break order) cannot change: the model refuses, and
the database refuses too (migration 0004), even for bulk writes that skip the model. PostgreSQL and SQLite."""

import pytest
from django.db import DatabaseError, transaction

from gallery.judging.domain import results
from gallery.judging.models import RoundEntry, RoundLocked
from tests.factories import EntryFactory, UserFactory
from tests.factories.judging import scored_round as build_scored_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen_round():
    round_, judge = build_scored_round(entries=2, value=6)
    # Before the freeze the same writes go through.
    round_entry = round_.round_entries.first()
    round_entry.officer_tie_break = 1
    round_entry.save()
    RoundEntry.objects.filter(round=round_).update(shortlisted=True)
    results.freeze(round_, UserFactory(officer=True), reason="Not every judge submitted.")
    return round_


def test_the_model_refuses_to_change_or_delete_a_frozen_round_entry(frozen_round):
    round_entry = frozen_round.round_entries.first()
    round_entry.officer_tie_break = 2
    with pytest.raises(RoundLocked):
        round_entry.save()
    with pytest.raises(RoundLocked):
        round_entry.delete()
    assert RoundEntry.objects.get(pk=round_entry.pk).officer_tie_break == 1


def test_the_database_refuses_bulk_writes_to_a_frozen_round_entry(frozen_round):
    with pytest.raises(DatabaseError), transaction.atomic():
        RoundEntry.objects.filter(round=frozen_round).update(shortlisted=False)
    with pytest.raises(DatabaseError), transaction.atomic():
        RoundEntry.objects.bulk_update(
            [RoundEntry(pk=frozen_round.round_entries.first().pk, officer_tie_break=9)], ["officer_tie_break"]
        )
    other = EntryFactory(contest=frozen_round.contest)
    with pytest.raises(DatabaseError), transaction.atomic():
        RoundEntry.objects.bulk_create([RoundEntry(round=frozen_round, entry=other, code="LATE22")])
    assert set(RoundEntry.objects.filter(round=frozen_round).values_list("shortlisted", flat=True)) == {True}
    assert not RoundEntry.objects.filter(code="LATE22").exists()
