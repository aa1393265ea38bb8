"""Thumbnails of entry images, made once from the cleaned original and kept in private storage."""

import io
import uuid

from django.core.files import File

from gallery.imaging import thumbnail_bytes
from gallery.models import EntryImage


def ensure_thumbnail(image):
    """Generate the thumbnail once and keep it; returns its storage name."""
    if image.thumbnail:
        return image.thumbnail.name
    storage = image.file.storage
    with storage.open(image.file.name, "rb") as handle:
        content = thumbnail_bytes(handle)
    name = storage.save(f"thumbnails/{uuid.uuid4().hex}.jpg", File(io.BytesIO(content)))
    updated = EntryImage.objects.filter(pk=image.pk, thumbnail="").update(thumbnail=name)
    if not updated:  # another worker was quicker: keep theirs
        storage.delete(name)
        image.refresh_from_db(fields=["thumbnail"])
        return image.thumbnail.name
    image.thumbnail.name = name
    return name
