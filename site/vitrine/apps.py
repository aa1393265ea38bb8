from django.apps import AppConfig
from django.db.models.signals import post_migrate


class VitrineConfig(AppConfig):
    name = "vitrine"
    verbose_name = "Vitrine"

    def ready(self):
        from vitrine import storage  # noqa: F401 - registers its settings receiver

        post_migrate.connect(ensure_skeleton_and_roles, sender=self)


def ensure_skeleton_and_roles(sender, **kwargs):
    # This app migrates first, so the content types of the apps after it may not exist yet.
    from django.apps import apps
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType

    from vitrine import roles, skeleton

    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
    skeleton.ensure_site_skeleton()
    roles.ensure_roles()
