"""Judging in the Wagtail admin: audit-log actions, the officers' results screens and the setup viewsets."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from gallery.judging.domain import withdrawals
from gallery.judging.status import listing_status_keys
from gallery.judging.viewsets import JudgingSetupGroup, JudgingViewSet


@hooks.register("register_log_actions")
def register_judging_actions(actions):
    actions.register_action("judging.score", _("Score saved"), _("A judge saved a score"))
    actions.register_action("judging.score.clear", _("Score cleared"), _("A judge cleared a score"))
    actions.register_action("judging.declare", _("Conflict or abstention"), _("A judge stepped aside from an entry"))
    actions.register_action(
        "judging.declare.withdraw", _("Conflict or abstention withdrawn"), _("A judge took an entry back")
    )
    actions.register_action("judging.submit", _("Scores submitted"), _("A judge submitted their scores"))
    actions.register_action("judging.round.open", _("Round opened"), _("Judging round opened"))
    actions.register_action("judging.round.close", _("Round closed"), _("Judging round closed"))
    actions.register_action("judging.results.approve", _("Results approved"), _("Results approved and frozen"))
    actions.register_action("judging.tie_break", _("Tie-break decided"), _("Officers decided a remaining tie"))
    actions.register_action("judging.remind", _("Judges reminded"), _("Late judges reminded by email"))
    actions.register_action(
        "judging.shortlist", _("Shortlist saved"), _("Officers shortlisted entries for the next round")
    )
    actions.register_action(
        withdrawals.WITHDRAWN_ACTION,
        _("Entry withdrawn"),
        _("The facility withdrew an entry: it left the round with its scores"),
    )


@hooks.register("register_admin_viewset")
def register_judging_viewsets():
    return [JudgingViewSet(), JudgingSetupGroup()]


@hooks.register("contest_listing_status")
def contest_listing_status(contests):
    """Public contest listings say "judging" or "results" once judging has begun (gallery.models.contest)."""
    return listing_status_keys(contests)


@hooks.register("entry_change_refusal")
def entry_change_refusal(entry, action):
    """An entry being judged keeps its content; approved results keep their entries (gallery.domain.eligibility)."""
    return withdrawals.change_refusal(entry, action)


@hooks.register("entry_withdrawn")
def entry_withdrawn(entry, user):
    """A withdrawn entry leaves every round of its contest (gallery.domain.entries.withdraw)."""
    return withdrawals.take_out_of_judging(entry, user)


@hooks.register("insert_global_admin_css")
def judging_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("judging/admin.css"))
