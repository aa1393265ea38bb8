"""The row locks that keep judging's services from racing each other (PostgreSQL; SQLite writes one at a time).

Officers' services lock the round's row FOR NO KEY UPDATE: they wait for each other, yet never for a judge's
score insert, whose foreign key takes only a key-share lock on the round. A judge's writes lock the judge's
membership of the round (RoundJudge) first (hold_membership); services that end judging for a round (submit,
close, freeze) lock the same rows, so whichever comes second sees what the first did.

Opening a round and approving results first lock the contest's submitted entries, the rows a facility's edit or
withdrawal locks (gallery.domain.eligibility.lock_entry) before judging's hooks lock the rounds: entries, then
rounds, then judges' memberships, always in that order, so no two of these services wait for each other in a circle.
"""

from django.db.models import F

from gallery.judging.models import Round, RoundJudge
from gallery.models import Entry


def hold_contest_entries(contest_id):
    """Lock the contest's submitted entries until the transaction ends: a facility's edit or withdrawal in flight
    finishes first, later ones see the round or the result."""
    entries = Entry.objects.select_for_update(of=("self",)).filter(contest_id=contest_id, state=Entry.State.SUBMITTED)
    list(entries.order_by("pk").values_list("pk", flat=True))


def hold_round(round_):
    """The round, read fresh and locked until the transaction ends."""
    return Round.objects.select_for_update(no_key=True, of=("self",)).select_related("contest").get(pk=round_.pk)


def hold_contest_rounds(contest_id):
    """Lock every round of a contest, always in the same order; returns their ids."""
    rounds = Round.objects.select_for_update(no_key=True).filter(contest_id=contest_id).order_by("pk")
    return list(rounds.values_list("pk", flat=True))


def hold_judges(round_ids):
    """Lock the judges' memberships of these rounds until the transaction ends: judges' writes in flight finish
    first, later ones see the change."""
    memberships = RoundJudge.objects.select_for_update().filter(round_id__in=round_ids).order_by("pk")
    list(memberships.values_list("pk", flat=True))


def hold_membership(judge, round_id):
    """Lock one judge's membership of a round until the transaction ends; False if they are not a judge of it.

    An UPDATE that changes nothing rather than SELECT ... FOR UPDATE: SQLite has no row locks, and there a
    transaction that reads before it writes cannot queue behind another writer ("database is locked"). Writing
    first makes a judge's concurrent saves queue on both databases; on PostgreSQL it locks the row."""
    return RoundJudge.objects.filter(round_id=round_id, judge=judge).update(submitted_at=F("submitted_at")) > 0
