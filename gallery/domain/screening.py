"""Officers' screening of submitted entries, and the rule that sends a changed entry back to it.

Every change of review status is written to Wagtail's audit log with who made it.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from gallery.domain.eligibility import EntryRefused
from gallery.models import Entry


def screen(entry, user, review, reason=""):
    """Officers set the review status; a disqualification needs a reason, which the facility sees."""
    if review not in Entry.Review.values:
        raise EntryRefused(_("Unknown review status."), code="review")
    reason = (reason or "").strip()
    if review == Entry.Review.DISQUALIFIED and not reason:
        raise EntryRefused(_("Please give the reason for the disqualification."), code="reason")
    with transaction.atomic():
        entry = Entry.objects.select_for_update().get(pk=entry.pk)
        if entry.state != Entry.State.SUBMITTED:
            raise EntryRefused(_("Only submitted entries are screened."), code="not_submitted")
        previous = entry.review
        entry.review = review
        entry.disqualification_reason = reason if review == Entry.Review.DISQUALIFIED else ""
        entry.save(update_fields=["review", "disqualification_reason", "updated_at"])
        log(
            entry,
            "gallery.entry.screen",
            user=user,
            data={"reference": entry.reference, "from": previous, "to": review, "reason": reason},
        )
    return entry


def is_screened(entry):
    """Officers have already looked at this submitted entry (its review is no longer "received")."""
    return entry.state == Entry.State.SUBMITTED and entry.review != Entry.Review.RECEIVED


def send_back_to_screening(locked_entry, user, cause):
    """A screened entry that its facility changed must be screened again: review back to "received", reason
    cleared, logged with what changed. Call it on an entry row locked by the caller's transaction.
    Returns True when the entry was sent back."""
    if not is_screened(locked_entry):
        return False
    previous, reason = locked_entry.review, locked_entry.disqualification_reason
    locked_entry.review = Entry.Review.RECEIVED
    locked_entry.disqualification_reason = ""
    locked_entry.save(update_fields=["review", "disqualification_reason", "updated_at"])
    log(
        locked_entry,
        "gallery.entry.rescreen",
        user=user,
        data={"reference": locked_entry.reference, "from": previous, "reason": reason, "cause": cause},
    )
    return True
