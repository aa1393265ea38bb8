"""The exhibition editor's form: every image of a work must have alt text before the page is published or
submitted for approval (drafts may be saved without)."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

PUBLISHING_ACTIONS = ("action-publish", "action-submit")


class ExhibitionPageForm(WagtailAdminPageForm):
    def is_publishing(self):
        return any(action in self.data for action in PUBLISHING_ACTIONS)

    def clean(self):
        cleaned = super().clean()
        if not self.is_publishing():
            return cleaned
        works = self.formsets.get("works")
        if works is None:
            return cleaned
        for work_form in works.forms:
            if work_form in works.deleted_forms:
                continue
            images = work_form.formsets.get("images")
            for image_form in images.forms if images is not None else []:
                if image_form in images.deleted_forms:
                    continue
                if not (image_form.cleaned_data.get("alt_text") or "").strip():
                    image_form.add_error("alt_text", _("Write the alt text of this image before publishing."))
                    self.add_error(None, _("Every image needs its alt text before the exhibition is published."))
        return cleaned
