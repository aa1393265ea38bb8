from django.apps import AppConfig
from django.db.models.signals import post_migrate


class VitrineConfig(AppConfig):
    name = "vitrine"
    verbose_name = "Vitrine"

    def ready(self):
        from vitrine import roles, storage  # noqa: F401 - storage registers its settings receiver

        post_migrate.connect(roles.ensure_roles_after_migrate, sender=self)
