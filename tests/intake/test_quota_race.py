"""Two browser tabs submitting at the same moment can never exceed the quota (real threads, PostgreSQL and SQLite)."""

import threading
import time

import pytest
from django.db import connections

from gallery.domain import entries as service
from gallery.models import Entry
from tests.factories import DraftEntryFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def slow_numbering(monkeypatch):
    """Widen the window between counting and saving, so an unlocked check would let both tabs through."""
    numbering = service.next_reference

    def slow(*args):
        time.sleep(0.3)
        return numbering(*args)

    monkeypatch.setattr(service, "next_reference", slow)


def test_two_simultaneous_submissions_cannot_exceed_the_quota(contest, facility, staff):
    contest.max_entries_per_facility = 1
    contest.save()
    drafts = [
        DraftEntryFactory(contest=contest, facility=facility, created_by=staff, title=f"Tab {n}") for n in range(2)
    ]
    barrier = threading.Barrier(2)
    outcomes = []

    def submit(entry):
        try:
            barrier.wait()
            service.submit(entry, staff)
            outcomes.append("submitted")
        except service.EntryRefused as refused:
            outcomes.append(refused.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["quota", "submitted"]
    assert Entry.objects.filter(state=Entry.State.SUBMITTED).count() == 1


def test_simultaneous_submissions_get_distinct_references(contest, facility, staff):
    drafts = [
        DraftEntryFactory(contest=contest, facility=facility, created_by=staff, title=f"Tab {n}") for n in range(4)
    ]
    barrier = threading.Barrier(len(drafts))
    errors = []

    def submit(entry):
        try:
            barrier.wait()
            service.submit(entry, staff)
        except Exception as error:  # noqa: BLE001 - reported by the assert below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    references = sorted(Entry.objects.values_list("reference", flat=True))
    assert references == [f"MD20-KAR1-{n:04d}" for n in range(1, 5)]
