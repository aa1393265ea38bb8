"""iCalendar (RFC 5545) files: one per event, and subscribable feeds per campaign and for the whole site.

Every session is one VEVENT. UIDs are built from page and session ids, so they stay the same across edits
and a subscribed calendar updates events in place. Times carry the event's own TZID with a VTIMEZONE.
"""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils.html import strip_tags

STATUS = {"scheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}


def uid_domain():
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "vitrine"


def session_uid(event, session):
    return f"event-{event.pk}-session-{session.pk}@{uid_domain()}"


def _vevent(event, session, url):
    vevent = icalendar.Event()
    vevent.add("uid", session_uid(event, session))
    summary = f"{event.title}: {session.title}" if session.title else event.title
    vevent.add("summary", summary)
    stamp = event.last_published_at or event.latest_revision_created_at or session.start
    vevent.add("dtstamp", stamp.astimezone(datetime.UTC))
    vevent.add("last-modified", stamp.astimezone(datetime.UTC))
    if event.all_day:
        first_day = session.start.astimezone(event.zone).date()
        last_day = session.end.astimezone(event.zone).date()
        vevent.add("dtstart", first_day)
        vevent.add("dtend", last_day + datetime.timedelta(days=1))  # DTEND of a DATE event is exclusive
    else:
        vevent.add("dtstart", session.start.astimezone(event.zone))
        vevent.add("dtend", session.end.astimezone(event.zone))
    vevent.add("status", STATUS[event.status])
    vevent.add("url", url)
    description = strip_tags(event.summary)
    if event.status_note:
        description = f"{event.status_note}\n\n{description}".strip()
    vevent.add("description", f"{description}\n\n{url}".strip())
    location = ", ".join(part for part in (event.venue_name, event.venue_address.replace("\n", ", ")) if part)
    if event.is_online:
        location = ", ".join(part for part in (location, str(event.Attendance.ONLINE.label)) if part)
    if location:
        vevent.add("location", location)
    vevent.add("categories", [str(event.get_kind_display())])
    return vevent


def build_calendar(events, *, name, request=None):
    """A VCALENDAR with one VEVENT per session of the given events (sessions prefetched by the caller)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Vitrine//Campaign events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        url = event.get_full_url(request)
        for session in event.ordered_sessions:
            calendar.add_component(_vevent(event, session, url))
    calendar.add_missing_timezones()
    return calendar.to_ical()
