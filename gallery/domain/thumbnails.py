"""Thumbnails of entry images, kept in private storage. Intake makes each from the pixels it has just decoded
(gallery.imaging.clean_image) and stores it once the image's row is committed; images stored without one get
theirs from the cleaned original on first use."""

import uuid

from django.core.files.base import ContentFile

from gallery.imaging import thumbnail_bytes
from gallery.models import EntryImage


def ensure_thumbnail(image):
    """Generate the thumbnail once and keep it; returns its storage name."""
    if image.thumbnail:
        return image.thumbnail.name
    with image.file.storage.open(image.file.name, "rb") as handle:
        content = thumbnail_bytes(handle)
    return store_thumbnail(image, content)


def store_thumbnail(image, content):
    """Keep `content` (JPEG bytes) as the image's thumbnail unless it has one already; returns the name kept."""
    storage = image.file.storage
    name = storage.save(f"thumbnails/{uuid.uuid4().hex}.jpg", ContentFile(content))
    updated = EntryImage.objects.filter(pk=image.pk, thumbnail="").update(thumbnail=name)
    if not updated:  # another worker was quicker (keep theirs), or the image is gone
        storage.delete(name)
        name = EntryImage.objects.filter(pk=image.pk).values_list("thumbnail", flat=True).first() or ""
    image.thumbnail.name = name
    return name
