from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Campaigns and events")

    def ready(self):
        from events import workflow

        post_migrate.connect(workflow.ensure_moderation_workflow_after_migrate, sender=self)
