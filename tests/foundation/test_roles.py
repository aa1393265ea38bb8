"""Roles grant named rights once; an administrator's change to a group outlasts every later migrate."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from core import roles


def _codes(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_roles_grant_exactly_the_named_permissions(db):
    groups = roles.ensure_roles()
    assert _codes(groups[roles.OFFICERS]) == set(roles.ROLE_PERMISSIONS[roles.OFFICERS])
    assert _codes(groups[roles.JUDGES]) == {"judging.act_as_judge"}
    # No wildcard leftovers: officers never add or delete entries, nor touch scores.
    assert not {"gallery.add_entry", "gallery.delete_entry", "judging.change_score"} & _codes(groups[roles.OFFICERS])


def test_a_right_taken_from_a_group_stays_taken_after_migrate(db):
    officers = roles.ensure_roles()[roles.OFFICERS]
    officers.permissions.remove(Permission.objects.get(codename="view_judge_names"))
    call_command("migrate", verbosity=0)  # runs every post-migrate step again
    roles.ensure_roles()
    officers = Group.objects.get(name=roles.OFFICERS)
    assert "judging.view_judge_names" not in _codes(officers)
    officer = get_user_model().objects.create_user("officer-without-names")
    officer.groups.add(officers)
    assert officer.has_perm("judging.view_round") and not officer.has_perm("judging.view_judge_names")


def test_a_page_right_taken_from_officers_stays_taken(db):
    from wagtail.models import GroupPagePermission

    officers = roles.ensure_roles()[roles.OFFICERS]
    GroupPagePermission.objects.filter(group=officers, permission__codename="lock_page").delete()
    roles.ensure_roles()
    assert not GroupPagePermission.objects.filter(group=officers, permission__codename="lock_page").exists()
    assert GroupPagePermission.objects.filter(group=officers, permission__codename="change_page").exists()


def test_a_right_new_in_the_code_reaches_an_existing_group(db, monkeypatch):
    officers = roles.ensure_roles()[roles.OFFICERS]
    assert "gallery.delete_entry" not in _codes(officers)
    monkeypatch.setitem(
        roles.ROLE_PERMISSIONS, roles.OFFICERS, [*roles.ROLE_PERMISSIONS[roles.OFFICERS], "gallery.delete_entry"]
    )
    roles.ensure_roles()
    assert "gallery.delete_entry" in _codes(officers)
