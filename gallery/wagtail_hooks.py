"""The officers' side of the intake in the Wagtail admin: facilities, entries, screening and extensions."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from gallery import audit
from gallery.admin_views import IntakeViewSetGroup


@hooks.register("register_log_actions")
def register_intake_log_actions(actions):
    audit.register_actions(actions)


@hooks.register("register_admin_viewset")
def register_intake_viewsets():
    return IntakeViewSetGroup()


@hooks.register("insert_global_admin_css")
def intake_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("gallery/admin.css"))


@hooks.register("insert_global_admin_js")
def intake_admin_js():
    return format_html('<script src="{}" defer></script>', static("gallery/admin.js"))
