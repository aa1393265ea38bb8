"""{% date_range start end zone all_day %}: an event's or a session's dates, as events/includes/date_range.html wrote
them (the same filters, called from Python: an include per card was a good part of a long listing's time)."""

from django import template
from django.template.defaultfilters import date
from django.templatetags.tz import do_timezone, utc
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def date_range(start, end, zone, all_day=False):
    if not start:
        return conditional_escape(gettext("Date to be announced"))
    start_local, end_local = do_timezone(start, zone), do_timezone(end, zone)
    start_day, end_day = date(start_local, "Y-m-d"), date(end_local, "Y-m-d")
    if all_day:
        html = format_html('<time datetime="{}">{}</time>', start_day, date(start_local, "j F Y"))
        if end_day != start_day:
            html += format_html(' – <time datetime="{}">{}</time>', end_day, date(end_local, "j F Y"))
        return html
    html = format_html('<time datetime="{}">{}</time>', date(utc(start), "c"), date(start_local, "j F Y, H:i"))
    if end:
        until = date(end_local, "H:i") if end_day == start_day else date(end_local, "j F Y, H:i")
        html += format_html(' – <time datetime="{}">{}</time>', date(utc(end), "c"), until)
    return html + format_html(' <span class="time-zone">({})</span>', zone)
