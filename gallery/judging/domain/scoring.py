"""What a judge does: score, write notes, step aside from an entry, submit. Every change is audit-logged."""

from django.db import IntegrityError, transaction
from django.db.models import Exists
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from gallery.judging.domain.errors import JudgingError
from gallery.judging.domain.locks import hold_membership
from gallery.judging.domain.progress import progress_of
from gallery.judging.models import Assignment, Declaration, JudgeNote, Round, RoundCriterion, RoundJudge, Score


def _judge_link(judge, round_entry):
    """The judge's membership of the round, locked until the transaction ends and annotated with `assigned` and
    `declared`, after checking they may act on this entry now. Call inside a transaction.

    Every write of a judge, their submission and the round's closing and freeze lock this row first
    (gallery.judging.domain.locks), so whichever comes second sees what the first did: no score lands after a
    submission, a closing or a freeze.
    """
    hold_membership(judge, round_entry.round_id)
    membership = (
        RoundJudge.objects.filter(round_id=round_entry.round_id, judge=judge)
        .select_related("round")
        .annotate(
            assigned=Exists(Assignment.objects.filter(round_entry=round_entry, judge=judge)),
            declared=Exists(Declaration.objects.filter(round_entry=round_entry, judge=judge)),
        )
        .first()
    )
    # Read after the lock (with the membership when there is one): a closing or freeze that committed while we
    # waited is seen.
    round_ = membership.round if membership else Round.objects.get(pk=round_entry.round_id)
    round_entry.round = round_
    if round_.is_locked:
        raise JudgingError(_("The results are frozen: scores can no longer change."))
    if not round_.accepts_scores:
        raise JudgingError(_("This round is not open for scoring."))
    if membership is None or not membership.assigned:
        raise JudgingError(_("This entry is not assigned to you."))
    if membership.submitted_at:
        raise JudgingError(_("You have submitted your scores for this round; they are locked."))
    return membership


@transaction.atomic
def save_score(judge, round_entry, criterion_id, value):
    """Record one criterion's score (None clears it). One row per judge, entry and criterion, even under
    concurrent saves: the insert is an upsert on the unique constraint."""
    if _judge_link(judge, round_entry).declared:
        raise JudgingError(_("You stepped aside from this entry; it cannot be scored."))
    criterion = RoundCriterion.objects.filter(pk=criterion_id, round_id=round_entry.round_id).order_by("pk").first()
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


@transaction.atomic
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


@transaction.atomic
def withdraw_declaration(judge, round_entry):
    """A judge takes back a conflict or abstention, until they submit: the entry is theirs to score again (scores
    saved before stepping aside count again too)."""
    _judge_link(judge, round_entry)
    declaration = Declaration.objects.filter(round_entry=round_entry, judge=judge).first()
    if declaration is None:
        raise JudgingError(_("You have not stepped aside from this entry."))
    declaration.delete()
    log(round_entry, "judging.declare.withdraw", user=judge, data={"kind": declaration.kind})
    return declaration


@transaction.atomic
def submit(judge, round_):
    """Lock a judge's scores for the round. Every assigned entry must be scored or stepped aside from."""
    if not hold_membership(judge, round_.pk):
        raise JudgingError(_("You are not a judge of this round."))
    membership = RoundJudge.objects.get(round=round_, judge=judge)
    if membership.submitted_at:
        raise JudgingError(_("You have already submitted your scores for this round."))
    round_ = Round.objects.get(pk=round_.pk)  # read after the lock, like _judge_link
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
