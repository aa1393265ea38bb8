"""Who may do what with exhibitions: the one place these rules live.

Officers take works down (model permission exhibition.add_takedown, granted in core.roles) and download the
social media kit. Facility staff withdraw the artist's consent and download certificates, for their own
facility's entries only (gallery's object rule).
"""

import rules
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.rules import holds
from gallery.exhibition.models import Takedown
from gallery.rules import is_facility_staff, of_own_facility

rules.add_perm("exhibition.take_down", holds("exhibition.add_takedown"))
rules.add_perm("exhibition.download_media_kit", holds("wagtailadmin.access_admin"))
rules.add_perm("exhibition.withdraw_consent", is_facility_staff & of_own_facility)
rules.add_perm("exhibition.download_certificate", is_facility_staff & of_own_facility)


class TakedownPermissionPolicy(ModelPermissionPolicy):
    """A takedown is final and is the audit trail itself: nobody edits or deletes one in the admin."""

    def user_has_permission(self, user, action):
        if action in ("change", "delete"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Takedown, TakedownPermissionPolicy(Takedown))
