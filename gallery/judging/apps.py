from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JudgingConfig(AppConfig):
    """Judging lives in its own app (label "judging") so scores reference entries by id only and
    can be stored, exported and reasoned about apart from who made a work or where it came from."""

    name = "gallery.judging"
    label = "judging"
    verbose_name = _("Judging")

    def ready(self):
        from gallery.judging import affiliations, cache_signals, rules  # noqa: F401 - registers judging's rules

        cache_signals.connect()
        affiliations.connect()
