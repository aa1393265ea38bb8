"""Entry rules enforced on the server: eligibility, deadlines with extensions, quotas, submit and withdraw.

Views, the admin and the import command call these functions; none of them changes an entry's state itself.
Every state or review change is written to Wagtail's audit log with who did it.
"""

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from core.errors import DomainError
from gallery.models import ContestExtension, ContestPage, Entry, Facility


class EntryRefused(DomainError):
    """An action on an entry is not allowed now; the message tells the user why."""


# --- Eligibility and deadlines ---------------------------------------------------------------------------


def is_eligible(contest, facility):
    """Open to the listed facilities and regions; a contest that lists neither is open to every facility."""
    if not facility.active:
        return False
    facility_ids = {f.pk for f in contest.eligible_facilities.all()}
    region_ids = {r.pk for r in contest.eligible_regions.all()}
    if not facility_ids and not region_ids:
        return True
    return facility.pk in facility_ids or facility.region_id in region_ids


def deadline_for(contest, facility):
    """The closing time that applies to this facility: the contest's, or a later one granted by officers."""
    extension = ContestExtension.objects.filter(contest=contest, facility=facility).only("closes_at").first()
    if extension is not None and extension.closes_at > contest.closes_at:
        return extension.closes_at
    return contest.closes_at


def is_open_for(contest, facility, now=None, *, deadline=None):
    now = now or timezone.now()
    deadline = deadline or deadline_for(contest, facility)
    return contest.opens_at <= now <= deadline


def contests_for_facility(facility, now=None):
    """Live contests this facility may enter that are open now (with its extension), each with `.deadline`."""
    now = now or timezone.now()
    extensions = dict(ContestExtension.objects.filter(facility=facility).values_list("contest_id", "closes_at"))
    candidates = (
        ContestPage.objects.live()
        .filter(opens_at__lte=now)
        .filter(
            Q(eligible_facilities=facility)
            | Q(eligible_regions=facility.region_id)
            | Q(eligible_facilities__isnull=True, eligible_regions__isnull=True)
        )
        .distinct()
        .order_by("closes_at")
    )
    contests = []
    for contest in candidates:
        contest.deadline = max(contest.closes_at, extensions.get(contest.pk, contest.closes_at))
        if now <= contest.deadline:
            contests.append(contest)
    return contests


def _require_open(contest, facility, now, *, officer_override=False):
    if officer_override:
        return
    if now < contest.opens_at:
        raise EntryRefused(_("This contest is not open for entries yet."), code="not_open")
    if now > deadline_for(contest, facility):
        raise EntryRefused(_("The deadline for this contest has passed."), code="closed")


# --- Drafts ------------------------------------------------------------------------------------------------

EDITABLE_STATES = (Entry.State.DRAFT, Entry.State.SUBMITTED)


def can_edit(entry, now=None):
    now = now or timezone.now()
    return entry.state in EDITABLE_STATES and is_open_for(entry.contest, entry.facility, now)


def create_draft(contest, facility, user, now=None, *, officer_override=False, **fields):
    now = now or timezone.now()
    if not is_eligible(contest, facility):
        raise EntryRefused(_("Your facility may not enter this contest."), code="not_eligible")
    _require_open(contest, facility, now, officer_override=officer_override)
    entry = Entry(contest=contest, facility=facility, created_by=user, **fields)
    entry.full_clean(exclude=["consent_form", "reference", "sequence"])
    entry.save()
    log(entry, "gallery.entry.create", user=user)
    return entry


def require_editable(entry, now=None):
    now = now or timezone.now()
    if entry.state not in EDITABLE_STATES:
        raise EntryRefused(_("A withdrawn entry cannot be changed."), code="withdrawn")
    _require_open(entry.contest, entry.facility, now)


# --- Submit and withdraw --------------------------------------------------------------------------------------


def next_reference(contest, facility):
    """Numbers run per contest and facility and are never reused, withdrawn entries included."""
    last = Entry.objects.filter(contest=contest, facility=facility).aggregate(last=Max("sequence"))["last"]
    sequence = (last or 0) + 1
    return sequence, f"{contest.code}-{facility.code}-{sequence:04d}"


def submit(entry, user, now=None, *, officer_override=False, log_action="gallery.entry.submit", notify=True):
    """Draft → submitted. The quota check and the numbering run under a lock on the facility row, so two
    browser tabs (or two staff members) submitting at once can never exceed the quota or share a number."""
    now = now or timezone.now()
    with transaction.atomic():
        Facility.objects.select_for_update().get(pk=entry.facility_id)
        entry = Entry.objects.select_for_update(of=("self",)).select_related("contest", "facility").get(pk=entry.pk)
        if entry.state != Entry.State.DRAFT:
            raise EntryRefused(_("Only a draft can be submitted."), code="not_draft")
        contest, facility = entry.contest, entry.facility
        if not officer_override and not is_eligible(contest, facility):
            raise EntryRefused(_("Your facility may not enter this contest."), code="not_eligible")
        _require_open(contest, facility, now, officer_override=officer_override)
        if not entry.consent_confirmed:
            raise EntryRefused(_("Please confirm the artist's consent before submitting."), code="no_consent")
        if not entry.images.exists():
            raise EntryRefused(_("Add at least one image of the work before submitting."), code="no_image")
        submitted = Entry.objects.filter(contest=contest, facility=facility, state=Entry.State.SUBMITTED).count()
        if submitted >= contest.max_entries_per_facility:
            raise EntryRefused(
                _("Your facility has already submitted %(count)s entries, the most this contest allows.")
                % {"count": contest.max_entries_per_facility},
                code="quota",
            )
        if entry.sequence is None:
            entry.sequence, entry.reference = next_reference(contest, facility)
        entry.state = Entry.State.SUBMITTED
        entry.review = Entry.Review.RECEIVED
        entry.submitted_at = now
        entry.save(update_fields=["sequence", "reference", "state", "review", "submitted_at", "updated_at"])
        log(entry, log_action, user=user, data={"reference": entry.reference})
        if notify:
            transaction.on_commit(lambda: _enqueue_receipt(entry.pk))
    return entry


def withdraw(entry, user, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        entry = Entry.objects.select_for_update().select_related("contest", "facility").get(pk=entry.pk)
        if entry.state != Entry.State.SUBMITTED:
            raise EntryRefused(_("Only a submitted entry can be withdrawn."), code="not_submitted")
        _require_open(entry.contest, entry.facility, now)
        entry.state = Entry.State.WITHDRAWN
        entry.save(update_fields=["state", "updated_at"])
        log(entry, "gallery.entry.withdraw", user=user, data={"reference": entry.reference})
    return entry


def delete_draft(entry, user):
    from gallery.domain.images import delete_entry_image

    if entry.state != Entry.State.DRAFT:
        raise EntryRefused(_("Only a draft can be deleted; withdraw a submitted entry instead."), code="not_draft")
    with transaction.atomic():
        for image in list(entry.images.all()):
            delete_entry_image(image)
        if entry.consent_form:
            name, storage = entry.consent_form.name, entry.consent_form.storage
            transaction.on_commit(lambda: storage.delete(name))
        entry.delete()


# --- Screening by officers ----------------------------------------------------------------------------------


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


def _enqueue_receipt(entry_pk):
    from gallery.tasks import send_receipt

    send_receipt.enqueue(entry_pk)
