"""The people who use Vitrine, as Django groups, kept in step with the code after every migrate.

Communication officers run the Wagtail admin; facility staff and judges never reach it: they work in
/portal/ and /judging/, where each app's rule book decides object by object.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_noop

OFFICERS = gettext_noop("Communication officers")
JUDGES = gettext_noop("Judges")
FACILITY_STAFF = gettext_noop("Facility staff")

# Model permissions per role, as "app_label.codename". Page, image and document rights are granted on the
# page tree and the root collection below.
ROLE_PERMISSIONS = {
    OFFICERS: [
        "wagtailadmin.access_admin",
        "wagtailcore.view_locale",
        "wagtailsnippets.view_snippet",
        "gallery.*",
        "judging.*",
        "events.*",
    ],
    JUDGES: [],
    FACILITY_STAFF: [],
}
# No publish_page: an officer's page goes live only when a second officer approves it in the editorial
# workflow (events.workflow). Administrators (superusers) can still publish directly, e.g. for a takedown.
OFFICER_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
OFFICER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _permissions(spec):
    app_label, codename = spec.split(".", 1)
    queryset = Permission.objects.filter(content_type__app_label=app_label)
    return queryset if codename == "*" else queryset.filter(codename=codename)


def ensure_roles_after_migrate(sender, **kwargs):
    ensure_roles()


def ensure_roles():
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    # A flushed database (transactional tests) may have emptied the content types behind a warm cache.
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
    for app_config in apps.get_app_configs():  # permissions of apps migrated after this one
        create_permissions(app_config, verbosity=0)

    groups = {}
    for name, specs in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for spec in specs:
            group.permissions.add(*_permissions(spec))
        groups[name] = group

    officers = groups[OFFICERS]
    root_page = Page.get_first_root_node()
    if root_page is not None:
        # Page rights follow the list exactly, so a right taken out of the code is taken from the group too.
        GroupPagePermission.objects.filter(group=officers).exclude(
            permission__codename__in=OFFICER_PAGE_PERMISSIONS
        ).delete()
        for codename in OFFICER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=officers,
                page=root_page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codename in OFFICER_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=officers,
                collection=root_collection,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
            )
    return groups
