"""Who may enter which contest, and until when: eligibility, deadlines with extensions, what may still change.

Read-only rules. The services that change entries (gallery.domain.entries, entry_images, screening) and the
background tasks ask them; nothing here writes. The services check them on the entry's row locked by
lock_entry(), so a change made meanwhile in another tab is seen.

Apps that take entries further (judging) have their say through Wagtail hooks, so gallery never imports them
(docs/architecture.md): an app registered under CHANGE_REFUSAL_HOOK tells why an entry may no longer be edited or
withdrawn, and one registered under WITHDRAWN_HOOK (gallery.domain.entries) is told of a withdrawal.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.errors import DomainError
from gallery.models import ContestExtension, ContestPage, Entry, Facility


class EntryRefused(DomainError):
    """An action on an entry is not allowed now; the message tells the user why."""


# --- Eligibility ---------------------------------------------------------------------------------------------


def is_eligible(contest, facility):
    """Whether `facility` may enter `contest`: the one rule of eligible_facilities(), asked for one facility."""
    return eligible_facilities(contest).filter(pk=facility.pk).exists()


def eligible_facilities(contest):
    """Every facility that may enter `contest`, as a queryset: active facilities among those listed and those of
    the listed regions; a contest that lists neither is open to every active facility."""
    facility_ids = list(contest.eligible_facilities.values_list("pk", flat=True))
    region_ids = list(contest.eligible_regions.values_list("pk", flat=True))
    facilities = Facility.objects.filter(active=True)
    if facility_ids or region_ids:
        facilities = facilities.filter(Q(pk__in=facility_ids) | Q(region_id__in=region_ids))
    return facilities


# --- Deadlines -----------------------------------------------------------------------------------------------


def deadline_for(contest, facility):
    """The closing time that applies to this facility: the contest's, or a later one granted by officers."""
    extension = ContestExtension.objects.filter(contest=contest, facility=facility).only("closes_at").first()
    if extension is not None and extension.closes_at > contest.closes_at:
        return extension.closes_at
    return contest.closes_at


def deadlines_by_facility(contest):
    """deadline_for() of every facility at once: a dict of the facilities whose extension ends later than the
    contest; any other facility's deadline is contest.closes_at."""
    extensions = ContestExtension.objects.filter(contest=contest, closes_at__gt=contest.closes_at)
    return dict(extensions.values_list("facility_id", "closes_at"))


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


def require_open(contest, facility, now, *, officer_override=False):
    """Refuse unless the contest is open for this facility at `now` (officers importing post sent in time may
    override it)."""
    if officer_override:
        return
    if now < contest.opens_at:
        raise EntryRefused(_("This contest is not open for entries yet."), code="not_open")
    if now > deadline_for(contest, facility):
        raise EntryRefused(_("The deadline for this contest has passed."), code="closed")


# --- What may still change -------------------------------------------------------------------------------------

EDITABLE_STATES = (Entry.State.DRAFT, Entry.State.SUBMITTED)

# fn(entry, action) -> a message saying why the facility may no longer do `action` ("edit": change the details or
# the images; "withdraw") to the entry, or None. Judging registers one: an entry being judged keeps its content,
# and approved results keep their entries.
CHANGE_REFUSAL_HOOK = "entry_change_refusal"
EDIT, WITHDRAW = "edit", "withdraw"


def change_refusal(entry, action=EDIT):
    """Why a registered app refuses `action` on this entry (the first that does), or None."""
    for refusal in hooks.get_hooks(CHANGE_REFUSAL_HOOK):
        message = refusal(entry, action)
        if message:
            return message
    return None


def lock_entry(entry):
    """The entry's row, locked until the end of the caller's transaction; refused if it no longer exists."""
    rows = Entry.objects.select_for_update(of=("self",)).select_related("contest", "facility")
    locked = rows.filter(pk=entry.pk).first()
    if locked is None:
        raise EntryRefused(_("This entry no longer exists."), code="gone")
    return locked


def can_edit(entry, now=None):
    now = now or timezone.now()
    if entry.state not in EDITABLE_STATES:
        return False
    if not entry.contest.opens_at <= now <= deadline_for(entry.contest, entry.facility):
        return False
    return change_refusal(entry, EDIT) is None


def require_editable(entry, now=None, *, officer_override=False):
    """Refuse unless the entry's details and images may still change: not withdrawn, not taken into judging (or
    frozen in approved results), and before the facility's deadline (which the offline import may override)."""
    now = now or timezone.now()
    if entry.state not in EDITABLE_STATES:
        raise EntryRefused(_("A withdrawn entry cannot be changed."), code="withdrawn")
    refusal = change_refusal(entry, EDIT)
    if refusal:
        raise EntryRefused(refusal, code="judging")
    require_open(entry.contest, entry.facility, now, officer_override=officer_override)


def can_withdraw(entry):
    """A submitted entry may be withdrawn, deadline or not, until an app refuses it (judging: results approved)."""
    return entry.state == Entry.State.SUBMITTED and change_refusal(entry, WITHDRAW) is None
