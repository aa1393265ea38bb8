"""Officers' screens of the exhibition in the Wagtail admin: the takedown list, and taking a work down."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core.errors import DomainError
from core.ids import IdChoiceField
from gallery.exhibition.domain.takedown import take_down
from gallery.exhibition.models import ExhibitedWork, Takedown
from gallery.models import Entry


class WorkChoiceField(IdChoiceField):
    def label_from_instance(self, entry):
        return f"{entry.reference or entry.pk}: {entry.title}"


class TakedownForm(WagtailAdminModelForm):
    entry = WorkChoiceField(
        label=_("Work"),
        queryset=Entry.objects.none(),
        help_text=_("A work of an exhibition that is still shown."),
    )

    class Meta:
        model = Takedown
        fields = ["entry", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        exhibited = ExhibitedWork.objects.values("entry_id")
        self.fields["entry"].queryset = (
            Entry.objects.filter(pk__in=exhibited, takedown__isnull=True)
            .select_related("contest")
            .order_by("reference")
        )
        self.fields["reason"].help_text = _("Recorded in the audit log with your name.")


class TakedownCreateView(generic.CreateView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except DomainError as refused:  # e.g. taken down by someone else meanwhile: nothing was saved
            form.add_error(None, str(refused))
            return self.form_invalid(form)

    def save_instance(self):
        data = self.form.cleaned_data
        return take_down(data["entry"], self.request.user, data["reason"], Takedown.Source.OFFICER)


class TakedownIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("entry", "taken_down_by")


class TakedownViewSet(ModelViewSet):
    model = Takedown
    name = "exhibition_takedowns"
    url_prefix = "exhibition/takedowns"
    icon = "warning"
    menu_label = _("Takedowns")
    add_to_admin_menu = False
    add_view_class = TakedownCreateView
    index_view_class = TakedownIndexView
    list_display = ["entry", "source", "taken_down_by", "taken_down_at"]
    list_filter = ["source"]
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = ObjectList([FieldPanel("entry"), FieldPanel("reason")])

    def get_form_class(self, for_update=False):
        return TakedownForm
