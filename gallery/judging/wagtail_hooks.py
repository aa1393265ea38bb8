"""Judging in the Wagtail admin: audit-log actions, the officers' results screens and the setup viewsets."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gallery.judging.rules import can_manage_judging


@hooks.register("register_log_actions")
def register_judging_actions(actions):
    actions.register_action("judging.score", _("Score saved"), _("A judge saved a score"))
    actions.register_action("judging.score.clear", _("Score cleared"), _("A judge cleared a score"))
    actions.register_action("judging.declare", _("Conflict or abstention"), _("A judge stepped aside from an entry"))
    actions.register_action("judging.submit", _("Scores submitted"), _("A judge submitted their scores"))
    actions.register_action("judging.round.open", _("Round opened"), _("Judging round opened"))
    actions.register_action("judging.round.close", _("Round closed"), _("Judging round closed"))
    actions.register_action("judging.results.approve", _("Results approved"), _("Results approved and frozen"))
    actions.register_action("judging.tie_break", _("Tie-break decided"), _("Officers decided a remaining tie"))
    actions.register_action("judging.remind", _("Judges reminded"), _("Late judges reminded by email"))


class JudgingMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_judging(request.user)


@hooks.register("register_admin_urls")
def register_judging_admin_urls():
    from gallery.judging import admin_urls

    return [path("judging/", include((admin_urls.urlpatterns, "judging_admin"), namespace="judging_admin"))]


@hooks.register("register_admin_menu_item")
def register_judging_menu_item():
    return JudgingMenuItem(_("Judging"), reverse("judging_admin:index"), icon_name="tasks", order=350)


@hooks.register("register_admin_viewset")
def register_judging_setup():
    from gallery.judging.viewsets import JudgingSetupGroup

    return JudgingSetupGroup()
