"""Audit-log actions of the intake, registered with Wagtail so the history shows them in plain words."""

from django.utils.translation import gettext_lazy as _

ACTIONS = [
    ("gallery.entry.create", _("Create entry draft"), _("Created an entry draft")),
    ("gallery.entry.submit", _("Submit entry"), _("Submitted the entry")),
    ("gallery.entry.import", _("Import entry"), _("Imported the entry from an offline manifest")),
    ("gallery.entry.withdraw", _("Withdraw entry"), _("Withdrew the entry")),
    ("gallery.entry.screen", _("Screen entry"), _("Changed the entry's review status")),
]


def register_actions(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)
