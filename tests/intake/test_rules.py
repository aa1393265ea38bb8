"""The gallery's rule book: officers by model permission, facility staff on their own facility's objects only."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from gallery.domain import entries as service
from gallery.rules import visible_entries, visible_entry_images


@pytest.fixture
def draft_entry(contest, facility, staff):
    return service.create_draft(contest, facility, staff, title="Steppe", artist_code="A-1", consent_confirmed=True)


def test_staff_hold_object_rights_on_their_own_facility_only(draft_entry, staff, other_staff):
    assert staff.has_perm("gallery.use_portal") and staff.has_perm("gallery.view_entry", draft_entry)
    assert staff.has_perm("gallery.submit_entry", draft_entry)
    assert not other_staff.has_perm("gallery.view_entry", draft_entry)
    assert not other_staff.has_perm("gallery.submit_entry", draft_entry)
    # No model-wide right: staff never see the admin's list of every entry.
    assert not staff.has_perm("gallery.view_entry")
    assert list(visible_entries(other_staff)) == [] and list(visible_entries(staff)) == [draft_entry]


def test_inactive_facility_loses_the_portal(draft_entry, staff):
    draft_entry.facility.active = False
    draft_entry.facility.save()
    staff = get_user_model().objects.get(pk=staff.pk)
    assert not staff.has_perm("gallery.use_portal") and not staff.has_perm("gallery.view_entry", draft_entry)


def test_officers_see_everything_and_lose_it_with_the_permission(draft_entry, officer):
    assert officer.has_perm("gallery.view_entry", draft_entry) and list(visible_entries(officer)) == [draft_entry]
    assert not officer.has_perm("gallery.submit_entry", draft_entry)  # officers screen; they do not submit
    officer.groups.get().permissions.remove(
        *Permission.objects.filter(codename__in=["view_entry", "view_entryimage"], content_type__app_label="gallery")
    )
    officer = get_user_model().objects.get(pk=officer.pk)
    assert not officer.has_perm("gallery.view_entry", draft_entry)
    assert list(visible_entries(officer)) == [] and list(visible_entry_images(officer)) == []


def test_someone_without_a_role_has_nothing(draft_entry, db):
    nobody = get_user_model().objects.create_user("nobody")
    assert not nobody.has_perm("gallery.use_portal") and not nobody.has_perm("gallery.view_entry", draft_entry)
    assert list(visible_entries(nobody)) == []
