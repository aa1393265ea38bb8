"""Judging in the Wagtail admin: the officers' screens (JudgingViewSet) and the set-up viewsets (rounds, rubric
criteria, results settings, judges' affiliations)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import policy_registry

from core.errors import DomainError
from core.ids import IdChoiceField, IdsChoiceField
from gallery.judging.domain.locks import hold_round
from gallery.judging.domain.rounds import assign_new_judges
from gallery.judging.forms import RoundForm
from gallery.judging.models import Criterion, JudgeProfile, JudgingSettings, Round
from gallery.judging.views import admin as views


class JudgingViewSet(ViewSet):
    """Officers follow and run rounds: /admin/judging/. Each view says which permission it needs."""

    name = "judging_admin"
    url_prefix = "judging"
    icon = "tasks"
    menu_label = _("Judging")
    menu_order = 350
    add_to_admin_menu = True

    @cached_property
    def menu_item_class(self):
        def is_shown(item, request):
            return policy_registry.get_by_type(Round).user_has_permission(request.user, "view")

        return type("JudgingMenuItem", (MenuItem,), {"is_shown": is_shown})

    def get_urlpatterns(self):
        def operation(view_class):
            return self.construct_view(view_class, success_url_name=self.get_url_name("round"))

        return [
            path("", self.construct_view(views.JudgingIndexView), name="index"),
            path("round/<int:pk>/", self.construct_view(views.RoundResultsView), name="round"),
            path("round/<int:pk>/open/", operation(views.OpenRoundView), name="open"),
            path("round/<int:pk>/close/", operation(views.CloseRoundView), name="close"),
            path("round/<int:pk>/remind/", operation(views.RemindView), name="remind"),
            path("round/<int:pk>/approve/", self.construct_view(views.ApproveView), name="approve"),
            path("round/<int:pk>/decide/", operation(views.DecideTiesView), name="decide"),
            path("round/<int:pk>/shortlist/", operation(views.ShortlistView), name="shortlist"),
            path("round/<int:pk>/export/<str:table>.<str:fmt>", self.construct_view(views.ExportView), name="export"),
        ]


class ZonedTimeColumn(Column):
    """A round's time as wall-clock time in its contest's zone, followed by the zone's name."""

    def get_value(self, instance):
        return instance.in_contest_zone(super().get_value(instance)) or "—"


class RoundIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("contest")


class RoundEditView(EditView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except DomainError as refused:  # e.g. the round was opened or frozen meanwhile: nothing was saved
            form.add_error(None, str(refused))
            self.produced_error_code, self.produced_error_message = "validation_error", str(refused)
            return self.form_invalid(form)

    def save_instance(self):
        hold_round(self.object)  # not opened while we save; Round.save refuses a settled change
        instance = super().save_instance()
        assign_new_judges(instance)  # judges added to an open round get their entries at once
        return instance


class RefusingDeleteView(DeleteView):
    """The model may refuse (an opened round, the settings of approved results): say why, delete nothing."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except DomainError as refused:
            messages.error(self.request, str(refused))
            return redirect(self.get_success_url())


class RoundViewSet(ModelViewSet):
    model = Round
    index_view_class = RoundIndexView
    edit_view_class = RoundEditView
    delete_view_class = RefusingDeleteView
    icon = "tasks"
    menu_label = _("Rounds")
    name = "judging_rounds"
    url_prefix = "judging-rounds"
    list_display = [
        "name",
        "contest",
        "kind",
        "status",
        ZonedTimeColumn("opens_at", label=_("Opens")),
        ZonedTimeColumn("closes_at", label=_("Closes")),
    ]
    list_filter = ["kind", "status"]

    def get_form_class(self, for_update=False):
        return RoundForm


class IdCheckingViewSet(ModelViewSet):
    """Choices by id refuse anything but a plausible id before they query (SQLite cannot compare 30 digits)."""

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.many_to_many:
            kwargs.setdefault("form_class", IdsChoiceField)
        elif db_field.many_to_one or db_field.one_to_one:
            kwargs.setdefault("form_class", IdChoiceField)
        return super().formfield_for_dbfield(db_field, **kwargs)


class CriterionViewSet(IdCheckingViewSet):
    model = Criterion
    icon = "list-ol"
    menu_label = _("Rubric criteria")
    name = "judging_criteria"
    url_prefix = "judging-criteria"
    form_fields = ["contest", "name", "description", "weight", "scale_min", "scale_max", "required", "position"]
    list_display = ["name", "contest", "weight", "scale_min", "scale_max", "required"]


class JudgingSettingsViewSet(IdCheckingViewSet):
    model = JudgingSettings
    delete_view_class = RefusingDeleteView
    icon = "cogs"
    menu_label = _("Results settings")
    name = "judging_settings"
    url_prefix = "judging-settings"
    form_fields = ["contest", "method", "normalise", "tie_break_order", "honourable_mentions", "disagreement_threshold"]
    list_display = ["contest", "method", "normalise", "tie_break_order", "honourable_mentions"]


class JudgeProfileViewSet(IdCheckingViewSet):
    model = JudgeProfile
    icon = "user"
    menu_label = _("Judges' affiliations")
    name = "judge_profiles"
    url_prefix = "judge-profiles"
    form_fields = ["user", "facilities", "regions"]
    list_display = ["user"]


class JudgingSetupGroup(ModelViewSetGroup):
    menu_label = _("Judging setup")
    menu_icon = "tasks"
    menu_order = 360
    items = (RoundViewSet, CriterionViewSet, JudgingSettingsViewSet, JudgeProfileViewSet)
