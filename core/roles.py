"""The people who use Vitrine, as Django groups, and the rights each role starts with.

Communication officers run the Wagtail admin; facility staff and judges never reach it: they work in
/portal/ and /judging/, where each app's rule book (gallery/rules.py, gallery/judging/rules.py) decides object
by object. Roles grant named permissions, never whole apps. Each default right is given once (core.RoleGrant):
an administrator who takes a right from a group keeps it taken, and a right added here later still arrives.
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


def _managed(app_label, *models):
    """Full management (view, add, change, delete) of these models."""
    return [f"{app_label}.{action}_{model}" for model in models for action in ("view", "add", "change", "delete")]


# Model permissions per role, as "app_label.codename". Page, image and document rights are granted on the
# page tree and the root collection below.
ROLE_PERMISSIONS = {
    OFFICERS: [
        "wagtailadmin.access_admin",
        "wagtailcore.view_locale",
        *_managed("events", "person"),
        # Intake: facilities and their staff, deadline extensions; entries are screened, never added or deleted.
        *_managed("gallery", "region", "facility", "facilitymembership", "contestextension"),
        "gallery.view_entry",
        "gallery.change_entry",
        "gallery.view_entryimage",
        # Judging: set up rounds and rubrics, follow them, approve results (adding a Result freezes them).
        *_managed("judging", "round", "criterion", "judgingsettings", "judgeprofile"),
        "judging.view_result",
        "judging.add_result",
        "judging.view_judge_names",
        # Exhibition: take a work down at once (final, audited), list takedowns.
        "exhibition.view_takedown",
        "exhibition.add_takedown",
        # The periodic jobs' runs (core.scheduling): what ran and what failed.
        "core.view_periodicrun",
        # Sign-in lockouts (django-axes): see them, lift one.
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
    ],
    JUDGES: ["judging.act_as_judge"],
    FACILITY_STAFF: [],
}
# No publish_page: an officer's page goes live only when a second officer approves it in the editorial
# workflow (events.moderation). Administrators (superusers) can still publish directly, e.g. for a takedown.
OFFICER_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
OFFICER_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]


def _permission(spec):
    app_label, codename = spec.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_roles_after_migrate(sender, **kwargs):
    ensure_roles()


def ensure_roles():
    """Create the role groups and give each default right that was never given before. Returns the groups."""
    # Imported here: Wagtail's models import the workflow settings, which import this module's role names.
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    RoleGrant = apps.get_model("core", "RoleGrant")
    # A flushed database (transactional tests) may have emptied the content types behind a warm cache.
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLE_PERMISSIONS}
    granted = set(RoleGrant.objects.values_list("group_id", "key"))

    def grant_once(group, key, give):
        if (group.pk, key) not in granted:
            give()
            RoleGrant.objects.create(group=group, key=key)

    for name, specs in ROLE_PERMISSIONS.items():
        group = groups[name]
        for spec in specs:
            grant_once(group, f"model:{spec}", lambda group=group, spec=spec: group.permissions.add(_permission(spec)))

    officers = groups[OFFICERS]
    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in OFFICER_PAGE_PERMISSIONS:
            grant_once(
                officers,
                f"page:{codename}",
                lambda codename=codename: GroupPagePermission.objects.get_or_create(
                    group=officers, page=root_page, permission=_permission(f"wagtailcore.{codename}")
                ),
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for spec in OFFICER_COLLECTION_PERMISSIONS:
            grant_once(
                officers,
                f"collection:{spec}",
                lambda spec=spec: GroupCollectionPermission.objects.get_or_create(
                    group=officers, collection=root_collection, permission=_permission(spec)
                ),
            )
    return groups
