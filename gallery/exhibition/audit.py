"""Audit-log actions of the exhibition, registered with Wagtail so the history shows them in plain words."""

from django.utils.translation import gettext_lazy as _

ACTIONS = [
    ("exhibition.take_down", _("Take down work"), _("Took a work down from the exhibition")),
]


def register_actions(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)
