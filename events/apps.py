from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Campaigns and events")

    def ready(self):
        from wagtail.signals import page_published

        from events import moderation, renditions, skeleton

        post_migrate.connect(skeleton.ensure_site_skeleton_after_migrate, sender=self)
        post_migrate.connect(moderation.ensure_moderation_workflow_after_migrate, sender=self)
        page_published.connect(renditions.make_renditions_on_publish)
