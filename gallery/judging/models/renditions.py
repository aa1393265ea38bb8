"""Judges' renditions of entry images: sized, metadata-free copies in private storage under opaque names, made
once in the background when a round opens, so a judge's screen never downloads an original."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage


class JudgingRendition(models.Model):
    class Size(models.TextChoices):
        VIEW = "view", _("screen")  # what the entry page shows
        ZOOM = "zoom", _("zoom")  # fetched only when the judge zooms in

    image = models.ForeignKey(
        "gallery.EntryImage", verbose_name=_("image"), on_delete=models.CASCADE, related_name="judging_renditions"
    )
    size = models.CharField(_("size"), max_length=4, choices=Size.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to="judging/")
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("judges' rendition")
        verbose_name_plural = _("judges' renditions")
        constraints = [models.UniqueConstraint(fields=["image", "size"], name="judging_rendition_unique")]

    def __str__(self):
        return f"{self.image_id} · {self.size}"
