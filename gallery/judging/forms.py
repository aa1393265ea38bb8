"""The officers' round editor: times in the contest's own zone; what an opened round was built from, fixed."""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.forms import zoned
from gallery.judging.domain.decisions import MAX_ID, read_whole_number
from gallery.judging.models import Round
from gallery.models import ContestPage

TIME_FIELDS = ("opens_at", "closes_at")


def round_time_zone(form):
    """The zone of the contest chosen in the bound form, else of the round's contest, else the site's default."""
    contest_ids = [form.instance.contest_id]
    if form.is_bound and not form.fields["contest"].disabled:
        contest_ids.insert(0, read_whole_number(form.data.get(form.add_prefix("contest"), ""), low=1, high=MAX_ID))
    for contest_id in contest_ids:
        name = (
            ContestPage.objects.filter(pk=contest_id).values_list("time_zone", flat=True).first()
            if contest_id
            else None
        )
        if name in zoneinfo.available_timezones():
            return zoneinfo.ZoneInfo(name)
    return zoneinfo.ZoneInfo(settings.VITRINE_DEFAULT_TIME_ZONE)


class RoundForm(WagtailAdminModelForm):
    class Meta(WagtailAdminModelForm.Meta):
        model = Round
        fields = [
            "contest",
            "name",
            "kind",
            "position",
            "opens_at",
            "closes_at",
            "entry_source",
            "top_n",
            "judges",
            "judges_per_entry",
            "visibility",
        ]
        widgets = {"contest": forms.Select}  # a plain list of contests, as in the other judging set-up screens

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        opened = self.instance.pk is not None and self.instance.status != Round.Status.DRAFT
        # Disabled fields keep their stored value whatever a POST says; Round.save refuses such a change anyway.
        if opened:
            for name in Round.SETTLED_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once the round has been opened.")
        zone = round_time_zone(self)
        for name in TIME_FIELDS:
            self.fields[name] = zoned(
                self.fields[name], zone, help_text=_("In the contest's time zone (%(zone)s).") % {"zone": zone.key}
            )
