"""Who may see or do what in judging: the one place these rules live.

Officers' rights are model permissions granted to roles in core.roles (set up rounds, follow results, approve
them, see judges' names); the admin's screens check them through the permission policies registered below. A
judge's rights are object rules: the rounds they were asked to judge and the entries assigned to them there. Views
ask `user.has_perm(...)` and take their querysets from here.
"""

import rules
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.rules import holds
from gallery.judging.models import Result, Round, RoundEntry, RoundJudge


@rules.predicate
def judges_round(user, round_):
    """A judge of this round, once it has been opened."""
    return (
        isinstance(round_, Round)
        and round_.status != Round.Status.DRAFT
        and RoundJudge.objects.filter(round=round_, judge_id=user.pk).exists()
    )


# Officers follow every round in the admin; a judge opens the rounds they judge.
rules.add_perm("judging.view_round", holds("judging.view_round") | (holds("judging.act_as_judge") & judges_round))


def rounds_for_judge(user):
    """Rounds a judge works in: opened (or closed) rounds they are a judge of."""
    if not user.is_authenticated or not user.has_perm("judging.act_as_judge"):
        return Round.objects.none()
    return Round.objects.filter(round_judges__judge=user).exclude(status=Round.Status.DRAFT)


def entries_for_judge(user, round_):
    """Entries of a round assigned to this judge; conflicted ones stay listed (greyed) but cannot be scored."""
    if not user.is_authenticated:
        return RoundEntry.objects.none()
    return RoundEntry.objects.filter(round=round_, assignments__judge=user)


def judge_candidates(round_):
    """Who may be chosen as a judge of a round: active accounts given the judges' role (directly or through a
    group; being a superuser is not enough), and the round's current judges, so that saving the round never drops
    one silently."""
    users = get_user_model().objects
    judges = users.with_perm(
        "judging.act_as_judge", include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
    ).filter(is_active=True)
    current = RoundJudge.objects.filter(round_id=round_.pk).values("judge_id") if round_.pk else []
    return users.filter(Q(pk__in=judges.values("pk")) | Q(pk__in=current)).order_by("username")


def can_see_judge_names(user):
    """Results and exports name judges only for those with the permission; others see Judge A, B, ..."""
    return user.has_perm("judging.view_judge_names")


# The officers' screens (gallery.judging.viewsets) ask these: "view"/"change" on Round to follow and run rounds,
# "add" on Result to approve (freeze) results.
register_permission_policy(Round, ModelPermissionPolicy(Round))
register_permission_policy(Result, ModelPermissionPolicy(Result))
