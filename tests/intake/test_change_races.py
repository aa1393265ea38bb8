"""Two tabs (or a tab and an officer) changing one entry at the same moment (real threads, PostgreSQL and SQLite).
The services lock the entry's row (on SQLite each transaction starts IMMEDIATE: the whole database) and check the
rules under that lock, so the second change sees the first, and SQLite never answers "database is locked"."""

import threading
import time

import pytest
from django.db import connections

from gallery.domain import entries as service
from gallery.domain import entry_images, screening
from gallery.domain.eligibility import EntryRefused
from gallery.models import Entry
from tests.factories import DraftEntryFactory, SubmittedEntryFactory
from tests.intake import files
from tests.intake.conftest import upload

pytestmark = pytest.mark.django_db(transaction=True)


def slowed(monkeypatch, module, name, seconds=0.4):
    """Widen the window in which a change holds its lock, so a change that did not wait for it would pass."""
    original = getattr(module, name)

    def slow(*args, **kwargs):
        time.sleep(seconds)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)


def at_once(*actions):
    """Run (delay, action) pairs in threads released together; returns each outcome: the result, the code of
    the refusal, or the error."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, delay, action):
        try:
            barrier.wait()
            time.sleep(delay)
            outcomes[index] = action()
        except EntryRefused as refused:
            outcomes[index] = refused.code
        except Exception as error:  # noqa: BLE001 - reported by the test's assert
            outcomes[index] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, *pair)) for i, pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def fresh(entry):
    """The entry as another request would load it."""
    return Entry.objects.get(pk=entry.pk)


def test_two_removals_leave_a_submitted_entry_one_image(monkeypatch, contest, facility, staff):
    entry = SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, images=2, notify=False)
    first, second = entry.images.order_by("position")
    slowed(monkeypatch, entry_images, "delete_image_and_files")  # between counting and deleting
    outcomes = at_once(
        (0, lambda: entry_images.remove_entry_image(fresh(entry), first.pk, staff)),
        (0, lambda: entry_images.remove_entry_image(fresh(entry), second.pk, staff)),
    )
    assert sorted(outcomes, key=str) == [False, "last_image"]
    assert entry.images.count() == 1


def test_deleting_a_draft_while_another_tab_submits_it(monkeypatch, contest, facility, staff):
    draft = DraftEntryFactory(contest=contest, facility=facility, created_by=staff)
    slowed(monkeypatch, service, "next_reference")  # the submission holds its locks a while
    outcomes = at_once(
        (0, lambda: service.submit(fresh(draft), staff, notify=False).state),
        (0.15, lambda: service.delete_draft(draft, staff) or "deleted"),  # this tab still shows a draft
    )
    assert outcomes == [Entry.State.SUBMITTED, "not_draft"]
    assert fresh(draft).state == Entry.State.SUBMITTED and fresh(draft).images.count() == 1


def test_an_edit_made_while_officers_screen_goes_back_to_screening(monkeypatch, contest, facility, staff, officer):
    entry = SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, notify=False)
    slowed(monkeypatch, screening, "log")  # the screening holds the lock while it writes its log
    outcomes = at_once(
        (0, lambda: screening.screen(fresh(entry), officer, Entry.Review.ELIGIBLE).review),
        (0.15, lambda: service.edit_entry(fresh(entry), staff, {"title": "Cropped"}).sent_back_to_screening),
    )
    assert outcomes == [Entry.Review.ELIGIBLE, True]
    edited = fresh(entry)
    # Officers screened the work before the facility changed it: they must look again.
    assert edited.title == "Cropped" and edited.review == Entry.Review.RECEIVED


def test_parallel_uploads_and_submits_of_one_facility_all_get_an_answer(contest, facility, staff):
    """Staff of one facility uploading to several drafts and submitting others at the same moment: each is stored
    or refused by a rule, none fails on a busy database (SQLite: "database is locked")."""
    contest.max_entries_per_facility = 2
    contest.save()
    uploading = [DraftEntryFactory(contest=contest, facility=facility, created_by=staff, images=0) for _ in range(3)]
    submitting = [DraftEntryFactory(contest=contest, facility=facility, created_by=staff) for _ in range(3)]
    pictures = [files.jpeg(seed=n) for n in range(len(uploading))]
    outcomes = at_once(
        *[
            (0, lambda d=d, p=p: type(entry_images.add_entry_image(fresh(d), upload(p), user=staff)).__name__)
            for d, p in zip(uploading, pictures, strict=True)
        ],
        *[(0, lambda d=d: service.submit(fresh(d), staff, notify=False).state) for d in submitting],
    )
    assert outcomes[:3] == ["EntryImage"] * 3
    assert sorted(outcomes[3:]) == ["quota", Entry.State.SUBMITTED, Entry.State.SUBMITTED]
    assert Entry.objects.filter(state=Entry.State.SUBMITTED).count() == 2
    assert all(fresh(draft).images.count() == 1 for draft in uploading)
