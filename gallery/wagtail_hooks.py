"""The officers' side of the intake in the Wagtail admin: facilities, entries, screening and extensions."""

from wagtail import hooks

from gallery import audit
from gallery.admin_views import IntakeViewSetGroup


@hooks.register("register_log_actions")
def register_intake_log_actions(actions):
    audit.register_actions(actions)


@hooks.register("register_admin_viewset")
def register_intake_viewsets():
    return IntakeViewSetGroup()
