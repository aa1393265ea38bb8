from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app of Vitrine shares: roles, storages, private files, caching, health, form helpers,
    sign-in protection.

    It depends on no other app of ours. Listed after the domain apps in INSTALLED_APPS so that its
    post-migrate step (the roles) runs after theirs (the page tree the roles are granted on).
    """

    name = "core"
    verbose_name = _("Vitrine core")

    def ready(self):
        from core import cache_signals, roles, storage, wagtail_exports, wagtail_search  # noqa: F401 - storage: its receiver
        from core.signin import signals

        post_migrate.connect(roles.ensure_roles_after_migrate, sender=self)
        cache_signals.connect()
        wagtail_exports.install()
        wagtail_search.install()
        user_logged_in.connect(signals.signed_in, dispatch_uid="vitrine_signed_in")
