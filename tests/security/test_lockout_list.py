"""Officers see failed sign-ins and lockouts in the Wagtail admin and can lift a lock; nobody else can."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.security.conftest import fail_sign_ins

SITE_LOGIN = "/accounts/login/"


@pytest.fixture
def locked_staff(client, staff, settings):
    fail_sign_ins(client, SITE_LOGIN, "staff", settings.VITRINE_SIGNIN_FAILURE_LIMIT, REMOTE_ADDR="203.0.113.4")
    return AccessAttempt.objects.get(username="staff")


@pytest.mark.django_db
def test_officers_see_the_lockout_list(client, officer, locked_staff):
    client.force_login(officer)
    response = client.get(reverse("signin_lockouts:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "staff" in html and "203.0.113.4" in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_list_is_under_settings_in_the_admin_menu(client, officer):
    client.force_login(officer)
    assert reverse("signin_lockouts:index") in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_facility_staff_judges_and_visitors_are_kept_out(client, staff, judge, locked_staff):
    index = reverse("signin_lockouts:index")
    unlock = reverse("signin_lockouts:delete", args=[locked_staff.pk])
    assert client.get(index)["Location"].startswith(reverse("wagtailadmin_login"))
    assert client.post(unlock)["Location"].startswith(reverse("wagtailadmin_login"))
    for person in (staff, judge):
        client.force_login(person)
        # The Wagtail admin sends people without admin access back to its sign-in page.
        assert client.get(index).status_code == 302
        assert client.post(unlock).status_code == 302
    assert AccessAttempt.objects.filter(pk=locked_staff.pk).exists()


@pytest.mark.django_db
def test_an_officer_without_the_rights_is_refused(client, officer, locked_staff):
    group = Group.objects.get(name="Communication officers")
    group.permissions.remove(Permission.objects.get(codename="view_accessattempt"))
    group.permissions.remove(Permission.objects.get(codename="delete_accessattempt"))
    client.force_login(officer)
    # Wagtail answers a missing right with its "no permission" message on the dashboard.
    for response in (
        client.get(reverse("signin_lockouts:index")),
        client.post(reverse("signin_lockouts:delete", args=[locked_staff.pk])),
    ):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert AccessAttempt.objects.filter(pk=locked_staff.pk).exists()


@pytest.mark.django_db
def test_nobody_adds_edits_or_browses_the_history_of_an_attempt(client, officer, locked_staff):
    client.force_login(officer)
    for page in ("new/", f"edit/{locked_staff.pk}/", f"history/{locked_staff.pk}/", f"usage/{locked_staff.pk}/"):
        assert client.get(f"/admin/sign-in-lockouts/{page}").status_code == 404, page
    assert client.get(reverse("signin_lockouts:index_results")).status_code == 200


@pytest.mark.django_db
def test_unlocking_lets_the_person_sign_in_again(client, officer, locked_staff):
    assert client.post(SITE_LOGIN, {"username": "staff", "password": "pw"}).status_code == 429

    client.force_login(officer)
    unlock = reverse("signin_lockouts:delete", args=[locked_staff.pk])
    assert "Yes, unlock" in client.get(unlock).content.decode()
    assert client.post(unlock).status_code == 302
    assert not AccessAttempt.objects.exists()

    client.logout()
    assert client.post(SITE_LOGIN, {"username": "staff", "password": "pw"}).status_code == 302


@pytest.mark.django_db
def test_unlocking_a_row_that_is_gone_is_a_404(client, officer):
    client.force_login(officer)
    assert client.post(reverse("signin_lockouts:delete", args=[987654321])).status_code == 404
    assert client.post(reverse("signin_lockouts:delete", args=["9" * 30])).status_code == 404
