"""Production settings, unchanged but for the URL configuration that adds the minimal view to compare with."""

from vitrine.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchsite.urls"
