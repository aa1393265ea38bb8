"""What judging says when a facility wants to change or withdraw an entry (gallery's "entry_change_refusal" and
"entry_withdrawn" hooks, registered in wagtail_hooks.py so gallery asks without importing judging).

- An entry taken into a judging round keeps its details and images: every judge scores the same work.
- It may still be withdrawn until the results are approved. Withdrawing takes it out of every round of the contest
  (its code, assignments, scores, notes and declarations leave the judges' queues and the rankings); each round's
  audit log records what left, the officers who run rounds are told by email, and the round's screen lists it.
- Approved results keep their entries: withdrawing is refused, the exhibition's withdrawal of consent applies.
"""

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from gallery.domain.eligibility import EDIT
from gallery.judging.domain.errors import JudgingError
from gallery.judging.domain.locks import hold_contest_rounds, hold_judges
from gallery.judging.models import Result, RoundEntry
from gallery.judging.tasks import tell_officers_of_withdrawal

WITHDRAWN_ACTION = "judging.entry_withdrawn"


def _results_approved(contest_id):
    return Result.objects.filter(contest_id=contest_id).exists()


def _approved_message():
    return _(
        "The results of this contest are approved: this entry can no longer be changed or withdrawn. If the artist "
        "no longer agrees to show the work, withdraw the artist's consent instead."
    )


def change_refusal(entry, action):
    """Why the facility may no longer do `action` to the entry, or None. Asked on the entry's locked row; opening
    a round and approving results lock the contest's entries first, so neither slips past this check."""
    if _results_approved(entry.contest_id):
        return _approved_message()
    if action == EDIT and RoundEntry.objects.filter(entry_id=entry.pk).exists():
        return _(
            "This entry is being judged: its details and images can no longer change, so that every judge scores "
            "the same work. You can still withdraw it until the results are approved."
        )
    return None


def take_out_of_judging(entry, user):
    """The entry was withdrawn (its row locked by gallery's service): take it out of every round of its contest.
    Returns True when it was in one. Refuses once the results are approved."""
    round_ids = hold_contest_rounds(entry.contest_id)  # an approval waits for us, or we see its result
    if _results_approved(entry.contest_id):
        raise JudgingError(_approved_message())
    leaving = list(
        RoundEntry.objects.filter(entry_id=entry.pk, round_id__in=round_ids)
        .select_related("round")
        .annotate(
            n_scores=Count("scores", distinct=True),
            n_notes=Count("notes", distinct=True),
            n_declarations=Count("declarations", distinct=True),
        )
        .order_by("round__position", "round_id")
    )
    if not leaving:
        return False
    hold_judges([round_entry.round_id for round_entry in leaving])  # judges' saves in flight finish first
    removed = []
    for round_entry in leaving:
        data = {
            "entry": entry.pk,
            "reference": entry.reference,
            "code": round_entry.code,
            "scores": round_entry.n_scores,
            "notes": round_entry.n_notes,
            "declarations": round_entry.n_declarations,
        }
        log(round_entry.round, WITHDRAWN_ACTION, user=user, data=data)
        removed.append({"round": round_entry.round_id, **data})
    # Assignments, scores, notes and declarations go with the round entry (their own audit-log lines stay).
    RoundEntry.objects.filter(pk__in=[round_entry.pk for round_entry in leaving]).delete()
    transaction.on_commit(lambda: tell_officers_of_withdrawal.enqueue(removed))
    return True
