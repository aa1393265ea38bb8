"""Dates in templates, one way everywhere (core.dates): {{ moment|moment:zone }}, {{ day|day }}, and
{% moment_range start end zone all_day %} for an event's or a session's time, inside <time> elements."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext

from core import dates

register = template.Library()


@register.filter
def moment(value, zone=None):
    """'18 July 2027, 10:00 (UTC+5)': an aware datetime in `zone` (a name or ZoneInfo; the default zone if none)."""
    if not value:
        return ""
    return dates.format_moment(value, zone)


@register.filter
def day(value):
    """'18 July 2027': a date as the current language writes it."""
    if not value:
        return ""
    return dates.format_date(value)


@register.filter
def moment_iso(value):
    """The moment in UTC, ISO 8601, for <time datetime> and scripts."""
    return _iso(value) if value else ""


@register.simple_tag
def moment_range(start, end, zone, all_day=False):
    """An event's or a session's time in its own zone, named once: '13 July 2020, 11:00 – 13:00 (UTC+6)'; days
    only for an all-day event. The <time> elements carry UTC for machines and the local-time script."""
    if not start:
        return conditional_escape(gettext("Date to be announced"))
    start_local = dates.local(start, zone)
    if all_day:
        html = format_html('<time datetime="{}">{}</time>', f"{start_local:%Y-%m-%d}", dates.format_date(start_local))
        if end and not dates.same_day(start, end, zone):
            end_day = dates.local(end, zone)
            html += format_html(' – <time datetime="{}">{}</time>', f"{end_day:%Y-%m-%d}", dates.format_date(end_day))
        return html
    html = format_html('<time datetime="{}">{}</time>', _iso(start), dates.format_moment(start, zone, with_zone=False))
    if end:
        until = (
            dates.format_time(end, zone)
            if dates.same_day(start, end, zone)
            else dates.format_moment(end, zone, with_zone=False)
        )
        html += format_html(' – <time datetime="{}">{}</time>', _iso(end), until)
    return html + format_html(' <span class="time-zone">({})</span>', dates.zone_name(start, zone))


def _iso(moment):
    return dates.local(moment, "UTC").isoformat()
