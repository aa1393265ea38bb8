"""Who may see or do what in the gallery: the one place these rules live.

Views and admin code ask these functions; they never test groups or facilities themselves. Querysets
returned here are already narrowed, so a user of one facility gets a 404 for another facility's objects.
"""

from core import roles


def _in_group(user, name):
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_vitrine_group_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._vitrine_group_names = cache
    return name in cache


def is_officer(user):
    return user.is_authenticated and (user.is_superuser or _in_group(user, roles.OFFICERS))


def is_judge(user):
    return _in_group(user, roles.JUDGES)


def facility_of(user):
    """The facility a staff user acts for, or None."""
    if not user.is_authenticated:
        return None
    membership = getattr(user, "facility_membership", None)
    if membership is None or not membership.facility.active:
        return None
    return membership.facility


def is_facility_staff(user):
    return facility_of(user) is not None


# --- Intake (facility portal and officers' screening) -------------------------------------------------


def entries_visible_to(user, queryset=None):
    """Entries a user may see: officers all, facility staff their own facility's, anyone else none."""
    from gallery.models import Entry

    queryset = Entry.objects.all() if queryset is None else queryset
    if is_officer(user):
        return queryset
    facility = facility_of(user)
    if facility is not None:
        return queryset.filter(facility=facility)
    return queryset.none()


def entry_images_visible_to(user):
    """Entry images (originals and thumbnails) a user may fetch: those of the entries they may see."""
    from gallery.models import EntryImage

    return EntryImage.objects.filter(entry__in=entries_visible_to(user))


def can_use_portal(user):
    """The facility portal is for staff of an active facility; officers use the Wagtail admin."""
    return is_facility_staff(user)


# --- Judging -------------------------------------------------------------------------------------------


def judging_rounds_for(user):
    """Rounds a judge works in: opened (or closed) rounds they are a judge of. Officers use the admin."""
    from gallery.judging.models import Round

    if not user.is_authenticated:
        return Round.objects.none()
    return Round.objects.filter(round_judges__judge=user).exclude(status=Round.Status.DRAFT)


def judging_entries_for(user, round_):
    """Entries of a round assigned to this judge; conflicted ones stay listed (greyed) but cannot be scored."""
    from gallery.judging.models import RoundEntry

    if not user.is_authenticated:
        return RoundEntry.objects.none()
    return RoundEntry.objects.filter(round=round_, assignments__judge=user)


def can_manage_judging(user):
    """Officers set up rounds, read results, remind judges and approve results."""
    return is_officer(user)


def can_see_judge_names(user):
    """Results and exports name judges only for those with the permission; others see Judge A, B, ..."""
    return user.is_authenticated and user.has_perm("judging.view_judge_names")
