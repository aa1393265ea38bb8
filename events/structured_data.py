"""schema.org Event JSON-LD for event pages (what search engines show as event details)."""

import json

from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from events.images import existing_rendition
from events.renditions import SHARE_SPEC

EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}
ATTENDANCE_MODE = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}


def _iso(value, event):
    if value is None:
        return None
    local = value.astimezone(event.zone)
    return local.date().isoformat() if event.all_day else local.isoformat()


def event_data(event, request=None, speakers=None):
    """`speakers`: the event's speakers when the caller has them already (else they are read)."""
    url = event.get_full_url(request)
    locations = []
    if event.is_in_person:
        locations.append(
            {
                "@type": "Place",
                "name": event.venue_name or event.venue_address,
                "address": event.venue_address or event.venue_name,
            }
        )
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary or event.search_description,
        "url": url,
        "startDate": _iso(event.starts_at, event),
        "endDate": _iso(event.ends_at, event),
        "eventStatus": EVENT_STATUS[event.status],
        "eventAttendanceMode": ATTENDANCE_MODE[event.attendance_mode],
        "location": locations[0] if len(locations) == 1 else locations,
    }
    share = existing_rendition(event.hero_image, SHARE_SPEC) if event.hero_image else None
    if share is not None:
        data["image"] = [request.build_absolute_uri(share.url) if request else share.url]
    if event.pk:
        speakers = event.speakers.all() if speakers is None else speakers
        performers = [{"@type": "Person", "name": person.name} for person in speakers]
        if performers:
            data["performer"] = performers
    sessions = event.ordered_sessions
    if len(sessions) > 1:
        data["subEvent"] = [
            {
                "@type": "Event",
                "name": session.title or event.title,
                "startDate": _iso(session.start, event),
                "endDate": _iso(session.end, event),
            }
            for session in sessions
        ]
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def event_json_ld(event, request=None, speakers=None):
    """The JSON-LD document, safe to place inside a <script> element."""
    data = event_data(event, request, speakers)
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))
