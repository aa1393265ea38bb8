from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo campaigns loaded by `manage.py seed_demo`: installed in development and tests only."""

    name = "demo"
    verbose_name = _("Demo content")
