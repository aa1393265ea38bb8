"""Taking a work down from public view: by an officer, or by its facility withdrawing the artist's consent.

Immediate and final: the takedown is recorded, the work's public files (renditions, its share card and the
exhibition's collage) are deleted, the audit log says who and why, and the caches are told to forget the pages.
The collage is made again without the work in the background.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.caching import purge_page_and_listings
from core.errors import DomainError
from gallery.exhibition.domain import public_files
from gallery.exhibition.models import ExhibitedWork, ExhibitionPage, Takedown
from gallery.exhibition.tasks import make_public_files
from gallery.models import Entry, EntryImage

MAX_REASON = 2000


def take_down(entry, user, reason, source=Takedown.Source.OFFICER):
    """Withdraw `entry` from public view for good. Returns the Takedown."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the work is taken down."))
    if len(reason) > MAX_REASON:
        raise DomainError(_("Keep the reason under %(limit)d characters.") % {"limit": MAX_REASON})
    with transaction.atomic():
        entry = Entry.objects.select_for_update().get(pk=entry.pk)
        if Takedown.objects.filter(entry=entry).exists():
            raise DomainError(_("This work is already withdrawn from public view."))
        takedown = Takedown.objects.create(entry=entry, source=source, reason=reason, taken_down_by=user)
        public_files.delete_renditions(EntryImage.objects.filter(entry=entry).values_list("pk", flat=True))
        exhibition = ExhibitionPage.objects.filter(contest_id=entry.contest_id).first()
        numbers = list(ExhibitedWork.objects.filter(entry=entry).values_list("number", flat=True))
        data = {"title": entry.title, "reason": reason, "source": source, "works": numbers}
        if exhibition is not None:
            public_files.delete_share_images(exhibition, {entry.pk})
            log(exhibition, "exhibition.take_down", user=user, data=data)
        log(entry, "exhibition.take_down", user=user, data=data)
    if exhibition is not None:
        purge_page_and_listings(exhibition)
        if exhibition.live:
            transaction.on_commit(lambda: make_public_files.enqueue(exhibition.pk))
    return takedown
