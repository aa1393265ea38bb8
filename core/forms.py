"""Times typed and shown in the zone of the thing they belong to (an event, a contest), not the officer's."""

import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def default_time_zone():
    return settings.VITRINE_DEFAULT_TIME_ZONE


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(zone)s” is not a known time zone, e.g. Asia/Almaty."), params={"zone": value})


def time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class ZonedDateTimeField(forms.DateTimeField):
    """A date-time field that reads and writes wall-clock time in a given zone (stored aware, in UTC)."""

    def __init__(self, *args, zone, **kwargs):
        self.zone = zone
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        with timezone.override(self.zone):
            return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(self.zone):
            return super().to_python(value)


def form_time_zone(form, field_name="time_zone"):
    """The zone being saved (a changed zone applies to the times typed with it), else the stored one, else the
    site's default."""
    names = [form.data.get(form.add_prefix(field_name)) if form.is_bound else None, getattr(form.instance, field_name)]
    for name in names:
        if name and name in zoneinfo.available_timezones():
            return zoneinfo.ZoneInfo(name)
    return zoneinfo.ZoneInfo(settings.VITRINE_DEFAULT_TIME_ZONE)


def zoned(field, zone, help_text=None):
    """`field` as a ZonedDateTimeField in `zone`, keeping its widget, label and requiredness."""
    return ZonedDateTimeField(
        zone=zone,
        required=field.required,
        widget=field.widget,
        label=field.label,
        help_text=field.help_text if help_text is None else help_text,
    )
