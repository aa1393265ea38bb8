"""Fixtures of the intake tests: two facilities in two regions, their staff, an officer and an open contest."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import CampaignFactory, ContestFactory, FacilityFactory, RegionFactory, UserFactory
from tests.intake import files


@pytest.fixture
def regions(db):
    return {
        "KAR": RegionFactory(code="KAR", name="Karaganda region"),
        "PAV": RegionFactory(code="PAV", name="Pavlodar region"),
        "ALM": RegionFactory(code="ALM", name="Almaty region"),
    }


@pytest.fixture
def facility(regions):
    return FacilityFactory(code="KAR1", name="Steppe Light", region=regions["KAR"])


@pytest.fixture
def other_facility(regions):
    return FacilityFactory(code="PAV1", name="Irtysh Bank", region=regions["PAV"])


@pytest.fixture
def outside_facility(regions):
    return FacilityFactory(code="ALM1", name="Outside", region=regions["ALM"])


@pytest.fixture
def staff(facility):
    return UserFactory(username="staff-kar1", facility=facility)


@pytest.fixture
def other_staff(other_facility):
    return UserFactory(username="staff-pav1", facility=other_facility)


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", officer=True)


@pytest.fixture
def campaign(db):
    return CampaignFactory(title="Nelson Mandela Day 2020", slug="mandela-day")


@pytest.fixture
def contest(campaign, regions):
    return ContestFactory(
        parent=campaign,
        open_for_entries=True,
        title="Art and photo contest",
        slug="contest",
        code="MD20",
        consent_statement="The artist agreed to show this work under the chosen credit.",
        eligible_regions=[regions["KAR"], regions["PAV"]],
    )


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
