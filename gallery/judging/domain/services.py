"""Judging operations on the database: open a round, score, declare, submit, compute and freeze results.

Views call these and stay thin. Every change of a score, every submission and the freeze are written to
Wagtail's audit log (actions registered in wagtail_hooks.py).
"""

import secrets

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from gallery.judging.domain import aggregation
from gallery.judging.domain.assignment import EntryInfo, JudgeInfo, assign
from gallery.judging.models import (
    Assignment,
    Criterion,
    Declaration,
    JudgeNote,
    JudgeProfile,
    JudgingSettings,
    Result,
    ResultRow,
    Round,
    RoundCriterion,
    RoundEntry,
    RoundJudge,
    Score,
)
from gallery.judging.models.rounds import new_anonymous_code
from gallery.models import Entry

ELIGIBLE_REVIEWS = [Entry.Review.ELIGIBLE, Entry.Review.SHORTLISTED, Entry.Review.WINNER]


class JudgingError(Exception):
    """A judging rule was broken; the message is translated and safe to show to the user."""


# --- Rounds ---------------------------------------------------------------------------------------------


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
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
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
    return plan


def plan_assignments(round_, round_entries):
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
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.status != Round.Status.OPEN:
        raise JudgingError(_("Only an open round can be closed."))
    round_.status = Round.Status.CLOSED
    round_.save(update_fields=["status"])
    log(round_, "judging.round.close", user=user)


# --- What a judge does ----------------------------------------------------------------------------------


def _judge_link(judge, round_entry):
    """The judge's membership of the round (annotated with `assigned` and `declared`), after checking they
    may act on this entry now. One query for all three facts."""
    round_ = round_entry.round
    if round_.is_locked:
        raise JudgingError(_("The results are frozen: scores can no longer change."))
    if not round_.accepts_scores:
        raise JudgingError(_("This round is not open for scoring."))
    membership = (
        RoundJudge.objects.filter(round=round_, judge=judge)
        .annotate(
            assigned=Exists(Assignment.objects.filter(round_entry=round_entry, judge=judge)),
            declared=Exists(Declaration.objects.filter(round_entry=round_entry, judge=judge)),
        )
        .first()
    )
    if membership is None or not membership.assigned:
        raise JudgingError(_("This entry is not assigned to you."))
    if membership.submitted_at:
        raise JudgingError(_("You have submitted your scores for this round; they are locked."))
    return membership


def save_score(judge, round_entry, criterion_id, value):
    """Record one criterion's score (None clears it). One row per judge, entry and criterion, even under
    concurrent saves: the insert is an upsert on the unique constraint."""
    if _judge_link(judge, round_entry).declared:
        raise JudgingError(_("You stepped aside from this entry; it cannot be scored."))
    criterion = RoundCriterion.objects.filter(pk=criterion_id, round_id=round_entry.round_id).first()
    if criterion is None:
        raise JudgingError(_("Unknown criterion."))
    if value is None:
        Score.objects.filter(round_entry=round_entry, criterion=criterion, judge=judge).delete()
        log(round_entry, "judging.score.clear", user=judge, data={"criterion": criterion.name})
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not criterion.scale_min <= value <= criterion.scale_max:
        raise JudgingError(
            _("A score must be a whole number from %(low)s to %(high)s.")
            % {"low": criterion.scale_min, "high": criterion.scale_max}
        )
    with transaction.atomic():
        Score.objects.bulk_create(
            [
                Score(
                    round_id=round_entry.round_id,
                    round_entry=round_entry,
                    criterion=criterion,
                    judge=judge,
                    value=value,
                    updated_at=timezone.now(),
                )
            ],
            update_conflicts=True,
            unique_fields=["round_entry", "criterion", "judge"],
            update_fields=["value", "updated_at"],
        )
        log(round_entry, "judging.score", user=judge, data={"criterion": criterion.name, "value": value})
    return value


def save_note(judge, round_entry, comment, feedback):
    _judge_link(judge, round_entry)
    note, _created = JudgeNote.objects.update_or_create(
        round_entry=round_entry,
        judge=judge,
        defaults={"round_id": round_entry.round_id, "comment": comment.strip(), "feedback": feedback.strip()},
    )
    return note


@transaction.atomic
def declare(judge, round_entry, kind, reason):
    """A judge declares a conflict of interest or abstains. Their scores for the entry stop counting."""
    _judge_link(judge, round_entry)
    if kind not in Declaration.Kind.values:
        raise JudgingError(_("Choose a conflict of interest or an abstention."))
    if not reason or not reason.strip():
        raise JudgingError(_("Give a reason; officers will see it."))
    try:
        with transaction.atomic():
            declaration = Declaration.objects.create(
                round_id=round_entry.round_id, round_entry=round_entry, judge=judge, kind=kind, reason=reason.strip()
            )
    except IntegrityError as error:
        raise JudgingError(_("You already stepped aside from this entry.")) from error
    log(round_entry, "judging.declare", user=judge, data={"kind": kind, "reason": reason.strip()})
    return declaration


def progress_of(round_, judge_ids=None):
    """{judge id: (done, assigned)}: an entry is done when every required criterion is scored or the judge
    stepped aside. Three queries whatever the number of entries."""
    required = list(round_.criteria.filter(required=True).values_list("pk", flat=True))
    assignments = Assignment.objects.filter(round_entry__round=round_)
    if judge_ids is not None:
        assignments = assignments.filter(judge_id__in=judge_ids)
    assigned = dict(assignments.values_list("judge_id").annotate(n=Count("pk")).values_list("judge_id", "n"))
    scored = (
        Score.objects.filter(round=round_, criterion_id__in=required)
        .values("judge_id", "round_entry_id")
        .annotate(n=Count("pk"))
        .filter(n=len(required))
    )
    done_pairs = {(row["judge_id"], row["round_entry_id"]) for row in scored} if required else set()
    declared = set(Declaration.objects.filter(round=round_).values_list("judge_id", "round_entry_id"))
    if not required:
        done_pairs = set(Score.objects.filter(round=round_).values_list("judge_id", "round_entry_id").distinct())
    assigned_pairs = set(assignments.values_list("judge_id", "round_entry_id"))
    done = {}
    for judge_id, _entry in assigned_pairs & (done_pairs | declared):
        done[judge_id] = done.get(judge_id, 0) + 1
    return {judge_id: (done.get(judge_id, 0), count) for judge_id, count in assigned.items()}


@transaction.atomic
def submit(judge, round_):
    """Lock a judge's scores for the round. Every assigned entry must be scored or stepped aside from."""
    membership = RoundJudge.objects.select_for_update().filter(round=round_, judge=judge).first()
    if membership is None:
        raise JudgingError(_("You are not a judge of this round."))
    if membership.submitted_at:
        raise JudgingError(_("You have already submitted your scores for this round."))
    if not round_.accepts_scores:
        raise JudgingError(_("This round is not open for scoring."))
    done, assigned = progress_of(round_, [judge.pk]).get(judge.pk, (0, 0))
    if done < assigned:
        raise JudgingError(
            _("%(left)s of your %(total)s entries still need scores.") % {"left": assigned - done, "total": assigned}
        )
    membership.submitted_at = timezone.now()
    membership.save(update_fields=["submitted_at"])
    log(round_, "judging.submit", user=judge, data={"entries": assigned})


# --- Results --------------------------------------------------------------------------------------------


class RankedRow:
    """One line of a computed ranking, with what officers need beside the numbers."""

    def __init__(self, result, round_entry):
        self.result = result
        self.entry_id = round_entry["entry_id"]
        self.round_entry_id = round_entry["pk"]
        self.code = round_entry["code"]
        self.shortlisted = round_entry["shortlisted"]
        self.rank = result.rank
        self.score = result.score
        self.median = result.median
        self.top_marks = result.top_marks
        self.tied = result.tied
        self.award = result.award
        self.disagreement = result.disagreement
        self.spread = result.spread
        self.judge_scores = result.judge_scores


class ComputedResults:
    def __init__(self, round_, settings, rows, judges, criteria, declarations):
        self.round = round_
        self.settings = settings
        self.rows = rows
        self.judges = judges  # judge ids in a stable order
        self.criteria = criteria
        self.declarations = declarations  # (judge id, round entry id) -> kind


def compute_results(round_):
    """Compute the ranking of a round from the database in a fixed number of queries."""
    settings = JudgingSettings.for_contest(round_.contest)
    criteria_rows = list(round_.criteria.values_list("pk", "weight", "scale_min", "scale_max"))
    criteria = [aggregation.Criterion(pk, float(weight), low, high) for pk, weight, low, high in criteria_rows]
    round_entries = list(round_.round_entries.values("pk", "entry_id", "code", "officer_tie_break", "shortlisted"))
    by_pk = {row["pk"]: row for row in round_entries}
    declarations = dict(
        ((judge, entry), kind)
        for judge, entry, kind in round_.declarations.values_list("judge_id", "round_entry_id", "kind")
    )
    scores = [
        aggregation.ScoreRow(judge, entry, criterion, value)
        for judge, entry, criterion, value in Score.objects.filter(round=round_).values_list(
            "judge_id", "round_entry_id", "criterion_id", "value"
        )
    ]
    judges = list(round_.round_judges.order_by("judge_id").values_list("judge_id", flat=True))
    if not criteria:
        rows = [RankedRow(aggregation.EntryResult(entry=row["pk"]), row) for row in round_entries]
        return ComputedResults(round_, settings, rows, judges, criteria_rows, declarations)
    contest = round_.contest
    ranking = aggregation.compute_ranking(
        criteria,
        scores,
        list(by_pk),
        method=settings.method,
        normalise=settings.normalise,
        excluded=frozenset(declarations),
        tie_breaks=settings.tie_breaks,
        officer_order={row["pk"]: row["officer_tie_break"] for row in round_entries if row["officer_tie_break"]},
        winners=contest.number_of_winners,
        honourable_mentions=settings.honourable_mentions,
        disagreement_threshold=float(settings.disagreement_threshold),
    )
    rows = [RankedRow(result, by_pk[result.entry]) for result in ranking]
    return ComputedResults(round_, settings, rows, judges, criteria_rows, declarations)


def ranked_round(contest):
    """The round results are approved from: the last scoring or final round that was opened."""
    return (
        Round.objects.filter(contest=contest, kind__in=[Round.Kind.SCORING, Round.Kind.FINAL])
        .exclude(status=Round.Status.DRAFT)
        .order_by("-position", "-pk")
        .first()
    )


@transaction.atomic
def freeze(round_, user):
    """Approve the results: snapshot ranks and awards, lock every round of the contest, mark the entries."""
    round_ = Round.objects.select_for_update().select_related("contest").get(pk=round_.pk)
    contest = round_.contest
    if Result.objects.filter(contest=contest).exists():
        raise JudgingError(_("The results of this contest are already approved."))
    computed = compute_results(round_)
    if not any(row.rank for row in computed.rows):
        raise JudgingError(_("No entry has been scored yet."))
    result = Result.objects.create(
        contest=contest,
        round=round_,
        approved_by=user,
        method={
            "method": computed.settings.method,
            "normalise": computed.settings.normalise,
            "tie_breaks": computed.settings.tie_breaks,
            "winners": contest.number_of_winners,
            "honourable_mentions": computed.settings.honourable_mentions,
        },
    )
    ResultRow.objects.bulk_create(
        ResultRow(
            result=result,
            entry_id=row.entry_id,
            code=row.code,
            rank=row.rank,
            score=row.score,
            median=row.median,
            top_marks=row.top_marks,
            judges=len(row.judge_scores),
            tied=row.tied,
            award=row.award,
        )
        for row in computed.rows
    )
    now = timezone.now()
    Round.objects.filter(contest=contest).update(locked_at=now)
    Round.objects.filter(contest=contest, status=Round.Status.OPEN).update(status=Round.Status.CLOSED)
    winners = [row.entry_id for row in computed.rows if row.award == "winner"]
    mentions = [row.entry_id for row in computed.rows if row.award == "honourable"]
    Entry.objects.filter(pk__in=winners).update(review=Entry.Review.WINNER)
    Entry.objects.filter(pk__in=mentions).update(review=Entry.Review.SHORTLISTED)
    tied = [row.code for row in computed.rows if row.tied]
    log(
        result,
        "judging.results.approve",
        user=user,
        data={"winners": len(winners), "mentions": len(mentions), "tied": tied},
    )
    return result


def late_judges(round_):
    """Judges of an open round who have not submitted, with their progress."""
    progress = progress_of(round_)
    return [
        (membership, progress.get(membership.judge_id, (0, 0)))
        for membership in round_.round_judges.select_related("judge").filter(submitted_at__isnull=True)
    ]
