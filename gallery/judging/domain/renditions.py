"""Judges' renditions: which an image needs, making them once (in a background task: gallery.judging.tasks), and
finding the one to serve. A judge's image view never opens an original; while a rendition is missing it serves
the intake's thumbnail, or says the image is being prepared, and queues the work."""

import uuid

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from gallery.judging.models import JudgingRendition, RoundEntry
from gallery.judging.renditions import rendition_bytes
from gallery.models import EntryImage

# Long side in pixels: the screen size covers a large monitor; the zoom size is fetched only when zooming.
LONG_SIDE = {JudgingRendition.Size.VIEW: 2560, JudgingRendition.Size.ZOOM: 5120}


def sizes_for(image):
    """The renditions an image needs: the screen size always; a zoom size only when the original is larger."""
    sizes = [JudgingRendition.Size.VIEW]
    if max(image.width, image.height) > LONG_SIDE[JudgingRendition.Size.VIEW]:
        sizes.append(JudgingRendition.Size.ZOOM)
    return sizes


def ensure_renditions(image):
    """Make the image's missing renditions; returns how many were made. Safe to run twice at once: the unique
    constraint keeps the first, and the loser's file is deleted."""
    have = set(JudgingRendition.objects.filter(image=image).values_list("size", flat=True))
    made = 0
    for size in sizes_for(image):
        if size in have:
            continue
        with image.file.storage.open(image.file.name, "rb") as handle:
            content, width, height = rendition_bytes(handle, LONG_SIDE[size])
        storage = JudgingRendition._meta.get_field("file").storage
        name = storage.save(f"judging/{uuid.uuid4().hex}.jpg", ContentFile(content))
        try:
            with transaction.atomic():
                JudgingRendition.objects.create(image=image, size=size, file=name, width=width, height=height)
        except IntegrityError:  # another worker made it meanwhile: keep theirs
            storage.delete(name)
            continue
        made += 1
    return made


def images_of_round(round_id):
    """The images of a round's entries, for making their renditions."""
    entry_ids = RoundEntry.objects.filter(round_id=round_id).values("entry_id")
    return EntryImage.objects.filter(entry_id__in=entry_ids).only("pk", "file", "width", "height").order_by("pk")


def rendition_for(image, size):
    """The rendition to serve for `size`: itself, else (for the zoom) the screen size; None while none exists.
    An image no larger than the screen size has no zoom rendition: its screen rendition is its full size."""
    wanted = [size] if size == JudgingRendition.Size.VIEW else [size, JudgingRendition.Size.VIEW]
    found = {r.size: r for r in JudgingRendition.objects.filter(image=image, size__in=wanted).only("size", "file")}
    return next((found[s] for s in wanted if s in found), None)
