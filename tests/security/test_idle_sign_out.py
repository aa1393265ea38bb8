"""Officers and judges are signed out after a working day without a request; facility staff keep Django's
session lifetime."""

import time

import pytest
from django.contrib.sessions.models import Session

from core.signin import idle


def _idle_for(client, seconds):
    session = client.session
    session[idle.SEEN_KEY] = time.time() - seconds
    session.save()


@pytest.mark.django_db
@pytest.mark.parametrize("who, page", [("officer", "/admin/"), ("judge", "/judging/")])
def test_officers_and_judges_are_signed_out_after_a_working_day_idle(client, request, settings, who, page):
    person = request.getfixturevalue(who)
    client.force_login(person)
    _idle_for(client, settings.VITRINE_IDLE_SIGN_OUT_MINUTES * 60 - 120)
    assert client.get(page).status_code == 200  # still within the day: the clock starts again

    _idle_for(client, settings.VITRINE_IDLE_SIGN_OUT_MINUTES * 60 + 60)
    response = client.get(page)
    assert response.status_code == 302 and "login" in response["Location"]
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_activity_moves_the_idle_clock(client, judge, settings):
    client.force_login(judge)
    _idle_for(client, settings.VITRINE_IDLE_SIGN_OUT_MINUTES * 60 - 120)
    client.get("/judging/")
    assert time.time() - client.session[idle.SEEN_KEY] < 5


@pytest.mark.django_db
def test_facility_staff_are_not_signed_out_when_idle(client, staff, settings):
    client.force_login(staff)
    _idle_for(client, settings.VITRINE_IDLE_SIGN_OUT_MINUTES * 60 * 3)
    assert client.get("/portal/").status_code == 200
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_a_burst_of_requests_writes_the_session_once(client, judge):
    """Activity is recorded at most once a minute, so a judge's quick scoring does not write the session each
    time."""
    client.force_login(judge)
    client.get("/judging/")
    before = Session.objects.get().session_data
    client.get("/judging/")
    assert Session.objects.get().session_data == before
