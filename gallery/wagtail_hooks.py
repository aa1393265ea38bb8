"""The officers' side of the intake in the Wagtail admin: facilities, entries, screening and extensions."""

from wagtail import hooks

from gallery import audit


@hooks.register("register_log_actions")
def register_intake_log_actions(actions):
    audit.register_actions(actions)
