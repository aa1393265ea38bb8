"""Who may see or do what in the gallery (intake and the facility portal): the one place these rules live.

Model permissions, granted to roles in core.roles, say what officers may do in the admin. Object rules
(django-rules) say what facility staff may do with their own facility's objects. Views ask
`user.has_perm(...)` and take their querysets from here, already narrowed, so a user of one facility gets a 404
for another facility's objects, never a 403 that confirms they exist.
"""

import rules
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.rules import holds
from gallery.models import Entry, EntryImage


def facility_of(user):
    """The active facility a staff user acts for, or None."""
    if not user.is_authenticated:
        return None
    membership = getattr(user, "facility_membership", None)
    if membership is None or not membership.facility.active:
        return None
    return membership.facility


@rules.predicate
def is_facility_staff(user):
    return facility_of(user) is not None


@rules.predicate
def of_own_facility(user, obj):
    """The entry (or an image of it) belongs to the user's facility."""
    entry = obj.entry if isinstance(obj, EntryImage) else obj
    facility = facility_of(user)
    return isinstance(entry, Entry) and facility is not None and entry.facility_id == facility.pk


# The facility portal is for staff of an active facility; officers use the Wagtail admin.
rules.add_perm("gallery.use_portal", is_facility_staff)
# Officers see every entry and image (model permission); staff those of their own facility.
rules.add_perm("gallery.view_entry", holds("gallery.view_entry") | (is_facility_staff & of_own_facility))
rules.add_perm("gallery.view_entryimage", holds("gallery.view_entryimage") | (is_facility_staff & of_own_facility))
# Drafting, editing, submitting and withdrawing happen in the portal, for one's own facility only.
rules.add_perm("gallery.submit_entry", is_facility_staff & of_own_facility)


def visible_entries(user, queryset=None):
    """Entries a user may see: officers all, facility staff their own facility's, anyone else none."""
    queryset = Entry.objects.all() if queryset is None else queryset
    if user.has_perm("gallery.view_entry"):
        return queryset
    facility = facility_of(user)
    if facility is not None:
        return queryset.filter(facility=facility)
    return queryset.none()


def visible_entry_images(user):
    """Entry images (originals and thumbnails) a user may fetch: those of the entries they may see."""
    if user.has_perm("gallery.view_entryimage"):
        return EntryImage.objects.all()
    return EntryImage.objects.filter(entry__in=visible_entries(user))


class EntryPermissionPolicy(ModelPermissionPolicy):
    """Entries come from facilities (or the offline import); in the admin officers screen them but never add or
    delete them, whatever their other rights."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Entry, EntryPermissionPolicy(Entry))
