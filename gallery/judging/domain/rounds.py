"""A round's life: opening (rubric frozen, entries enrolled under random codes, judges assigned), judges added
while it is open, reminders, closing. Every change is written to Wagtail's audit log."""

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from gallery.judging.domain.assignment import EntryInfo, JudgeInfo, assign
from gallery.judging.domain.errors import JudgingError
from gallery.judging.domain.locks import hold_contest_entries, hold_judges, hold_round
from gallery.judging.domain.results import compute_results
from gallery.judging.models import Assignment, Criterion, JudgeProfile, Result, Round, RoundCriterion, RoundEntry
from gallery.judging.models.rounds import new_anonymous_code
from gallery.judging.tasks import make_round_renditions, remind_late_judges
from gallery.models import Entry, FacilityMembership

ELIGIBLE_REVIEWS = [Entry.Review.ELIGIBLE, Entry.Review.SHORTLISTED, Entry.Review.WINNER]


def _entries_for(round_):
    if round_.entry_source == Round.EntrySource.ELIGIBLE or round_.kind == Round.Kind.SCREENING:
        queryset = Entry.objects.filter(contest_id=round_.contest_id, state=Entry.State.SUBMITTED)
        if round_.kind != Round.Kind.SCREENING:
            queryset = queryset.filter(review__in=ELIGIBLE_REVIEWS)
        return list(queryset.order_by("pk").values_list("pk", flat=True))
    previous = round_.previous()
    if previous is None:
        raise JudgingError(_("This round takes its entries from a previous round, and there is none."))
    if round_.entry_source == Round.EntrySource.SHORTLIST:
        return list(previous.round_entries.filter(shortlisted=True).order_by("pk").values_list("entry_id", flat=True))
    if not round_.top_n:
        raise JudgingError(_("Say how many entries of the previous round go on (top N)."))
    ranking = compute_results(previous).rows
    return [row.entry_id for row in ranking if row.rank is not None and row.rank <= round_.top_n]


def _unique_codes(count):
    codes = set()
    while len(codes) < count:
        codes.add(new_anonymous_code())
    return list(codes)


@transaction.atomic
def open_round(round_, user=None):
    """Open a round: copy the rubric into it, enrol its entries under random codes and assign judges."""
    hold_contest_entries(Round.objects.filter(pk=round_.pk).values_list("contest_id", flat=True).get())
    round_ = hold_round(round_)
    if round_.status != Round.Status.DRAFT:
        raise JudgingError(_("Only a round that has not been opened can be opened."))
    if Round.objects.filter(contest_id=round_.contest_id, status=Round.Status.OPEN).exists():
        raise JudgingError(_("Another round of this contest is open. Close it first."))
    if Result.objects.filter(contest_id=round_.contest_id).exists():
        raise JudgingError(_("The results of this contest are frozen."))

    if round_.kind != Round.Kind.SCREENING:
        criteria = list(Criterion.objects.filter(contest_id=round_.contest_id))
        if not criteria:
            raise JudgingError(_("The contest has no rubric yet. Add criteria first."))
        RoundCriterion.objects.bulk_create(
            RoundCriterion(
                round=round_,
                name=c.name,
                description=c.description,
                weight=c.weight,
                scale_min=c.scale_min,
                scale_max=c.scale_max,
                required=c.required,
                position=index,
            )
            for index, c in enumerate(criteria)
        )

    entry_ids = _entries_for(round_)
    # Queue order is random too, so neighbouring codes say nothing about submission order or facility.
    order = list(entry_ids)
    secrets.SystemRandom().shuffle(order)
    codes = _unique_codes(len(order))
    round_entries = RoundEntry.objects.bulk_create(
        RoundEntry(round=round_, entry_id=entry_id, code=code, position=index)
        for index, (entry_id, code) in enumerate(zip(order, codes, strict=True))
    )
    plan = plan_assignments(round_, round_entries)
    by_entry = {re.entry_id: re.pk for re in round_entries}
    Assignment.objects.bulk_create(
        Assignment(round_entry_id=by_entry[entry_id], judge_id=judge_id) for entry_id, judge_id in plan.pairs
    )

    round_.status = Round.Status.OPEN
    if round_.opens_at is None:
        round_.opens_at = timezone.now()
    round_.save(update_fields=["status", "opens_at"])
    log(round_, "judging.round.open", user=user, data={"entries": len(round_entries), "short": len(plan.short)})
    round_id = round_.pk
    transaction.on_commit(lambda: make_round_renditions.enqueue(round_id))  # image work off the request path
    return plan


def plan_assignments(round_, round_entries):
    """The plan for these round entries and the round's judges. A judge's conflicts are the facilities and regions
    of their judge profile and the facility they are staff of: nobody judges their own facility's works."""
    entry_rows = Entry.objects.filter(pk__in=[re.entry_id for re in round_entries]).values_list(
        "pk", "facility_id", "facility__region_id"
    )
    entries = [EntryInfo(id=pk, facility=facility, region=region) for pk, facility, region in entry_rows]
    judge_ids = list(round_.round_judges.values_list("judge_id", flat=True))
    affiliations = {judge_id: (set(), set()) for judge_id in judge_ids}
    for profile in JudgeProfile.objects.filter(user_id__in=judge_ids).prefetch_related("facilities", "regions"):
        affiliations[profile.user_id] = (
            {f.pk for f in profile.facilities.all()},
            {r.pk for r in profile.regions.all()},
        )
    for user_id, facility_id in FacilityMembership.objects.filter(user_id__in=judge_ids).values_list(
        "user_id", "facility_id"
    ):
        affiliations[user_id][0].add(facility_id)
    judges = [
        JudgeInfo(id=judge_id, facilities=frozenset(facilities), regions=frozenset(regions))
        for judge_id, (facilities, regions) in affiliations.items()
    ]
    return assign(entries, judges, per_entry=round_.judges_per_entry)


@transaction.atomic
def assign_new_judges(round_):
    """A judge added to an open round where everyone judges everything gets every entry they may judge.

    Rounds with k judges per entry keep their balanced plan; officers rebalance those by a new round.
    Returns the number of assignments created.
    """
    if round_.status != Round.Status.OPEN or round_.judges_per_entry:
        return 0
    round_entries = list(round_.round_entries.all())
    plan = plan_assignments(round_, round_entries)
    existing = set(
        Assignment.objects.filter(round_entry__round=round_).values_list("round_entry__entry_id", "judge_id")
    )
    by_entry = {re.entry_id: re.pk for re in round_entries}
    created = Assignment.objects.bulk_create(
        Assignment(round_entry_id=by_entry[entry_id], judge_id=judge_id)
        for entry_id, judge_id in plan.pairs
        if (entry_id, judge_id) not in existing
    )
    return len(created)


@transaction.atomic
def close_round(round_, user=None):
    round_ = hold_round(round_)
    if round_.status != Round.Status.OPEN:
        raise JudgingError(_("Only an open round can be closed."))
    hold_judges([round_.pk])  # no score lands after the closing
    round_.status = Round.Status.CLOSED
    round_.save(update_fields=["status"])
    log(round_, "judging.round.close", user=user)


@transaction.atomic
def remind_judges(round_, user=None):
    """Email the judges of an open round who have not submitted (a background task), and log the reminder."""
    round_ = hold_round(round_)
    if round_.status != Round.Status.OPEN:
        raise JudgingError(_("Only the judges of an open round can be reminded."))
    remind_late_judges.enqueue(round_.pk)
    log(round_, "judging.remind", user=user)
