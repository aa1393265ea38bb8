from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = _("Gallery: facilities, contests and entries")

    def ready(self):
        from gallery import rules  # noqa: F401 - registers the gallery's permission rules and policies
