import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from gallery.consent import clean_consent_form
from gallery.domain.entries import EDITABLE_FIELDS
from gallery.models import Entry


class EntryForm(forms.ModelForm):
    """What facility staff fill in for a work. Images are added one at a time on the next page."""

    class Meta:
        model = Entry
        fields = EDITABLE_FIELDS
        widgets = {
            "credit": forms.RadioSelect,
            "statement": forms.Textarea(attrs={"rows": 5}),
            "consent_form": forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        }
        help_texts = {
            "artist_code": _("The code your facility gives the artist. Never write the artist's name."),
            "credit_name": _("Only if the artist is credited by initials or a pseudonym."),
            "consent_form": _("Optional: a scan of the signed consent form (PDF, JPEG or PNG). Kept private."),
        }

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest
        self.fields["consent_confirmed"].label = contest.consent_statement
        self.fields["consent_confirmed"].required = False  # required to submit, not to save a draft
        categories = contest.category_list
        if categories:
            self.fields["category"] = forms.ChoiceField(
                label=_("category"), choices=[("", "—")] + [(c, c) for c in categories], required=True
            )
        else:
            del self.fields["category"]
        self.fields["year"].widget.attrs.update({"min": 1950, "max": 2100})

    def clean(self):
        data = super().clean()
        credit = data.get("credit")
        if credit in (Entry.Credit.INITIALS, Entry.Credit.PSEUDONYM) and not data.get("credit_name"):
            self.add_error("credit_name", _("Give the initials or pseudonym the artist chose."))
        if credit == Entry.Credit.ANONYMOUS:
            data["credit_name"] = ""
        if self.instance.state == Entry.State.SUBMITTED and not data.get("consent_confirmed"):
            self.add_error(
                "consent_confirmed", _("A submitted entry keeps the artist's consent; withdraw the entry instead.")
            )
        return data

    def clean_consent_form(self):
        upload = self.cleaned_data.get("consent_form")
        if not upload or not hasattr(upload, "content_type"):
            return upload  # unchanged or cleared
        # A cleaned copy (re-encoded image, re-written PDF) under an opaque name; a refusal is the field's error.
        return clean_consent_form(upload)


class ImageUploadForm(forms.Form):
    """The plain upload (without scripts, and the hostile-input harness). Its key is made when the page is
    rendered: the same form sent twice (a retry, a double click) stores one image."""

    upload_key = forms.RegexField(regex=r"^[A-Za-z0-9_-]{8,64}$", required=False, widget=forms.HiddenInput)
    image = forms.FileField(
        label=_("Image of the work or a detail"),
        allow_empty_file=True,  # the pipeline refuses it, saying the file is empty
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/heic,.heic,.heif"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"upload_key": uuid.uuid4().hex})
        super().__init__(*args, **kwargs)
