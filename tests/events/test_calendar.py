"""Calendar files parsed back with icalendar and checked field by field against the pages."""

import datetime
import zoneinfo

import icalendar
import pytest

from events.models import EventPage
from tests.events.conftest import at
from tests.factories import CampaignFactory, EventFactory

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return [component for component in calendar.walk("VEVENT")]


def test_event_file_has_one_vevent_per_session_with_every_field(client, campaign):
    event = EventFactory(
        parent=campaign,
        title="Four-day webinar",
        sessions=[(at(2020, 5, day), at(2020, 5, day, 13), f"Day {day - 17}") for day in (18, 19, 20, 21)],
        kind=EventPage.Kind.WEBINAR,
        summary="Preventing radicalisation to violence.",
        venue_name="Academy",
        venue_address="Kostanay",
        attendance_mode=EventPage.Attendance.MIXED,
    )
    calendar = parse(client.get(f"/calendar/events/{event.pk}.ics"))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert {tz["TZID"] for tz in calendar.walk("VTIMEZONE")} == {"Asia/Almaty"}
    components = vevents(calendar)
    sessions = list(event.sessions.order_by("start"))
    assert len(components) == 4
    for component, session in zip(components, sessions, strict=True):
        assert component["UID"] == f"event-{event.pk}-session-{session.pk}@testserver"
        assert component["SUMMARY"] == f"Four-day webinar: {session.title}"
        start, end = component.decoded("DTSTART"), component.decoded("DTEND")
        assert start == session.start and end == session.end
        assert start.tzinfo is not None and str(component["DTSTART"].params["TZID"]) == "Asia/Almaty"
        assert start.astimezone(zoneinfo.ZoneInfo("Asia/Almaty")).hour == 10
        assert component["STATUS"] == "CONFIRMED"
        assert component["URL"] == event.get_full_url()
        assert "Preventing radicalisation to violence." in component["DESCRIPTION"]
        assert component["LOCATION"] == "Academy, Kostanay, Online"
        assert component.decoded("DTSTAMP") == event.last_published_at.replace(microsecond=0)
        assert [str(category) for category in component["CATEGORIES"].cats] == ["Webinar"]


def test_uids_are_stable_across_edits(client, campaign):
    event = EventFactory(parent=campaign, title="Class", sessions=[(at(2020, 7, 13, 11), at(2020, 7, 13, 13))])
    before = [c["UID"] for c in vevents(parse(client.get(f"/calendar/events/{event.pk}.ics")))]
    event.title = "Class, renamed"
    event.sessions.first().end = at(2020, 7, 13, 14)
    event.save_revision().publish()
    after = vevents(parse(client.get(f"/calendar/events/{event.pk}.ics")))
    assert [c["UID"] for c in after] == before
    assert after[0]["SUMMARY"] == "Class, renamed"


def test_cancelled_and_postponed_status(client, campaign):
    cancelled = EventFactory(
        parent=campaign, title="Cancelled", sessions=[(at(2020, 7, 18, 16), at(2020, 7, 18, 18))], status="cancelled"
    )
    postponed = EventFactory(
        parent=campaign, title="Postponed", sessions=[(at(2020, 7, 19, 16), at(2020, 7, 19, 18))], status="postponed"
    )
    assert vevents(parse(client.get(f"/calendar/events/{cancelled.pk}.ics")))[0]["STATUS"] == "CANCELLED"
    assert vevents(parse(client.get(f"/calendar/events/{postponed.pk}.ics")))[0]["STATUS"] == "TENTATIVE"


def test_all_day_event_uses_dates_with_exclusive_end(client, campaign):
    event = EventFactory(
        parent=campaign, title="Conference", sessions=[(at(2026, 9, 22, 0), at(2026, 9, 24, 23, 59))], all_day=True
    )
    component = vevents(parse(client.get(f"/calendar/events/{event.pk}.ics")))[0]
    assert component.decoded("DTSTART") == datetime.date(2026, 9, 22)
    assert component.decoded("DTEND") == datetime.date(2026, 9, 25)


def test_campaign_feed_holds_only_its_events_and_site_feed_holds_all(client, home, campaign, event_index):
    inside = EventFactory(parent=campaign, title="Inside", sessions=[(at(2020, 7, 13), at(2020, 7, 13, 12))])
    elsewhere = CampaignFactory(parent=home, title="Other", slug="other")
    outside = EventFactory(parent=elsewhere, title="Outside", sessions=[(at(2021, 1, 1), at(2021, 1, 1, 12))])
    loose = EventFactory(parent=event_index, title="Loose", sessions=[(at(2022, 1, 1), at(2022, 1, 1, 12))])
    draft = EventFactory(parent=campaign, title="Draft", sessions=[(at(2020, 7, 14), at(2020, 7, 14, 12))])
    draft.unpublish()

    campaign_feed = parse(client.get(f"/calendar/campaigns/{campaign.pk}.ics"))
    assert campaign_feed["X-WR-CALNAME"] == "Mandela Day"
    assert [c["SUMMARY"] for c in vevents(campaign_feed)] == ["Inside"]
    site_feed = parse(client.get("/calendar/events.ics"))
    assert sorted(c["SUMMARY"] for c in vevents(site_feed)) == ["Inside", "Loose", "Outside"]
    assert {inside.pk, outside.pk, loose.pk} == {int(c["UID"].split("-")[1]) for c in vevents(site_feed)}
    assert client.get(f"/calendar/events/{draft.pk}.ics").status_code == 404
    assert client.get(f"/calendar/campaigns/{inside.pk}.ics").status_code == 404
