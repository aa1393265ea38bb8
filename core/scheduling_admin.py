"""Officers see the periodic jobs' runs in the admin (Settings → Periodic jobs): what ran, when, and what failed."""

from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from core.models import PeriodicRun


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Runs are written by the scheduler only: anyone may at most look at them."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and super().user_has_permission(user, "view")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class PeriodicRunViewSet(ModelViewSet):
    model = PeriodicRun
    name = "periodic_runs"
    url_prefix = "periodic-jobs"
    icon = "time"
    menu_label = gettext_lazy("Periodic jobs")
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["outcome", "job"]
    list_display = [
        Column("job", label=gettext_lazy("Job")),
        DateColumn("slot", label=gettext_lazy("Scheduled for")),
        Column("get_outcome_display", label=gettext_lazy("Outcome")),
        DateColumn("finished_at", label=gettext_lazy("Finished")),
    ]
    inspect_view_fields = ["job", "slot", "started_at", "finished_at", "outcome", "output"]
    form_fields = []

    @property
    def permission_policy(self):
        return ReadOnlyPolicy(PeriodicRun)
