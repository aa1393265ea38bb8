"""Who reaches the portal's views, and the one way they look an entry up (their own facility's only)."""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from gallery.rules import facility_of, visible_entries


def portal_facility(user):
    """The facility a portal user acts for, or None. A superuser passes every has_perm() but belongs to no
    facility: the portal acts for a facility, so it is for its staff only."""
    return facility_of(user) if user.has_perm("gallery.use_portal") else None


def staff_only(view):
    """Signed-in staff of an active facility; the facility is passed on as request.facility."""

    @login_required(login_url="login")
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.facility = portal_facility(request.user)
        if request.facility is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def entry_of(request, pk):
    """An entry of the user's facility, or a 404 (never a 403 that would confirm another facility's entry)."""
    queryset = visible_entries(request.user).select_related("contest", "facility")
    return get_object_or_404(queryset, pk=pk)
