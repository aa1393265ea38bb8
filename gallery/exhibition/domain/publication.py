"""What publishing and unpublishing an exhibition does to public files and caches.

Publishing (and every later publication of a new revision) makes the public files of the works shown, in a
background task, which ends by purging the cached pages that show the exhibition (its works appear once their
files exist); files of works the live page no longer holds are deleted. Unpublishing deletes them all.
"""

from core.caching import purge_page_and_listings
from gallery.exhibition.domain import public_files
from gallery.exhibition.domain.showing import shown_entries, shown_exhibition
from gallery.exhibition.models import ExhibitionPage, PublicRendition


def shown_image_ids(page):
    """The entry images the live page would show, whether or not their files exist yet."""
    rows = list(page.works.prefetch_related("images__entry_image"))
    allowed = set(shown_entries([row.entry_id for row in rows]).values_list("pk", flat=True))
    return [
        image.entry_image
        for row in rows
        if row.entry_id in allowed and (row.award or page.show_all_eligible)
        for image in row.images.all()
    ]


def make_public_files(page_pk):
    """Bring the public files of a live exhibition in line with what it shows. Idempotent."""
    page = ExhibitionPage.objects.live().filter(pk=page_pk).first()
    if page is None:
        return 0
    images = shown_image_ids(page)
    made = sum(public_files.ensure_renditions(image) for image in images)
    stale = PublicRendition.objects.filter(entry_image__entry__contest_id=page.contest_id).exclude(
        entry_image__in=[image.pk for image in images]
    )
    public_files.delete_renditions(stale.values_list("entry_image_id", flat=True))
    public_files.ensure_share_images(page, shown_exhibition(page))
    purge_page_and_listings(page)  # works whose images are ready now show
    return made


def withdraw_public_files(page):
    """The exhibition is no longer public: delete every public file of it."""
    public_files.delete_renditions(
        PublicRendition.objects.filter(entry_image__entry__contest_id=page.contest_id).values_list(
            "entry_image_id", flat=True
        )
    )
    public_files.delete_share_images(page)  # the pages are purged by core.cache_signals, as any unpublished page
