"""One way to write a date or a moment, in every language and on every screen (public pages, portal, judging,
officers' screens, emails): the language's own formats (core/formats, FORMAT_MODULE_PATH) and, for a moment, the
zone it is shown in, named by its offset from UTC ("18 July 2027, 10:00 (UTC+5)"), which needs no translation and
cannot be misread."""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format


def zone_of(zone):
    """A ZoneInfo for a zone name (or a ZoneInfo), the default zone of events and contests when empty or unknown."""
    if isinstance(zone, datetime.tzinfo):
        return zone
    try:
        return zoneinfo.ZoneInfo(zone or settings.VITRINE_DEFAULT_TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.VITRINE_DEFAULT_TIME_ZONE)


def local(moment, zone):
    """`moment` (aware) in `zone`."""
    return timezone.localtime(moment, zone_of(zone))


def zone_name(moment, zone):
    """'UTC+5', 'UTC-3:30' or 'UTC': the zone's offset at that moment (summer time included)."""
    offset = local(moment, zone).utcoffset() or datetime.timedelta()
    minutes = int(offset.total_seconds()) // 60
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def format_date(value):
    """A date (or the day of a datetime, in its own zone) as the language writes it: '18 July 2027'."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return date_format(value, "DATE_FORMAT")


def format_time(moment, zone):
    return date_format(local(moment, zone), "TIME_FORMAT")


def format_moment(moment, zone, *, with_zone=True):
    """'18 July 2027, 10:00 (UTC+5)' in English, '18 июля 2027 г., 10:00 (UTC+5)' in Russian."""
    text = date_format(local(moment, zone), "DATETIME_FORMAT")
    return f"{text} ({zone_name(moment, zone)})" if with_zone else text


def same_day(first, second, zone):
    return local(first, zone).date() == local(second, zone).date()
