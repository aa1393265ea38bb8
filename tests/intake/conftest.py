"""Fixtures of the intake tests: two facilities in two regions, their staff, an officer and an open contest."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core import roles
from gallery.models import ContestPage, Facility, FacilityMembership, Region
from tests.intake import files


@pytest.fixture
def regions(db):
    return {
        "KAR": Region.objects.create(code="KAR", name="Karaganda region"),
        "PAV": Region.objects.create(code="PAV", name="Pavlodar region"),
        "ALM": Region.objects.create(code="ALM", name="Almaty region"),
    }


@pytest.fixture
def facility(regions):
    return Facility.objects.create(code="KAR1", name="Steppe Light", region=regions["KAR"])


@pytest.fixture
def other_facility(regions):
    return Facility.objects.create(code="PAV1", name="Irtysh Bank", region=regions["PAV"])


@pytest.fixture
def outside_facility(regions):
    return Facility.objects.create(code="ALM1", name="Outside", region=regions["ALM"])


def make_staff(username, facility):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    FacilityMembership.objects.create(user=user, facility=facility)
    return user


@pytest.fixture
def staff(facility):
    return make_staff("staff-kar1", facility)


@pytest.fixture
def other_staff(other_facility):
    return make_staff("staff-pav1", other_facility)


@pytest.fixture
def officer(db):
    roles.ensure_roles()
    user = get_user_model().objects.create_user("officer", "officer@example.org", "pw")
    user.groups.add(roles.ensure_roles()[roles.OFFICERS])
    return user


@pytest.fixture
def campaign(db):
    # The home page exists even after a transactional test's flush (events.skeleton restores it).
    from events.models import CampaignPage, HomePage

    home = HomePage.objects.get()
    campaign = CampaignPage(title="Nelson Mandela Day 2020", slug="mandela-day")
    home.add_child(instance=campaign)
    return campaign


def make_contest(campaign, regions, *, code="MD20", slug="contest", opens=None, closes=None, **fields):
    now = timezone.now()
    contest = ContestPage(
        title="Art and photo contest",
        slug=slug,
        code=code,
        opens_at=opens or now - timedelta(days=10),
        closes_at=closes or now + timedelta(days=10),
        consent_statement="The artist agreed to show this work under the chosen credit.",
        **fields,
    )
    campaign.add_child(instance=contest)
    contest.eligible_regions.set([regions["KAR"], regions["PAV"]])
    contest.save_revision().publish()
    return ContestPage.objects.get(pk=contest.pk)


@pytest.fixture
def contest(campaign, regions):
    return make_contest(campaign, regions)


def upload(data, name="work.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def jpeg_upload():
    return upload(files.jpeg())


def list_private(storage, folder=""):
    """Every file name under a folder of a storage, recursively."""
    try:
        directories, names = storage.listdir(folder)
    except FileNotFoundError:
        return []
    found = [f"{folder}/{name}".lstrip("/") for name in names]
    for directory in directories:
        found += list_private(storage, f"{folder}/{directory}".lstrip("/"))
    return found
