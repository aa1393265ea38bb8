"""Officers' decisions on a round's ranking: the order of entries still tied, and the shortlist for the next round.

Both take what a form sent. Each number is read strictly (ASCII digits within range) and each id must be an entry
of this round; anything else refuses the whole decision, so nothing is ever half-saved. Both are audit-logged.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.ids import read_id, read_whole_number
from gallery.judging.domain.errors import JudgingError
from gallery.judging.domain.locks import hold_round
from gallery.judging.models import Round, RoundEntry

MAX_ORDER = 32767  # RoundEntry.officer_tie_break is a small integer


def _ranked_round(round_):
    """The round, locked, if its ranking may still be decided on."""
    round_ = hold_round(round_)
    if round_.is_locked:
        raise JudgingError(_("The results are frozen: the ranking can no longer change."))
    if round_.status == Round.Status.DRAFT:
        raise JudgingError(_("This round has not been opened: it has no ranking yet."))
    return round_


def _entries_of(round_, raw_ids):
    """{round entry id} read from the form, every one an entry of this round."""
    ids = {read_id(raw) for raw in raw_ids}
    known = set(RoundEntry.objects.filter(round=round_, pk__in=ids - {None}).values_list("pk", flat=True))
    if ids - known:
        raise JudgingError(_("Some of the chosen entries are not entries of this round. Nothing was saved."))
    return ids


@transaction.atomic
def save_shortlist(round_, raw_ids, user=None):
    """Mark exactly these entries (ids as sent by the form) shortlisted for the next round. Returns how many."""
    round_ = _ranked_round(round_)
    following = Round.objects.filter(contest_id=round_.contest_id, position__gt=round_.position).first()
    if following and following.entry_source == Round.EntrySource.SHORTLIST and following.status != Round.Status.DRAFT:
        raise JudgingError(_("The next round has already taken its entries from this shortlist."))
    chosen = _entries_of(round_, raw_ids)
    entries = RoundEntry.objects.filter(round=round_)
    entries.filter(shortlisted=True).exclude(pk__in=chosen).update(shortlisted=False)
    entries.filter(shortlisted=False, pk__in=chosen).update(shortlisted=True)
    codes = sorted(entries.filter(pk__in=chosen).values_list("code", flat=True))
    log(round_, "judging.shortlist", user=user, data={"entries": codes})
    return len(chosen)


@transaction.atomic
def decide_ties(round_, orders, user=None):
    """Officers' order for entries still tied: {round entry id: order} as sent by the form, lower first; an empty
    order clears the decision. Returns how many decisions changed."""
    round_ = _ranked_round(round_)
    _entries_of(round_, orders)
    decided = {}
    for raw_id, raw_order in orders.items():
        order = None
        if str(raw_order).strip():
            order = read_whole_number(raw_order, low=1, high=MAX_ORDER)
            if order is None:
                raise JudgingError(
                    _("An officers' order is a whole number from 1 to %(high)s. Nothing was saved.")
                    % {"high": MAX_ORDER}
                )
        decided[read_id(raw_id)] = order
    changed = [
        entry for entry in RoundEntry.objects.filter(pk__in=decided) if entry.officer_tie_break != decided[entry.pk]
    ]
    for entry in changed:
        entry.officer_tie_break = decided[entry.pk]
    RoundEntry.objects.bulk_update(changed, ["officer_tie_break"])
    if changed:
        log(round_, "judging.tie_break", user=user, data={"decisions": len(changed)})
    return len(changed)
