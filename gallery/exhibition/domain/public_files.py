"""Making and deleting an exhibition's public files: renditions of the shown images and the share images.

Files are made only for works that are published and shown (domain/showing.py), in a background task
(tasks.py), never in a public request. Names are opaque and derived from the original's hash, so making them
again finds the same names: a name that exists is reused, never overwritten. Every file has its row, so a
takedown or an unpublished exhibition finds and deletes every one of them.
"""

import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from gallery.exhibition import renditions as making
from gallery.exhibition import share_images
from gallery.exhibition.models import PublicRendition, ShareImage

logger = logging.getLogger(__name__)
# The rendition a share image is made from: big enough for 1200 px wide cards.
SHARE_SOURCE_WIDTH = 1440


def public_formats():
    """The formats of the public images (settings.VITRINE_EXHIBITION_FORMATS), always with JPEG for old browsers."""
    formats = [fmt.strip().upper() for fmt in settings.VITRINE_EXHIBITION_FORMATS if fmt.strip()]
    return tuple(dict.fromkeys([*formats, "JPEG"]))


def _store(name, data):
    """Write `data` under `name` in public storage unless a file is there already (same name, same pixels)."""
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:  # the storage would have renamed it: never keep a second copy under another name
            default_storage.delete(saved)
            raise RuntimeError(f"Public storage refused the name {name}.")
    return name


def ensure_renditions(entry_image):
    """Make the public renditions of one image that are not there yet. Returns how many were made."""
    have = set(PublicRendition.objects.filter(entry_image=entry_image).values_list("format", "width"))
    formats = public_formats()
    wanted = {(fmt, width) for width in making.rendition_widths(entry_image.width) for fmt in formats}
    if wanted <= have:
        return 0
    made = []
    try:
        with entry_image.file.open("rb") as original:
            for rendition in making.public_renditions(original, formats=formats):
                if (rendition.format, rendition.width) in have:
                    continue
                name = _store(making.opaque_name(entry_image.sha256, rendition.width, rendition.format), rendition.data)
                made.append(
                    PublicRendition(
                        entry_image=entry_image,
                        format=rendition.format,
                        width=rendition.width,
                        height=rendition.height,
                        file=name,
                        byte_size=rendition.byte_size,
                    )
                )
        PublicRendition.objects.bulk_create(made, ignore_conflicts=True)
    except BaseException:
        for rendition in made:
            default_storage.delete(rendition.file.name)
        raise
    return len(made)


def delete_renditions(entry_image_ids):
    """Delete the public files of these images, and their rows. Returns the names deleted."""
    rows = list(PublicRendition.objects.filter(entry_image_id__in=entry_image_ids))
    return _delete_files(rows)


def _delete_files(rows):
    names = [row.file.name for row in rows]
    for row in rows:
        row.delete()
        transaction.on_commit(lambda name=row.file.name: default_storage.delete(name))
    return names


def _share_source(entry_image_id):
    """The stored JPEG rendition a share image is made from (the one nearest SHARE_SOURCE_WIDTH)."""
    jpegs = PublicRendition.objects.filter(entry_image_id=entry_image_id, format="JPEG")
    return jpegs.filter(width__gte=SHARE_SOURCE_WIDTH).order_by("width").first() or jpegs.order_by("-width").first()


def _share_name(data):
    return making.opaque_name(hashlib.sha256(data).hexdigest(), share_images.SHARE_SIZE[0], "JPEG").replace(
        "exhibition/", "exhibition/share/", 1
    )


def _replace_share_image(page, entry_id, data):
    old = ShareImage.objects.filter(page=page, entry_id=entry_id).first()
    name = _store(_share_name(data), data)
    if old is not None and old.file.name == name:
        return old
    if old is not None:
        _delete_files([old])
    width, height = share_images.SHARE_SIZE
    return ShareImage.objects.create(page=page, entry_id=entry_id, file=name, width=width, height=height)


def ensure_share_images(page, shown):
    """The exhibition's collage of its first winners and a card per shown work; stale ones are replaced."""
    featured = (shown.winners or shown.works)[: share_images.MAX_COLLAGE_IMAGES]
    sources = [(work, _share_source(work.first_image_id)) for work in shown.works]
    by_entry = {work.entry_id: source for work, source in sources if source is not None}
    current = {share.entry_id: share for share in ShareImage.objects.filter(page=page)}
    for work, source in sources:
        share = current.get(work.entry_id)
        if source is None or (share is not None and share.source_name == source.file.name):
            continue
        with default_storage.open(source.file.name, "rb") as handle:
            data = share_images.work_card(handle)
        card = _replace_share_image(page, work.entry_id, data)
        ShareImage.objects.filter(pk=card.pk).update(source_name=source.file.name)
    collage_sources = [by_entry[work.entry_id] for work in featured if work.entry_id in by_entry]
    signature = ",".join(source.file.name for source in collage_sources)
    collage = current.get(None)
    if collage_sources and (collage is None or collage.source_name != signature):
        handles = [default_storage.open(source.file.name, "rb") for source in collage_sources]
        try:
            data = share_images.collage(handles)
        finally:
            for handle in handles:
                handle.close()
        made = _replace_share_image(page, None, data)
        ShareImage.objects.filter(pk=made.pk).update(source_name=signature)
    # Cards of works no longer shown go.
    shown_ids = {work.entry_id for work in shown.works}
    _delete_files([share for entry_id, share in current.items() if entry_id is not None and entry_id not in shown_ids])
    if not collage_sources and collage is not None:
        _delete_files([collage])


def delete_share_images(page, entry_ids=None):
    """Delete the page's share images: all of them, or the cards of these entries and the collage."""
    shares = ShareImage.objects.filter(page=page)
    if entry_ids is not None:
        shares = [share for share in shares if share.entry_id is None or share.entry_id in entry_ids]
    return _delete_files(list(shares))
