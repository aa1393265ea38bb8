"""Deadline reminders: the same number of queries whatever the number of facilities, and the deadline written in
the contest's own time zone, with its name."""

import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from gallery.models import ContestExtension
from gallery.tasks import send_deadline_reminders
from tests.factories import FacilityFactory, SubmittedEntryFactory, UserFactory


def facilities_in(region, count, extension_of=None):
    """`count` facilities of the region with two staff each; every other one has a later deadline."""
    made = []
    for _ in range(count):
        facility = FacilityFactory(region=region)
        UserFactory(facility=facility)
        UserFactory(facility=facility)
        if extension_of is not None and len(made) % 2:
            ContestExtension.objects.create(
                contest=extension_of, facility=facility, closes_at=extension_of.closes_at + timedelta(hours=1)
            )
        made.append(facility)
    return made


def test_reminder_queries_do_not_grow_with_facilities(contest, regions, facility, staff):
    contest.closes_at = timezone.now() + timedelta(days=2, hours=12)
    contest.save()
    SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, notify=False)

    def count():
        mail.outbox.clear()
        with CaptureQueriesContext(connection) as queries:
            sent = send_deadline_reminders.call(contest.pk, 3)
        assert sent == len(mail.outbox)
        return len(queries), sent

    facilities_in(regions["PAV"], 2, extension_of=contest)
    few_queries, few_sent = count()
    facilities_in(regions["KAR"], 8, extension_of=contest)
    facilities_in(regions["ALM"], 3)  # not eligible: never reminded
    many_queries, many_sent = count()
    assert (few_sent, many_sent) == (2, 10)  # the facility that submitted is not reminded
    assert many_queries == few_queries


def test_reminder_gives_the_deadline_in_the_contests_zone(contest, other_facility, other_staff):
    contest.time_zone = "Asia/Almaty"
    contest.closes_at = timezone.now() + timedelta(days=2, hours=12)
    contest.save()
    send_deadline_reminders.call(contest.pk, 3)
    with translation.override(settings.LANGUAGE_CODE):
        in_almaty = date_format(
            timezone.localtime(contest.closes_at, zoneinfo.ZoneInfo("Asia/Almaty")), "DATETIME_FORMAT"
        )
        in_utc = date_format(timezone.localtime(contest.closes_at, zoneinfo.ZoneInfo("UTC")), "DATETIME_FORMAT")
    assert in_almaty != in_utc  # five hours apart
    assert [message.to for message in mail.outbox] == [[other_staff.email]]
    assert f"{in_almaty} (UTC+5)" in mail.outbox[0].body  # the zone named, as everywhere (core.dates)
