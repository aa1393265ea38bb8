"""The contest editor's form: submission times are typed and shown in the contest's own time zone."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from core.forms import form_time_zone, time_zone_choices, validate_time_zone, zoned
from gallery.imaging import OPENABLE_FORMATS

TIME_FIELDS = ("opens_at", "closes_at")


class ContestPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget = forms.Select(choices=time_zone_choices())
        # Typed and shown as wall-clock time of the contest, whatever the editor's own time zone.
        zone = form_time_zone(self)
        for name in TIME_FIELDS:
            if name in self.fields:
                self.fields[name] = zoned(self.fields[name], zone, help_text=_("In the contest's time zone."))

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
        if "time_zone" not in data:
            return data  # already refused by its field
        try:
            validate_time_zone(data["time_zone"])
        except ValidationError as error:
            # The times were read in another zone: comparing them would say nothing.
            self.add_error("time_zone", error)
            return data
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("Submissions must close after they open."))
        return data
