"""What judging reads from requests: the officers' round editor (times in the contest's own zone; what an opened
round was built from, fixed) and the judges' score, note and declaration, read strictly so that a crafted request
is refused with a message rather than a 500 or a half-understood write."""

import json
import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.forms import zoned
from core.ids import IdChoiceField, IdsChoiceField, read_id
from gallery.judging.models import Round
from gallery.judging.rules import judge_candidates
from gallery.models import ContestPage

TIME_FIELDS = ("opens_at", "closes_at")


def round_time_zone(form):
    """The zone of the contest chosen in the bound form, else of the round's contest, else the site's default."""
    contest_ids = [form.instance.contest_id]
    if form.is_bound and not form.fields["contest"].disabled:
        contest_ids.insert(0, read_id(form.data.get(form.add_prefix("contest"), "")))
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
        field_classes = {"contest": IdChoiceField, "judges": IdsChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        opened = self.instance.pk is not None and self.instance.status != Round.Status.DRAFT
        # Disabled fields keep their stored value whatever a POST says; Round.save refuses such a change anyway.
        if opened:
            for name in Round.SETTLED_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once the round has been opened.")
        # Only judges are offered; any other id in a POST is an invalid choice. Once the round is closed its judges
        # are part of its record: the field keeps them whatever a POST says.
        self.fields["judges"].queryset = judge_candidates(self.instance)
        if self.instance.pk is not None and self.instance.status == Round.Status.CLOSED:
            self.fields["judges"].disabled = True
            self.fields["judges"].help_text = _("Fixed once the round has been closed.")
        zone = round_time_zone(self)
        for name in TIME_FIELDS:
            self.fields[name] = zoned(
                self.fields[name], zone, help_text=_("In the contest's time zone (%(zone)s).") % {"zone": zone.key}
            )


SCORE_FIELDS = {"criterion", "value"}  # what judging.js sends; null clears the score


def read_score(body):
    """(criterion id, value) from the judging screen's JSON body, else ValidationError with a message to show.

    The criterion is a whole number (or ASCII digits) within the id range; the value is left to the scoring
    service, which checks it against the criterion's scale. Anything else is refused: another shape, a missing or
    an extra field, non-finite or out-of-range numbers, unicode digits.
    """
    unreadable = ValidationError(_("The score could not be read."))
    try:
        payload = json.loads(body or b"{}")
    except (ValueError, RecursionError) as error:  # bad JSON or UTF-8, over 4300 digits, deep nesting
        raise unreadable from error
    if not isinstance(payload, dict) or set(payload) != SCORE_FIELDS:
        raise unreadable
    criterion_id = read_id(payload["criterion"])
    if criterion_id is None:
        raise ValidationError(_("Unknown criterion."))
    return criterion_id, payload["value"]


class _PresentFieldsForm(forms.Form):
    """Text fields that must all be sent (an absent one would otherwise read as empty and erase what was saved);
    CharField refuses null characters, which PostgreSQL cannot store."""

    def clean(self):
        data = super().clean()
        if any(name not in self.data for name in self.fields):
            raise ValidationError(_("The form was sent incomplete. Please reload the page and try again."))
        return data

    def first_error(self):
        return next(iter(self.errors.values()))[0]


class NoteForm(_PresentFieldsForm):
    comment = forms.CharField(required=False, strip=False)
    feedback = forms.CharField(required=False, strip=False)


class DeclarationForm(_PresentFieldsForm):
    """Only the shape: the declaration service says what a kind and a reason must be."""

    kind = forms.CharField(required=False)
    reason = forms.CharField(required=False, strip=False)


class ApprovalForm(forms.Form):
    """Approving results: the reason is what the service asks for while a judge has not finished."""

    reason = forms.CharField(required=False, max_length=2000)

    def first_error(self):
        return next(iter(self.errors.values()))[0]
