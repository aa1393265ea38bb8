"""Setting up judging in the Wagtail admin: rounds, rubric criteria, results settings, judges' affiliations."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from gallery.judging.models import Criterion, JudgeProfile, JudgingSettings, Round


class RoundEditView(EditView):
    def save_instance(self):
        from gallery.judging.domain.rounds import assign_new_judges

        instance = super().save_instance()
        assign_new_judges(instance)  # judges added to an open round get their entries at once
        return instance


class RoundViewSet(ModelViewSet):
    model = Round
    edit_view_class = RoundEditView
    icon = "tasks"
    menu_label = _("Rounds")
    name = "judging_rounds"
    url_prefix = "judging-rounds"
    form_fields = [
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
    list_display = ["name", "contest", "kind", "status", "closes_at"]
    list_filter = ["kind", "status"]


class CriterionViewSet(ModelViewSet):
    model = Criterion
    icon = "list-ol"
    menu_label = _("Rubric criteria")
    name = "judging_criteria"
    url_prefix = "judging-criteria"
    form_fields = ["contest", "name", "description", "weight", "scale_min", "scale_max", "required", "position"]
    list_display = ["name", "contest", "weight", "scale_min", "scale_max", "required"]


class JudgingSettingsViewSet(ModelViewSet):
    model = JudgingSettings
    icon = "cogs"
    menu_label = _("Results settings")
    name = "judging_settings"
    url_prefix = "judging-settings"
    form_fields = ["contest", "method", "normalise", "tie_break_order", "honourable_mentions", "disagreement_threshold"]
    list_display = ["contest", "method", "normalise", "tie_break_order", "honourable_mentions"]


class JudgeProfileViewSet(ModelViewSet):
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
