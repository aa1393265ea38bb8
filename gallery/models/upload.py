import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage
from gallery.models.entry import Entry, EntryImage


class UploadSession(models.Model):
    """An image on its way into an entry over the tus protocol: the bytes received so far are parts in private
    storage (one per PATCH, named by offset), so any app server can take the next request and a dropped link
    or a reloaded page continues from `offset`. Once complete, the parts go through the image pipeline once."""

    class State(models.TextChoices):
        RECEIVING = "receiving", _("Receiving")
        PROCESSING = "processing", _("Processing")
        DONE = "done", _("Added")
        REFUSED = "refused", _("Refused")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entry = models.ForeignKey(Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("idempotency key"), max_length=64)
    length = models.PositiveBigIntegerField(_("length in bytes"))
    offset = models.PositiveBigIntegerField(_("bytes received"), default=0)
    parts = models.JSONField(_("stored parts"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.RECEIVING)
    message = models.TextField(_("reason refused"), blank=True)
    image = models.ForeignKey(
        EntryImage, verbose_name=_("image"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("upload session")
        verbose_name_plural = _("upload sessions")
        constraints = [
            models.UniqueConstraint(fields=["entry", "user", "key"], name="uploadsession_unique_key"),
        ]

    def __str__(self):
        return f"{self.entry_id}: {self.offset}/{self.length}"


def part_storage():
    return private_storage()


@receiver(post_delete, sender=UploadSession)
def _delete_parts(sender, instance, **kwargs):
    """A session deleted in any way (cancelled, expired, its draft deleted) takes its parts with it, once committed."""
    names = list(instance.parts or [])
    if names:
        storage = part_storage()
        transaction.on_commit(lambda: [storage.delete(name) for name in names])
