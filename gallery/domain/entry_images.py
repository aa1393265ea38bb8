"""Adding and removing the images of an entry: the cleaned file is stored, the row written, near-duplicates in
the same contest flagged, and the thumbnail (made from the same decoded pixels) stored once that is committed.

Both services lock the entry row and check what may still change under that lock, so two tabs cannot slip past
the limits together. Once an entry is submitted, every image change is in its audit log, and a change to an
entry the officers have already screened sends it back to screening.
"""

import functools
import uuid

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from gallery.domain.eligibility import EntryRefused, lock_entry, require_editable
from gallery.domain.screening import send_back_to_screening
from gallery.domain.thumbnails import store_thumbnail
from gallery.imaging import ImageLimits, ImageRejected, clean_image, looks_the_same
from gallery.models import Entry, EntryImage

MAX_IMAGES_PER_ENTRY = 5


def near_duplicate(contest, phash, exclude_entry=None):
    """An image of another entry in the same contest that looks almost the same, or None."""
    candidates = EntryImage.objects.filter(entry__contest=contest).only("pk", "phash", "entry_id")
    if exclude_entry is not None:
        candidates = candidates.exclude(entry=exclude_entry)
    for candidate in candidates.iterator():
        if looks_the_same(phash, candidate.phash):
            return candidate
    return None


def image_with_key(entry, upload_key):
    """The image an earlier upload with this idempotency key stored in the entry, or None."""
    if not upload_key:
        return None
    image = EntryImage.objects.filter(entry=entry, upload_key=upload_key).first()
    if image is not None:
        image.sent_back_to_screening = False
        image.repeated = True
    return image


def add_entry_image(entry, source, *, user=None, now=None, officer_override=False, position=None, upload_key=""):
    """Clean `source` and attach it to `entry`. On any failure nothing is left behind: no row, no file.

    The entry must still be open for changes at `now` (the offline import overrides the deadline). Returns the
    stored EntryImage; its `sent_back_to_screening` tells whether the entry went back to the officers, and its
    `repeated` whether `upload_key` had already stored it (then nothing changed).
    """
    now = now or timezone.now()
    earlier = image_with_key(entry, upload_key)
    if earlier is not None:
        return earlier
    clean = clean_image(source, ImageLimits.for_contest(entry.contest))  # the slow part, before any lock
    storage = EntryImage._meta.get_field("file").storage
    stored_name = None
    try:
        with transaction.atomic():
            locked = lock_entry(entry)
            require_editable(locked, now, officer_override=officer_override)
            earlier = image_with_key(locked, upload_key)  # a repeat that raced the first one
            if earlier is not None:
                return earlier
            _refuse_same_bytes(locked, clean.sha256)
            existing = list(locked.images.values_list("position", flat=True))
            if len(existing) >= MAX_IMAGES_PER_ENTRY:
                raise ImageRejected(
                    _("An entry has at most %(count)s images.") % {"count": MAX_IMAGES_PER_ENTRY}, code="too_many"
                )
            if position is None:
                position = max(existing, default=-1) + 1
            name = f"entries/{locked.contest.code}/{uuid.uuid4().hex}.{clean.extension}"
            stored_name = storage.save(name, File(clean.file, name=name))
            image = EntryImage.objects.create(
                entry=locked,
                position=position,
                file=stored_name,
                format=clean.format,
                width=clean.width,
                height=clean.height,
                byte_size=clean.byte_size,
                sha256=clean.sha256,
                phash=clean.phash,
                near_duplicate_of=near_duplicate(locked.contest, clean.phash, exclude_entry=locked),
                upload_key=upload_key,
            )
            image.repeated = False
            image.sent_back_to_screening = _record_image_change(
                locked, user, "gallery.entry.image_add", image, cause="image added"
            )
            # After the commit, so a caller's rollback (the offline import of a failing row) leaves no file.
            # Robust: if the write fails, the image is kept and its thumbnail made from the original later.
            transaction.on_commit(functools.partial(store_thumbnail, image, clean.thumbnail), robust=True)
    except BaseException:
        if stored_name:
            storage.delete(stored_name)
        raise
    finally:
        clean.close()
    return image


def _refuse_same_bytes(locked_entry, sha256):
    """The pipeline's output is deterministic: the same file sent twice has the same cleaned SHA-256."""
    positions = list(locked_entry.images.order_by("position", "pk").values_list("sha256", flat=True))
    if sha256 in positions:
        raise ImageRejected(
            _("This image is already in this entry (image %(number)s). It was not added a second time.")
            % {"number": positions.index(sha256) + 1},
            code="duplicate",
        )


def remove_entry_image(entry, image_pk, user, now=None):
    """Remove one image of an entry. A submitted entry keeps at least one: the images are counted under the
    lock on the entry, so two removals at once cannot both pass. Returns True when the entry went back to
    screening."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = lock_entry(entry)
        require_editable(locked, now)
        image = locked.images.filter(pk=image_pk).first()
        if image is None:
            raise EntryRefused(_("This image has already been removed."), code="gone")
        if locked.state == Entry.State.SUBMITTED and locked.images.count() <= 1:
            raise EntryRefused(_("A submitted entry keeps at least one image."), code="last_image")
        delete_image_and_files(image)
        return _record_image_change(locked, user, "gallery.entry.image_remove", image, cause="image removed")


def delete_image_and_files(image):
    """Delete an image row now and its files once the deletion is committed."""
    storage = image.file.storage
    names = [name for name in (image.file.name, image.thumbnail.name) if name]
    image.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def _record_image_change(locked_entry, user, action, image, *, cause):
    """Drafts are the facility's own business; once submitted, image changes are logged and re-screened."""
    if locked_entry.state != Entry.State.SUBMITTED:
        return False
    log(locked_entry, action, user=user, data={"reference": locked_entry.reference, "sha256": image.sha256})
    return send_back_to_screening(locked_entry, user, cause)


MOVES = ("up", "down", "first")


def move_entry_image(entry, image_pk, move, user, now=None):
    """Reorder an entry's images: one place earlier or later, or first (the work itself; the others are details).
    Positions are renumbered 0..n-1 under the lock on the entry. A submitted entry whose work changes goes back
    to screening; moving details does not. Returns True when the entry went back to screening."""
    if move not in MOVES:
        raise ValueError(f"Unknown move: {move}")
    now = now or timezone.now()
    with transaction.atomic():
        locked = lock_entry(entry)
        require_editable(locked, now)
        images = list(locked.images.order_by("position", "pk"))
        index = next((number for number, image in enumerate(images) if image.pk == image_pk), None)
        if index is None:
            raise EntryRefused(_("This image has already been removed."), code="gone")
        previous_work = images[0]
        moving = images.pop(index)
        target = {"up": max(index - 1, 0), "down": min(index + 1, len(images)), "first": 0}[move]
        images.insert(target, moving)
        for position, image in enumerate(images):
            if image.position != position:
                image.position = position
                image.save(update_fields=["position"])
        if images[0].pk == previous_work.pk:
            return False
        return _record_image_change(locked, user, "gallery.entry.image_move", images[0], cause="the work changed")
