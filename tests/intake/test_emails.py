"""Emails of the intake: reminders before the deadline and the officers' daily digest, queued by commands."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from gallery.models import ContestExtension
from tests.factories import SubmittedEntryFactory, UserFactory


def test_reminders_go_to_eligible_facilities_without_entries(
    contest, facility, other_facility, outside_facility, staff, other_staff
):
    UserFactory(username="outsider", facility=outside_facility)
    contest.closes_at = timezone.now() + timedelta(days=2, hours=12)
    contest.save()
    SubmittedEntryFactory(
        contest=contest, facility=facility, created_by=staff, title="W", artist_code="A", notify=False
    )

    call_command("send_deadline_reminders", "--days", "3")
    assert [message.to for message in mail.outbox] == [[other_staff.email]]
    assert contest.title in mail.outbox[0].subject and "Irtysh Bank" in mail.outbox[0].body

    mail.outbox.clear()
    call_command("send_deadline_reminders", "--days", "5")  # not 5 days away: nobody is reminded
    assert mail.outbox == []


def test_reminders_follow_extensions(contest, other_facility, other_staff, officer):
    contest.closes_at = timezone.now() + timedelta(hours=12)
    contest.save()
    ContestExtension.objects.create(
        contest=contest, facility=other_facility, closes_at=timezone.now() + timedelta(days=2, hours=6)
    )
    call_command("send_deadline_reminders", "--days", "3")
    assert [message.to for message in mail.outbox] == [[other_staff.email]]


def test_daily_digest_lists_new_entries_for_officers(contest, facility, staff, officer):
    SubmittedEntryFactory(
        contest=contest, facility=facility, created_by=staff, title="Fresh", artist_code="A", notify=False
    )
    call_command("send_entry_digest")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [officer.email]
    assert "MD20-KAR1-0001" in mail.outbox[0].body and "1 new entry" in mail.outbox[0].subject


def test_no_digest_when_nothing_is_new(officer, db):
    call_command("send_entry_digest")
    assert mail.outbox == []
