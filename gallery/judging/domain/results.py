"""Results: the live ranking of a round, computed from the database, and the freeze that makes it final."""

from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from gallery.judging.domain import aggregation
from gallery.judging.domain.errors import JudgingError
from gallery.judging.domain.locks import hold_contest_entries, hold_contest_rounds, hold_judges
from gallery.judging.domain.progress import late_judges
from gallery.judging.models import Assignment, JudgingSettings, Result, ResultRow, Round, Score
from gallery.models import Entry


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
        self.expected_judges = 0  # judges assigned who did not step aside; set by compute_results

    @property
    def provisional(self):
        """Fewer judges scored it than were asked to: its rank and award may still move."""
        return len(self.judge_scores) < self.expected_judges


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
    assigned = set(Assignment.objects.filter(round_entry__round=round_).values_list("judge_id", "round_entry_id"))
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
    expected = Counter(entry for _judge, entry in assigned - set(declarations))
    for row in rows:
        row.expected_judges = expected[row.round_entry_id]
    return ComputedResults(round_, settings, rows, judges, criteria_rows, declarations)


@transaction.atomic
def freeze(round_, user, reason=""):
    """Approve the results: snapshot ranks and awards, lock every round of the contest, mark the entries.

    While a judge of the round has not submitted, approving needs a reason, recorded in the audit log."""
    # Every round of the contest gets locked: hold them all (in one order, so two approvals queue up), let
    # judges' writes in flight finish and make later ones see the lock.
    hold_contest_entries(round_.contest_id)  # a withdrawal in flight finishes first, later ones are refused
    round_ids = hold_contest_rounds(round_.contest_id)
    hold_judges(round_ids)
    round_ = Round.objects.select_related("contest").get(pk=round_.pk)
    contest = round_.contest
    if Result.objects.filter(contest=contest).exists():
        raise JudgingError(_("The results of this contest are already approved."))
    computed = compute_results(round_)
    if not any(row.rank for row in computed.rows):
        raise JudgingError(_("No entry has been scored yet."))
    reason = (reason or "").strip()
    unfinished = late_judges(round_)
    if unfinished and not reason:
        raise JudgingError(
            _("%(count)s judges have not submitted their scores: give the reason to approve anyway.")
            % {"count": len(unfinished)}
        )
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
    data = {"winners": len(winners), "mentions": len(mentions), "tied": tied}
    if unfinished:
        data.update(reason=reason, unfinished_judges=len(unfinished))
    log(result, "judging.results.approve", user=user, data=data)
    return result
