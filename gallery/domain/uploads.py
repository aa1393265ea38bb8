"""Resumable uploads (the tus protocol's creation, offset, PATCH and termination): an image arrives in parts
over as many requests, app servers and page reloads as the link needs, then goes through the same pipeline as
a plain upload (entry_images.add_entry_image), once.

Everything a later request needs is in the UploadSession row and in private storage (a local folder or an S3
bucket alike): the parts are named by the offset they start at and listed on the row, which is locked while an
offset moves, so two requests for the same offset cannot both be counted. The idempotency key of a session is
the key of the image it stores: creating or finishing the same upload twice gives the same image.
"""

import tempfile
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from gallery.domain.eligibility import EntryRefused, lock_entry, require_editable
from gallery.domain.entry_images import MAX_IMAGES_PER_ENTRY, add_entry_image
from gallery.models import UploadSession
from gallery.models.upload import part_storage

READ_BLOCK = 64 * 1024
# Processing an image takes seconds; a session still processing after this was abandoned by its server.
ABANDONED_AFTER = timedelta(minutes=5)
# Unfinished uploads an entry may hold at once: room for every slot twice, not for filling the storage.
MAX_UNFINISHED_PER_ENTRY = 2 * MAX_IMAGES_PER_ENTRY


class UploadTooLarge(DomainError):
    """More bytes than the contest accepts, or than the upload announced."""


class OffsetMismatch(DomainError):
    """The bytes do not start where the upload stands (another request moved it, or a stale client)."""


def _expiry(now):
    return now + timedelta(hours=settings.VITRINE_UPLOAD_EXPIRY_HOURS)


def start_upload(entry, user, key, length, now=None):
    """The session for this entry, user and idempotency key: the existing one if it is still usable, else a new
    one. Refused before any byte is sent when the entry cannot take another image of that size."""
    now = now or timezone.now()
    limit = entry.contest.max_upload_bytes
    if length > limit:
        raise UploadTooLarge(
            _("The file is larger than the limit of %(limit)s. Please send a smaller image.")
            % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    if length == 0:
        raise EntryRefused(_("The file is empty. Please choose the image again."), code="empty")
    with transaction.atomic():
        locked = lock_entry(entry)
        require_editable(locked, now)
        session = UploadSession.objects.filter(entry=locked, user=user, key=key).first()
        if session is not None and _usable(session, length, now):
            return session, False
        if session is not None:
            session.delete()  # expired, cancelled by a removal, or another file under a reused key
        unfinished = UploadSession.objects.filter(entry=locked, state=UploadSession.State.RECEIVING, expires_at__gt=now)
        if unfinished.count() >= MAX_UNFINISHED_PER_ENTRY:
            raise EntryRefused(
                _("This entry has too many unfinished uploads. Continue or cancel one of them, or try again tomorrow."),
                code="too_many_uploads",
            )
        if locked.images.count() >= MAX_IMAGES_PER_ENTRY:
            raise EntryRefused(
                _("An entry has at most %(count)s images.") % {"count": MAX_IMAGES_PER_ENTRY}, code="too_many"
            )
        session = UploadSession.objects.create(entry=locked, user=user, key=key, length=length, expires_at=_expiry(now))
    return session, True


def _usable(session, length, now):
    if session.expires_at <= now or session.length != length:
        return False
    if session.state == UploadSession.State.DONE:
        return session.image_id is not None  # the image it stored was removed since: a new upload may start
    return session.state != UploadSession.State.REFUSED


def receive(session, offset, stream, declared, now=None):
    """Store the bytes of one PATCH that starts at `offset`. `stream` gives at most `declared` bytes; fewer
    arrive when the link drops, and those are kept (the client resumes after them). Returns the session, after
    running the image pipeline if these were the last bytes."""
    now = now or timezone.now()
    if session.state != UploadSession.State.RECEIVING or offset != session.offset:
        raise OffsetMismatch(_("This part of the file was already received."), code="offset")
    if declared > session.length - offset:
        raise UploadTooLarge(_("More bytes were sent than the upload announced."), code="overrun")
    storage = part_storage()
    name = None
    with tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE) as buffer:
        received = _copy(stream, buffer, declared)
        if received == 0:
            return session
        buffer.seek(0)
        name = storage.save(f"uploads/{session.pk.hex}/{offset:012d}-{uuid.uuid4().hex[:8]}", File(buffer))
    try:
        with transaction.atomic():
            locked = UploadSession.objects.select_for_update().get(pk=session.pk)
            if locked.state != UploadSession.State.RECEIVING or locked.offset != offset:
                raise OffsetMismatch(_("This part of the file was already received."), code="offset")
            locked.parts = [*locked.parts, name]
            locked.offset = offset + received
            locked.expires_at = _expiry(now)
            if locked.offset == locked.length:
                locked.state = UploadSession.State.PROCESSING
            locked.save(update_fields=["parts", "offset", "expires_at", "state"])
    except BaseException:
        storage.delete(name)
        raise
    if locked.state == UploadSession.State.PROCESSING:
        return finish(locked, now)
    return locked


def _copy(stream, buffer, declared):
    received = 0
    while received < declared:
        block = stream.read(min(READ_BLOCK, declared - received))
        if not block:
            break
        buffer.write(block)
        received += len(block)
    return received


def finish(session, now=None):
    """All bytes are in: join the parts and add the image, or record why it was refused. The parts are deleted
    either way; the session keeps the outcome until it expires, so a repeated request gets the same answer."""
    storage = part_storage()
    names = list(session.parts)
    with tempfile.TemporaryFile() as joined:
        for name in names:
            with storage.open(name, "rb") as part:
                for block in iter(lambda: part.read(READ_BLOCK), b""):
                    joined.write(block)
        joined.seek(0)
        try:
            with transaction.atomic():
                image = add_entry_image(
                    session.entry, File(joined, name="upload"), user=session.user, now=now, upload_key=session.key
                )
                _record(session, UploadSession.State.DONE, image=image, message=added_message(image))
        except DomainError as refused:
            _record(session, UploadSession.State.REFUSED, message=str(refused))
            session.refusal = refused
            return session
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
    session.added = image
    return session


def added_message(image):
    """What the facility is told once an image is in, whichever way it came."""
    if getattr(image, "repeated", False):
        return str(_("This image was already added; it was not stored a second time."))
    message = str(_("Image added."))
    if image.sent_back_to_screening:
        message += " " + str(_("The officers had already screened this entry: it goes back to them for screening."))
    return message


def finish_if_abandoned(session, now=None):
    """A session left processing for minutes (the app server that took its last byte stopped midway) is
    processed again by whoever asks: the row is claimed under its lock, so only one request does it."""
    now = now or timezone.now()
    last_activity = session.expires_at - timedelta(hours=settings.VITRINE_UPLOAD_EXPIRY_HOURS)
    if session.state != UploadSession.State.PROCESSING or now - last_activity < ABANDONED_AFTER:
        return session
    with transaction.atomic():
        claimed = UploadSession.objects.select_for_update().filter(pk=session.pk, expires_at=session.expires_at)
        if not claimed.update(expires_at=_expiry(now)):
            return session  # another request claimed it first
    session.refresh_from_db()
    return finish(session, now)


def _record(session, state, image=None, message=""):
    names = list(session.parts)
    session.state, session.image, session.message, session.parts = state, image, message, []
    session.save(update_fields=["state", "image", "message", "parts"])
    if state == UploadSession.State.REFUSED:
        storage = part_storage()
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


def cancel(session):
    """Termination: the session and its parts go (an image it already stored stays; removing it is separate)."""
    session.delete()


def delete_expired(now=None):
    """Forget unfinished uploads nobody continued: returns how many sessions were deleted with their parts."""
    now = now or timezone.now()
    count = 0
    for session in UploadSession.objects.filter(expires_at__lte=now).iterator():
        with transaction.atomic():
            session.delete()
        count += 1
    return count
