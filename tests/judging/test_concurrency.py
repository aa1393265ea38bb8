"""Two saves of the same score at the same moment leave exactly one row (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import connection, connections

from gallery.judging.domain import scoring
from gallery.judging.models import RoundEntry, Score
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_of_one_score_leave_one_row():
    if connection.vendor != "postgresql":
        pytest.skip("row-level concurrency is checked on PostgreSQL (DATABASE_URL=postgres://...)")
    contest = ContestFactory()
    EntryFactory(contest=contest, facility=FacilityFactory())
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    re_pk = round_.round_entries.get().pk
    criterion_pk = round_.criteria.first().pk

    workers = 8
    barrier = threading.Barrier(workers)
    errors = []

    def save(value):
        try:
            re = RoundEntry.objects.select_related("round").get(pk=re_pk)
            barrier.wait()
            for _ in range(5):
                scoring.save_score(judge, re, criterion_pk, value)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(1 + n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = list(Score.objects.filter(round_entry_id=re_pk, criterion_id=criterion_pk))
    assert len(rows) == 1
    assert 1 <= rows[0].value <= workers
