"""The event editor: session times are typed and shown in the event's own time zone, not the officer's."""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm


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


class EventPageForm(WagtailAdminPageForm):
    SESSION_TIME_FIELDS = ("start", "end")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self._event_zone()
        for session_form in self.formsets["sessions"].forms:
            for name in self.SESSION_TIME_FIELDS:
                field = session_form.fields[name]
                session_form.fields[name] = ZonedDateTimeField(
                    zone=zone,
                    required=field.required,
                    widget=field.widget,
                    label=field.label,
                    help_text=field.help_text,
                )

    def _event_zone(self):
        """The zone being saved (a changed zone applies to the times typed with it), else the stored one."""
        names = [self.data.get(self.add_prefix("time_zone")) if self.is_bound else None, self.instance.time_zone]
        for name in names:
            if name and name in zoneinfo.available_timezones():
                return zoneinfo.ZoneInfo(name)
        return zoneinfo.ZoneInfo(settings.VITRINE_DEFAULT_TIME_ZONE)
