"""The exhibition editor's form.

Which works the page holds, and their awards, come from the contest's results: rows carry them in hidden fields,
and this form checks them against the results (a crafted POST cannot add another entry, change an award or show
another entry's image). Every image must have alt text before the page is published or submitted for approval;
drafts may be saved without.
"""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from gallery.exhibition.domain.curation import wanted_for
from gallery.models import EntryImage

PUBLISHING_ACTIONS = ("action-publish", "action-submit")


class ExhibitionPageForm(WagtailAdminPageForm):
    def is_publishing(self):
        return any(action in self.data for action in PUBLISHING_ACTIONS)

    def clean(self):
        cleaned = super().clean()
        works = self.formsets.get("works")
        if works is None or not works.is_valid():
            return cleaned
        contest = cleaned.get("contest")
        wanted = {
            entry_id: (award, rank)
            for entry_id, award, rank in wanted_for(contest.pk if contest else None, cleaned.get("show_all_eligible"))
        }
        numbers = set()
        for work_form in works.forms:
            if work_form in works.deleted_forms or not work_form.has_changed() and not work_form.instance.entry_id:
                continue
            self._check_work(work_form, wanted, numbers)
        return cleaned

    def _check_work(self, work_form, wanted, numbers):
        data = work_form.cleaned_data
        entry = data.get("entry")
        if entry is None or entry.pk not in wanted:
            self.add_error(None, _("A work that is not among the contest's results cannot be shown."))
            return
        # Awards are the results', whatever was posted.
        data["award"], data["rank"] = wanted[entry.pk]
        work_form.instance.award, work_form.instance.rank = wanted[entry.pk]
        number = data.get("number")
        if not number or number in numbers:
            self.add_error(None, _("Each work needs a number of its own."))
        numbers.add(number)
        images = work_form.formsets.get("images")
        if images is None:
            return
        own_images = set(EntryImage.objects.filter(entry=entry).values_list("pk", flat=True))
        for image_form in images.forms:
            if image_form in images.deleted_forms or not image_form.cleaned_data:
                continue
            entry_image = image_form.cleaned_data.get("entry_image")
            if entry_image is None or entry_image.pk not in own_images:
                self.add_error(None, _("An image of another entry cannot be shown with this work."))
            elif self.is_publishing() and not (image_form.cleaned_data.get("alt_text") or "").strip():
                image_form.add_error("alt_text", _("Write the alt text of this image before publishing."))
                self.add_error(None, _("Every image needs its alt text before the exhibition is published."))
