"""The exhibition in the Wagtail admin: works filled in from the results, takedowns, audit-log wording."""

from wagtail import hooks

from gallery.exhibition import audit
from gallery.exhibition.admin_views import TakedownViewSet
from gallery.exhibition.domain.curation import sync_works
from gallery.exhibition.models import ExhibitionPage


@hooks.register("register_log_actions")
def register_exhibition_log_actions(actions):
    audit.register_actions(actions)


@hooks.register("register_admin_viewset")
def register_takedowns():
    return TakedownViewSet()


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def fill_works_from_results(request, page):
    """A new exhibition (or one whose contest's results came after it) gets its works as a new draft."""
    if not isinstance(page, ExhibitionPage):
        return
    draft = page.get_latest_revision_as_object()
    if sync_works(draft):
        draft.save_revision(user=request.user)
