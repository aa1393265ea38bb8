"""The exhibition in the Wagtail admin: works filled in from the results, takedowns, audit-log wording."""

from wagtail import hooks

from gallery.exhibition import admin_urls, audit, status
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


@hooks.register("contest_listing_status", order=-10)  # before judging's "results": this says where they are
def contest_results_in_exhibition(contests):
    return status.results_pages(contests)


@hooks.register("register_admin_urls")
def register_media_kit_url():
    return admin_urls.urlpatterns  # /admin/exhibition/<page_id>/media-kit.zip


@hooks.register("register_page_header_buttons")
def media_kit_header_button(page, user, view_name, next_url=None):
    return admin_urls.media_kit_buttons(page, user, priority=75)


@hooks.register("register_page_listing_more_buttons")
def media_kit_listing_button(page, user, next_url=None):
    return admin_urls.media_kit_buttons(page, user, priority=55)
