"""The minimum a Vitrine database needs to serve pages: a locale, the page and collection roots, a home page
and a default site.

Migrations create these once. A database emptied since (Django's `flush`, which transactional tests use)
gets them back after the next migrate signal; a database that has any page is never touched.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType


def ensure_site_skeleton_after_migrate(sender, **kwargs):
    # This app migrates before the ones after it: their content types may not exist yet after a flush.
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
    ensure_site_skeleton()


def ensure_site_skeleton():
    from wagtail.models import Collection, Locale, Page, Site

    HomePage = apps.get_model("events", "HomePage")
    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if Page.objects.exists():
        return
    root = Page.add_root(title="Root", slug="root", locale=Locale.get_default())
    home = root.add_child(instance=HomePage(title="Vitrine", slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Vitrine")
