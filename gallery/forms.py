"""The contest editor's form: submission times are typed and shown in the contest's own time zone."""

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from gallery.domain.images import OPENABLE_FORMATS

TIME_FIELDS = ("opens_at", "closes_at")


class ContestPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget = forms.Select(choices=[(name, name) for name in sorted(available_timezones())])
        zone = self._zone(self.instance.time_zone)
        if zone is not None:
            for name in TIME_FIELDS:
                value = getattr(self.instance, name, None)
                if value is not None and name in self.fields:
                    # Shown as wall-clock time of the contest, whatever the editor's own time zone.
                    self.initial[name] = timezone.make_naive(value, zone)
                    self.fields[name].help_text = _("In the contest's time zone.")

    @staticmethod
    def _zone(name):
        try:
            return ZoneInfo(name) if name else None
        except (ZoneInfoNotFoundError, ValueError):
            return None

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip().upper()
        if not re.fullmatch(r"[A-Z0-9]{2,8}", code):
            raise forms.ValidationError(_("Use 2 to 8 letters or digits, e.g. MD20."))
        return code

    def clean_accepted_formats(self):
        names = [name.strip().upper() for name in (self.cleaned_data.get("accepted_formats") or "").split(",")]
        names = [name for name in names if name]
        unknown = [name for name in names if name not in OPENABLE_FORMATS]
        if unknown or not names:
            raise forms.ValidationError(
                _("Use a comma-separated list of: %(formats)s.") % {"formats": ", ".join(OPENABLE_FORMATS)}
            )
        return ",".join(names)

    def clean(self):
        data = super().clean()
        zone = self._zone(data.get("time_zone"))
        if zone is None:
            self.add_error("time_zone", _("Choose a time zone from the list."))
            return data
        current = timezone.get_current_timezone()
        for name in TIME_FIELDS:
            value = data.get(name)
            if value is not None:
                # The form read the time in the editor's zone; reinterpret the same wall-clock time in the contest's.
                data[name] = timezone.make_aware(timezone.make_naive(value, current), zone)
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("Submissions must close after they open."))
        return data
