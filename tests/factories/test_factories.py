"""The shared factories build what the application itself would: pages where the tree allows them, users with
their roles, entries through the real intake services."""

from datetime import UTC, datetime

import pytest
from PIL import Image

from core import roles
from events.models import CampaignPage, HomePage
from gallery.models import Entry
from tests.factories import (
    ContestFactory,
    DraftEntryFactory,
    EventFactory,
    FacilityFactory,
    StoryFactory,
    SubmittedEntryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_contest_lives_in_a_campaign_published_like_an_editor_would():
    contest = ContestFactory()
    parent = contest.get_parent().specific
    assert isinstance(parent, CampaignPage) and isinstance(parent.get_parent().specific, HomePage)
    assert contest.can_exist_under(parent)
    assert contest.live and contest.latest_revision is not None and contest.live_revision == contest.latest_revision


def test_unpublished_page_is_a_draft_in_the_tree():
    story = StoryFactory(publish=False)
    assert not story.live and story.latest_revision is not None and story.live_revision is None
    assert story.get_parent().specific.__class__ is CampaignPage


def test_event_sessions_are_saved_with_the_page():
    start = datetime(2030, 1, 1, 10, tzinfo=UTC)
    event = EventFactory(sessions=[(start, start.replace(hour=12), "Day 1"), (start.replace(day=2), start)])
    assert list(event.sessions.order_by("start").values_list("title", flat=True)) == ["Day 1", ""]


def test_roles():
    facility = FacilityFactory()

    def groups(user):
        return set(user.groups.values_list("name", flat=True))

    assert groups(UserFactory(officer=True)) == {roles.OFFICERS}
    assert groups(UserFactory(judge=True)) == {roles.JUDGES}
    staff = UserFactory(facility=facility)
    assert groups(staff) == {roles.FACILITY_STAFF} and staff.facility_membership.facility == facility
    admin = UserFactory(superuser=True)
    assert admin.is_superuser and admin.is_staff and groups(admin) == set()
    assert UserFactory(username="ayan").check_password("pw")


def test_entries_go_through_the_intake_services_and_the_image_pipeline():
    draft = DraftEntryFactory(images=2)
    assert draft.state == Entry.State.DRAFT and draft.images.count() == 2
    stored = draft.images.first()
    with stored.file.open("rb") as handle:
        assert len(Image.open(handle).getexif()) == 0  # the pipeline dropped the camera's EXIF
    submitted = SubmittedEntryFactory(notify=False)
    assert submitted.state == Entry.State.SUBMITTED
    assert submitted.reference == f"{submitted.contest.code}-{submitted.facility.code}-0001"
