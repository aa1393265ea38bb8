"""Fixtures of the sign-in protection tests: one person of each role (password "pw")."""

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from tests.factories import FacilityFactory, UserFactory


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", officer=True)


@pytest.fixture
def judge(db):
    return UserFactory(username="judge", judge=True)


@pytest.fixture
def staff(db):
    return UserFactory(username="staff", facility=FacilityFactory(code="KAR1"))


def fail_sign_ins(client, url, username, times, **extra):
    """`times` wrong passwords for `username`; returns the last response."""
    response = None
    for _ in range(times):
        response = client.post(url, {"username": username, "password": "wrong"}, **extra)
    return response


def after_cool_off(settings):
    """Age every recorded failure past the cool-off, as if that time had passed."""
    past = timezone.now() - timezone.timedelta(minutes=settings.VITRINE_SIGNIN_COOLOFF_MINUTES + 1)
    AccessAttempt.objects.update(attempt_time=past)
