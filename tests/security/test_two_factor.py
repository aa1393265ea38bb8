"""Two-factor sign-in for officers and judges: setting up an authenticator, a code after the password on either
sign-in form, recovery codes that work once, the requirement, throttled codes."""

import io
import re
import time

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import roles
from core.signin import two_factor

SITE_LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
SETUP = "/accounts/two-factor/"
VERIFY = "/accounts/two-factor/code/"


def code_for(device, steps_ahead=0):
    """The authenticator app's code now (or `steps_ahead` periods later, for a second sign-in in one period)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def enrol(client, user):
    """Set up an authenticator through the pages; returns (device, recovery codes)."""
    client.force_login(user)
    page = client.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(SETUP, {"code": code_for(device), "next": "/judging/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    device.refresh_from_db()
    return device, codes


@pytest.mark.django_db
def test_setting_up_shows_a_qr_code_made_here_and_the_secret(client, officer):
    client.force_login(officer)
    page = client.get(SETUP)
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "<svg" in html and 'class="segno"' in html
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    assert two_factor.secret_text(device) in html
    qr_code = html.split('class="segno"', 1)[1].split("</svg>", 1)[0]
    assert "http" not in qr_code and "<path" in qr_code  # drawn here, nothing fetched from elsewhere
    # Reloading keeps the same secret, so a phone that scanned the first page still works.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=officer).count() == 1


@pytest.mark.django_db
def test_a_wrong_or_malformed_setup_code_confirms_nothing(client, officer):
    client.force_login(officer)
    client.get(SETUP)
    for bad in ("000000", "12345", "١٢٣٤٥٦", "x" * 40, ""):
        response = client.post(SETUP, {"code": bad})
        assert response.status_code == 400, bad
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()


@pytest.mark.django_db
def test_enrolment_gives_ten_recovery_codes_and_a_verified_session(client, judge):
    device, codes = enrol(client, judge)
    assert device.confirmed
    assert len(set(codes)) == 10
    assert sorted(codes) == sorted(StaticToken.objects.filter(device__user=judge).values_list("token", flat=True))
    assert client.get("/judging/").status_code == 200


@pytest.mark.django_db
def test_after_the_password_a_code_is_owed_on_the_site_sign_in(client, judge):
    device, _ = enrol(client, judge)
    client.logout()

    assert client.post(SITE_LOGIN, {"username": "judge", "password": "pw"}).status_code == 302
    owed = client.get("/judging/")
    assert owed.status_code == 302 and owed["Location"] == f"{VERIFY}?next=%2Fjudging%2F"
    # A password alone opens nothing else either, not even the public site.
    assert client.get("/").status_code == 302

    assert client.post(VERIFY, {"code": "000000", "next": "/judging/"}).status_code == 400
    device.refresh_from_db()
    device.throttling_failure_count = 0  # wrong code above; the throttle has its own test
    device.save()
    verified = client.post(VERIFY, {"code": code_for(device, steps_ahead=1), "next": "/judging/"})
    assert verified.status_code == 302 and verified["Location"] == "/judging/"
    assert client.get("/judging/").status_code == 200


@pytest.mark.django_db
def test_the_wagtail_admin_sign_in_asks_for_the_code_too(client, officer):
    device, _ = enrol(client, officer)
    client.logout()

    assert client.post(ADMIN_LOGIN, {"username": "officer", "password": "pw"}).status_code == 302
    owed = client.get("/admin/")
    assert owed.status_code == 302 and owed["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": code_for(device, steps_ahead=1)})
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_recovery_code_works_once(client, judge):
    _, codes = enrol(client, judge)
    client.logout()

    client.post(SITE_LOGIN, {"username": "judge", "password": "pw"})
    assert client.post(VERIFY, {"code": codes[0].upper(), "next": "/judging/"}).status_code == 302
    assert client.get("/judging/").status_code == 200
    client.logout()

    client.post(SITE_LOGIN, {"username": "judge", "password": "pw"})
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 400
    assert client.get("/judging/").status_code == 302
    assert StaticToken.objects.filter(device__user=judge).count() == 9


@pytest.mark.django_db
def test_wrong_codes_slow_the_next_try_down(client, judge):
    device, _ = enrol(client, judge)
    client.logout()
    client.post(SITE_LOGIN, {"username": "judge", "password": "pw"})

    assert client.post(VERIFY, {"code": "000000"}).status_code == 400
    # Straight after a wrong code even the right one waits: guessing a million codes takes forever.
    waiting = client.post(VERIFY, {"code": code_for(device, steps_ahead=1)})
    assert waiting.status_code == 400 and "Too many wrong codes" in waiting.content.decode()
    assert client.get("/judging/").status_code == 302


@pytest.mark.django_db
def test_the_code_page_refuses_malformed_input_with_a_4xx(client, judge):
    enrol(client, judge)
    client.logout()
    client.post(SITE_LOGIN, {"username": "judge", "password": "pw"})
    for bad in ("", "x" * 40, "١٢٣٤٥٦", "12 34", "<script>"):
        assert client.post(VERIFY, {"code": bad}).status_code == 400, bad
    assert client.get(VERIFY, {"next": "https://evil.example/"}).status_code == 200


@pytest.mark.django_db
def test_a_foreign_next_address_is_not_followed(client, judge):
    device, _ = enrol(client, judge)
    client.logout()
    client.post(SITE_LOGIN, {"username": "judge", "password": "pw"})
    done = client.post(VERIFY, {"code": code_for(device, steps_ahead=1), "next": "https://evil.example/"})
    assert done.status_code == 302 and done["Location"] == "/"


@pytest.mark.django_db
def test_with_the_requirement_officers_and_judges_without_an_authenticator_set_one_up_first(
    client, officer, judge, settings
):
    settings.VITRINE_REQUIRE_2FA = True
    for person, page in ((officer, "/admin/"), (judge, "/judging/")):
        client.force_login(person)
        sent = client.get(page)
        assert sent.status_code == 302 and sent["Location"].startswith(SETUP), person
        assert client.get(SETUP).status_code == 200
        client.logout()


@pytest.mark.django_db
def test_the_requirement_does_not_touch_facility_staff(client, staff, settings):
    settings.VITRINE_REQUIRE_2FA = True
    client.force_login(staff)
    assert client.get("/portal/").status_code == 200
    assert client.get(SETUP).status_code == 403


@pytest.mark.django_db
def test_a_role_given_during_a_session_asks_for_the_second_factor_at_once(client, staff, settings):
    settings.VITRINE_REQUIRE_2FA = True
    client.force_login(staff)
    assert client.get("/portal/").status_code == 200
    staff.groups.add(Group.objects.get(name=roles.JUDGES))
    sent = client.get("/judging/")
    assert sent.status_code == 302 and sent["Location"].startswith(SETUP)


@pytest.mark.django_db
def test_without_the_requirement_a_password_still_signs_officers_in(client, officer, settings):
    settings.VITRINE_REQUIRE_2FA = False
    client.force_login(officer)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_password_cannot_replace_an_authenticator(client, judge):
    """Someone with the password but not the phone cannot set up their own authenticator instead."""
    device, _ = enrol(client, judge)
    client.logout()
    client.post(SITE_LOGIN, {"username": "judge", "password": "pw"})
    assert client.get(SETUP)["Location"].startswith(VERIFY)
    assert client.post(SETUP, {"code": "123456"})["Location"].startswith(VERIFY)
    assert client.post(reverse("two_factor_recovery_codes")).status_code == 302
    assert list(TOTPDevice.objects.filter(user=judge)) == [device]


@pytest.mark.django_db
def test_new_recovery_codes_replace_the_old_ones(client, judge):
    _, old = enrol(client, judge)
    response = client.post(reverse("two_factor_recovery_codes"))
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert response.status_code == 200 and len(new) == 10
    assert not set(old) & set(StaticToken.objects.values_list("token", flat=True))


@pytest.mark.django_db
def test_an_administrators_reset_sends_the_person_to_set_up_again(client, judge, settings):
    enrol(client, judge)
    client.logout()
    client.post(SITE_LOGIN, {"username": "judge", "password": "pw"})
    call_command("reset_two_factor", "judge", stdout=io.StringIO())
    settings.VITRINE_REQUIRE_2FA = True
    assert client.get("/judging/")["Location"].startswith(SETUP)


@pytest.mark.django_db
def test_officers_find_the_set_up_on_their_admin_account_page(client, officer):
    client.force_login(officer)
    page = client.get(reverse("wagtailadmin_account"))
    assert page.status_code == 200 and reverse("two_factor_setup") in page.content.decode()


@pytest.mark.django_db
def test_the_pages_ask_visitors_to_sign_in(client):
    for url in (SETUP, VERIFY):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(SITE_LOGIN), url
    response = client.post(reverse("two_factor_recovery_codes"))
    assert response.status_code == 302 and response["Location"].startswith(SITE_LOGIN)
    assert client.get(reverse("two_factor_recovery_codes")).status_code == 302


@pytest.mark.django_db
def test_recovery_codes_need_an_authenticator(client, officer, staff):
    for person in (officer, staff):
        client.force_login(person)
        assert client.post(reverse("two_factor_recovery_codes")).status_code == 403
        assert client.get(reverse("two_factor_recovery_codes")).status_code == 405
    assert not StaticDevice.objects.exists()
