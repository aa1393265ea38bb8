from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionConfig(AppConfig):
    """The public end of a contest: its winning works in an online exhibition, share images, certificates.
    Builds on the contest's frozen results (gallery.judging); nothing below it depends on it."""

    name = "gallery.exhibition"
    label = "exhibition"
    verbose_name = _("Exhibition")

    def ready(self):
        from gallery.exhibition import rules, signals  # noqa: F401 - registers rules and policies, connects signals
