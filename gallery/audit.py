"""Audit-log actions of the intake, registered with Wagtail so the history shows them in plain words."""

from django.utils.translation import gettext_lazy as _

ACTIONS = [
    ("gallery.entry.create", _("Create entry draft"), _("Created an entry draft")),
    ("gallery.entry.edit", _("Edit entry"), _("Changed the entry's details")),
    ("gallery.entry.image_add", _("Add image"), _("Added an image to the submitted entry")),
    ("gallery.entry.image_remove", _("Remove image"), _("Removed an image from the submitted entry")),
    ("gallery.entry.image_move", _("Choose the work"), _("Chose another image as the work itself")),
    ("gallery.entry.submit", _("Submit entry"), _("Submitted the entry")),
    ("gallery.entry.import", _("Import entry"), _("Imported the entry from an offline manifest")),
    ("gallery.entry.withdraw", _("Withdraw entry"), _("Withdrew the entry")),
    ("gallery.entry.screen", _("Screen entry"), _("Changed the entry's review status")),
    ("gallery.entry.rescreen", _("Back to screening"), _("Sent back to screening after the facility changed it")),
]


def register_actions(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)
