"""The officers' social media kit of a published exhibition, in the Wagtail admin: the download view, its URL
(registered by a `register_admin_urls` hook in wagtail_hooks.py) and its button in the page's header and the
page listing's "more" menu."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django.views.decorators.http import require_GET
from wagtail.admin.auth import require_admin_access
from wagtail.admin.widgets import Button

from gallery.exhibition.domain.media_kit import build_media_kit, kit_filename
from gallery.exhibition.models import ExhibitionPage

# Page ids are 32-bit in the database everywhere; a longer number is simply not a page (never a database error).
MAX_PAGE_ID = 2**31 - 1


@require_admin_access
@require_GET
def media_kit(request, page_id):
    """A zip of square and landscape pictures and captions in three languages for the exhibition's awarded works."""
    if not request.user.has_perm("exhibition.download_media_kit"):
        raise PermissionDenied
    if page_id > MAX_PAGE_ID:
        raise Http404
    page = ExhibitionPage.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404

    def page_url_for(language):
        with override(language):
            return page.get_full_url(request)

    spool = build_media_kit(page, page_url_for)
    response = FileResponse(spool, as_attachment=True, filename=kit_filename(page), content_type="application/zip")
    patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("exhibition/<int:page_id>/media-kit.zip", media_kit, name="exhibition_media_kit"),
]


def media_kit_buttons(page, user, priority=90):
    """The "Social media kit" button of a live exhibition, for officers who may download it (none otherwise)."""
    if page.specific_class is not ExhibitionPage or not page.live:
        return []
    if not user.has_perm("exhibition.download_media_kit"):
        return []
    return [
        Button(
            _("Social media kit"),
            reverse("exhibition_media_kit", args=[page.pk]),
            icon_name="download",
            attrs={"download": "", "title": _("Download square and landscape pictures and captions (zip)")},
            priority=priority,
        )
    ]
