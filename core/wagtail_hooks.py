"""Core's screens in the Wagtail admin: the sign-in lockouts, the periodic jobs' runs, and the officer's own two-factor
set-up."""

from axes.models import AccessAttempt
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.models import PeriodicRun
from core.scheduling_admin import PeriodicRunViewSet, ReadOnlyPolicy
from core.signin.lockouts import LockoutPermissionPolicy, LockoutViewSet

register_permission_policy(AccessAttempt, LockoutPermissionPolicy(AccessAttempt))
register_permission_policy(PeriodicRun, ReadOnlyPolicy(PeriodicRun))


@hooks.register("register_admin_viewset")
def register_lockouts():
    return [LockoutViewSet(), PeriodicRunViewSet()]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": f"{reverse('two_factor_setup')}?next={reverse('wagtailadmin_home')}",
        "label": _("Two-factor sign-in"),
        "help_text": _("Set up an authenticator app, or make new recovery codes."),
    }
