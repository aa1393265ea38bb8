"""Files in public storage, made only when a work is published (domain/publication.py): the renditions of each
exhibited image and the share images. Names are opaque (renditions.opaque_name); rows let a takedown find and
delete every file of a work."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicRendition(models.Model):
    entry_image = models.ForeignKey(
        "gallery.EntryImage", verbose_name=_("image"), on_delete=models.PROTECT, related_name="public_renditions"
    )
    format = models.CharField(_("format"), max_length=8)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    file = models.FileField(_("file"), max_length=200, unique=True)
    byte_size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("public rendition")
        verbose_name_plural = _("public renditions")
        ordering = ["entry_image", "format", "width"]
        constraints = [
            models.UniqueConstraint(fields=["entry_image", "format", "width"], name="exhibition_rendition_unique")
        ]

    def __str__(self):
        return self.file.name


class ShareImage(models.Model):
    """A picture for links on social networks: the exhibition's collage (entry empty) or one work's card."""

    page = models.ForeignKey(
        "exhibition.ExhibitionPage", verbose_name=_("exhibition"), on_delete=models.CASCADE, related_name="+"
    )
    entry = models.ForeignKey(
        "gallery.Entry", verbose_name=_("entry"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file = models.FileField(_("file"), max_length=200, unique=True)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    # The renditions it was made from: when they change (a takedown, a new order), it is made again.
    source_name = models.CharField(_("made from"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("share image")
        verbose_name_plural = _("share images")
        constraints = [
            models.UniqueConstraint(fields=["page", "entry"], name="exhibition_share_image_unique"),
            models.UniqueConstraint(
                fields=["page"], condition=models.Q(entry=None), name="exhibition_share_collage_unique"
            ),
        ]

    def __str__(self):
        return self.file.name
