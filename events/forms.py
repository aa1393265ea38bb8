"""The event editor: session times are typed and shown in the event's own time zone, not the officer's."""

from wagtail.admin.forms import WagtailAdminPageForm

from core.forms import form_time_zone, zoned


class EventPageForm(WagtailAdminPageForm):
    SESSION_TIME_FIELDS = ("start", "end")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = form_time_zone(self)
        for session_form in self.formsets["sessions"].forms:
            for name in self.SESSION_TIME_FIELDS:
                session_form.fields[name] = zoned(session_form.fields[name], zone)
