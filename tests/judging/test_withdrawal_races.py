"""A facility's withdrawal or edit at the same moment as an officer's approval or a round's opening (PostgreSQL,
real threads): whichever comes second sees the first, nobody deadlocks, and no withdrawn entry is in approved
results or an opened round."""

import threading
import time

import pytest
from django.db import connection, connections

from core.errors import DomainError
from gallery.domain import entries as entry_service
from gallery.domain import screening
from gallery.judging.domain import results, rounds, withdrawals
from gallery.judging.models import Result, ResultRow, RoundEntry, RoundJudge
from gallery.models import Entry
from tests.factories import ContestFactory, FacilityFactory, RoundFactory, SubmittedEntryFactory, UserFactory, rubric
from tests.factories.judging import scored_round

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are a PostgreSQL matter"),
]
WINDOW = 0.6  # seconds a patched step waits, so the other thread arrives in the middle of it


def run_together(first, second):
    """Start `first`, then `second` while `first` is inside its widened window; return how each ended."""
    outcomes = {}

    def run(name, action, delay):
        try:
            time.sleep(delay)
            action()
            outcomes[name] = "done"
        except DomainError:
            outcomes[name] = "refused"
        except Exception as error:  # noqa: BLE001 - shown by the assertions
            outcomes[name] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=("first", first, 0)),
        threading.Thread(target=run, args=("second", second, WINDOW / 3)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def slowed(monkeypatch, module, name):
    """Make module.name wait WINDOW seconds before doing its work (its caller's locks held meanwhile)."""
    original = getattr(module, name)

    def slow(*args, **kwargs):
        time.sleep(WINDOW)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)


def withdrawn_entry_in_results(entry):
    return ResultRow.objects.filter(entry=entry).exists()


@pytest.mark.parametrize("slow_step", ["withdrawal", "approval"])
def test_a_withdrawal_and_an_approval_at_once(monkeypatch, slow_step):
    round_, _judge = scored_round(entries=2, value=5)
    officer = UserFactory(officer=True)
    entry = round_.round_entries.first().entry
    staff = UserFactory(facility=entry.facility)
    if slow_step == "withdrawal":  # the withdrawal holds the entry and has yet to take the rounds
        slowed(monkeypatch, withdrawals, "take_out_of_judging")
        outcomes = run_together(
            lambda: entry_service.withdraw(entry, staff),
            lambda: results.freeze(round_, officer, reason="The jury met and agreed."),
        )
    else:  # the approval holds the entries and the rounds while it computes
        slowed(monkeypatch, results, "compute_results")
        outcomes = run_together(
            lambda: results.freeze(round_, officer, reason="The jury met and agreed."),
            lambda: entry_service.withdraw(entry, staff),
        )

    assert set(outcomes.values()) <= {"done", "refused"}, outcomes
    entry.refresh_from_db()
    assert Result.objects.filter(contest=round_.contest).exists()
    if entry.state == Entry.State.WITHDRAWN:
        assert slow_step == "withdrawal" and not withdrawn_entry_in_results(entry)
        assert not RoundEntry.objects.filter(entry=entry).exists()
    else:
        assert slow_step == "approval" and outcomes["second"] == "refused"
        assert withdrawn_entry_in_results(entry)


@pytest.mark.parametrize("slow_step", ["edit", "opening"])
def test_an_edit_and_a_round_opening_at_once(monkeypatch, slow_step):
    contest = ContestFactory(open_for_entries=True)
    facility = FacilityFactory()
    staff, officer = UserFactory(facility=facility), UserFactory(officer=True)
    entry = SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, notify=False)
    screening.screen(entry, officer, Entry.Review.ELIGIBLE)
    rubric(contest)
    round_ = RoundFactory(contest=contest, opened=False)
    RoundJudge.objects.create(round=round_, judge=UserFactory(judge=True))
    if slow_step == "edit":  # the edit holds the entry and has yet to save it
        slowed(monkeypatch, entry_service, "send_back_to_screening")
        outcomes = run_together(
            lambda: entry_service.edit_entry(entry, staff, {"title": "Repainted"}), lambda: rounds.open_round(round_)
        )
    else:  # the opening holds the contest's entries while it enrols them
        slowed(monkeypatch, rounds, "plan_assignments")
        outcomes = run_together(
            lambda: rounds.open_round(round_), lambda: entry_service.edit_entry(entry, staff, {"title": "Repainted"})
        )

    assert set(outcomes.values()) <= {"done", "refused"}, outcomes
    entry.refresh_from_db()
    enrolled = RoundEntry.objects.filter(entry=entry).exists()
    if slow_step == "edit":  # the edit came first: the entry went back to screening and was not taken in
        assert outcomes == {"first": "done", "second": "done"}
        assert entry.title == "Repainted" and entry.review == Entry.Review.RECEIVED and not enrolled
    else:  # the opening came first: the entry is being judged and kept its title
        assert outcomes == {"first": "done", "second": "refused"}
        assert entry.title == "Work" and enrolled
