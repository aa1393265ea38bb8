"""Entry rules on the server: eligibility, deadlines to the second, extensions, quotas, references, audit log."""

from datetime import timedelta

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from gallery.domain import eligibility, screening
from gallery.domain import entries as service
from gallery.models import ContestExtension, Entry
from tests.factories import ContestFactory, DraftEntryFactory


def test_submit_gives_reference_receipt_and_audit_entry(contest, facility, staff, django_capture_on_commit_callbacks):
    entry = DraftEntryFactory(contest=contest, facility=facility, created_by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        entry = service.submit(entry, staff)
    assert entry.state == Entry.State.SUBMITTED and entry.review == Entry.Review.RECEIVED
    assert entry.reference == "MD20-KAR1-0001"
    second = service.submit(
        DraftEntryFactory(contest=contest, facility=facility, created_by=staff, title="Second"), staff
    )
    assert second.reference == "MD20-KAR1-0002"
    assert len(mail.outbox) == 1
    assert "MD20-KAR1-0001" in mail.outbox[0].subject and "MD20-KAR1-0001" in mail.outbox[0].body
    assert staff.email in mail.outbox[0].to
    log_entry = ModelLogEntry.objects.get(action="gallery.entry.submit", object_id=str(entry.pk))
    assert log_entry.user == staff and log_entry.timestamp is not None


def test_submit_requires_consent_and_an_image(contest, facility, staff):
    entry = service.create_draft(contest, facility, staff, title="Work", artist_code="A-1")
    with pytest.raises(service.EntryRefused, match="consent"):
        service.submit(entry, staff)
    entry.consent_confirmed = True
    entry.save()
    with pytest.raises(service.EntryRefused, match="at least one image"):
        service.submit(entry, staff)
    entry.refresh_from_db()
    assert entry.state == Entry.State.DRAFT and entry.reference is None


def test_facility_outside_the_eligible_regions_may_not_enter(contest, outside_facility, staff):
    with pytest.raises(service.EntryRefused, match="may not enter"):
        service.create_draft(contest, outside_facility, staff, title="Work", artist_code="A-1")
    assert eligibility.contests_for_facility(outside_facility) == []


def test_contests_for_facility_lists_open_eligible_contests(contest, campaign, regions, facility):
    now = contest.closes_at - timedelta(days=1)
    later = ContestFactory(
        parent=campaign,
        open_for_entries=True,
        code="LATER",
        slug="later",
        opens_at=now + timedelta(days=5),
        eligible_regions=[regions["KAR"], regions["PAV"]],
    )
    assert [c.pk for c in eligibility.contests_for_facility(facility, now)] == [contest.pk]
    assert later.pk not in [c.pk for c in eligibility.contests_for_facility(facility, now)]


@pytest.mark.parametrize(("offset", "allowed"), [(-1, True), (0, True), (1, False)])
def test_deadline_to_the_second(contest, facility, staff, offset, allowed):
    entry = DraftEntryFactory(contest=contest, facility=facility, created_by=staff)
    moment = contest.closes_at + timedelta(seconds=offset)
    if allowed:
        assert service.submit(entry, staff, now=moment).state == Entry.State.SUBMITTED
        assert eligibility.can_edit(entry, moment)
    else:
        with pytest.raises(service.EntryRefused, match="deadline"):
            service.submit(entry, staff, now=moment)
        assert not eligibility.can_edit(entry, moment)


def test_opening_time_to_the_second(contest, facility, staff):
    with pytest.raises(service.EntryRefused, match="not open"):
        service.create_draft(
            contest, facility, staff, now=contest.opens_at - timedelta(seconds=1), title="W", artist_code="A"
        )
    assert service.create_draft(contest, facility, staff, now=contest.opens_at, title="W", artist_code="A").pk


def test_extension_moves_the_deadline_for_one_facility(contest, facility, other_facility, staff, other_staff, officer):
    ContestExtension.objects.create(
        contest=contest, facility=facility, closes_at=contest.closes_at + timedelta(days=2), granted_by=officer
    )
    late = contest.closes_at + timedelta(days=1)
    mine = DraftEntryFactory(contest=contest, facility=facility, created_by=staff)
    theirs = DraftEntryFactory(contest=contest, facility=other_facility, created_by=other_staff)
    assert service.submit(mine, staff, now=late).state == Entry.State.SUBMITTED
    with pytest.raises(service.EntryRefused):
        service.submit(theirs, other_staff, now=late)
    assert eligibility.can_edit(mine, late)
    assert not eligibility.can_edit(mine, contest.closes_at + timedelta(days=2, seconds=1))
    # Withdrawing has no deadline: the artist may change their mind until the results are approved.
    assert service.withdraw(mine, staff).state == Entry.State.WITHDRAWN


def test_quota_counts_submitted_entries_only(contest, facility, staff):
    contest.max_entries_per_facility = 2
    contest.save()
    first = service.submit(DraftEntryFactory(contest=contest, facility=facility, created_by=staff, title="One"), staff)
    service.submit(DraftEntryFactory(contest=contest, facility=facility, created_by=staff, title="Two"), staff)
    third = DraftEntryFactory(contest=contest, facility=facility, created_by=staff, title="Three")
    with pytest.raises(service.EntryRefused, match="2 entries"):
        service.submit(third, staff)
    service.withdraw(first, staff)
    third = service.submit(third, staff)
    # Numbers are never reused: the withdrawn entry keeps 0001.
    assert third.reference == "MD20-KAR1-0003"


def test_withdrawn_entry_cannot_be_edited_or_resubmitted(contest, facility, staff):
    entry = service.withdraw(
        service.submit(DraftEntryFactory(contest=contest, facility=facility, created_by=staff), staff), staff
    )
    with pytest.raises(service.EntryRefused):
        eligibility.require_editable(entry)
    with pytest.raises(service.EntryRefused):
        service.submit(entry, staff)
    assert ModelLogEntry.objects.filter(action="gallery.entry.withdraw", object_id=str(entry.pk)).exists()


def test_screening_needs_a_reason_to_disqualify_and_is_logged(contest, facility, staff, officer):
    entry = service.submit(DraftEntryFactory(contest=contest, facility=facility, created_by=staff), staff)
    with pytest.raises(service.EntryRefused, match="reason"):
        screening.screen(entry, officer, Entry.Review.DISQUALIFIED, "")
    entry = screening.screen(entry, officer, Entry.Review.DISQUALIFIED, "The photo shows a face.")
    assert entry.disqualification_reason == "The photo shows a face."
    entry = screening.screen(entry, officer, Entry.Review.ELIGIBLE)
    assert entry.disqualification_reason == ""
    logged = ModelLogEntry.objects.filter(action="gallery.entry.screen", object_id=str(entry.pk)).order_by("pk")
    assert [(e.user, e.data["to"]) for e in logged] == [(officer, "disqualified"), (officer, "eligible")]


def test_delete_draft_removes_its_files(contest, facility, staff, django_capture_on_commit_callbacks):
    entry = DraftEntryFactory(contest=contest, facility=facility, created_by=staff)
    image = entry.images.get()
    storage = image.file.storage
    assert storage.exists(image.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        service.delete_draft(entry, staff)
    assert not Entry.objects.filter(pk=entry.pk).exists()
    assert not storage.exists(image.file.name)
