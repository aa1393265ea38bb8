"""Officers' list of failed sign-ins and lockouts (django-axes' AccessAttempt rows) in the Wagtail admin, with an
action that lifts a lock. Read-only otherwise: rows are written by sign-in attempts alone.

Rights: axes.view_accessattempt to see the list, axes.delete_accessattempt to unlock (officers hold both).
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from core.ids import read_id


class LockoutPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds or edits an attempt; viewing and unlocking follow the model permissions."""

    def user_has_permission(self, user, action):
        if action not in ("view", "delete"):
            return False
        return super().user_has_permission(user, action)


class LockoutIndexView(generic.IndexView):
    def get_base_queryset(self):
        return AccessAttempt.objects.order_by("-attempt_time")


class UnlockView(generic.DeleteView):
    """Lifts every lock this row takes part in: its account's failures from anywhere and its address's."""

    page_title = gettext_lazy("Unlock")
    success_message = gettext_lazy("Signing in works again for '%(object)s'.")
    template_name = "signin/admin/confirm_unlock.html"

    def get_object(self, queryset=None):
        if read_id(self.kwargs.get("pk")) is None:  # SQLite cannot even compare a 30-digit id
            raise Http404
        return super().get_object(queryset)

    def get_usage_url(self):
        return None  # an attempt is referenced by nothing

    @property
    def confirmation_message(self):
        return _(
            "Lift the lock? The failed sign-ins of account %(username)s and of address %(address)s are forgotten."
        ) % {"username": self.object.username or "-", "address": self.object.ip_address or "-"}

    def delete_action(self):
        AxesProxyHandler.reset_attempts(
            username=self.object.username, ip_address=self.object.ip_address, ip_or_username=True
        )


def _lifts_at(attempt):
    return attempt.attempt_time + timezone.timedelta(minutes=settings.VITRINE_SIGNIN_COOLOFF_MINUTES)


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    name = "signin_lockouts"
    url_prefix = "sign-in-lockouts"
    icon = "lock"
    menu_label = gettext_lazy("Sign-in lockouts")
    add_to_settings_menu = True
    index_view_class = LockoutIndexView
    delete_view_class = UnlockView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_filter = []
    search_fields = ["username", "ip_address"]
    list_display = [
        Column("username", label=gettext_lazy("Account")),
        Column("ip_address", label=gettext_lazy("Client address")),
        Column("failures_since_start", label=gettext_lazy("Failures")),
        DateColumn("attempt_time", label=gettext_lazy("Last failure")),
        DateColumn("lifts_at", label=gettext_lazy("Counted until"), accessor=_lifts_at),
    ]
    form_fields = []

    def get_urlpatterns(self):
        # The list and unlocking only: no add, edit, history or usage pages to guard.
        return [
            pattern for pattern in super().get_urlpatterns() if pattern.name in ("index", "index_results", "delete")
        ]
