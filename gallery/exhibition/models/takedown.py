"""A work withdrawn from public view, by an officer or by its facility withdrawing the artist's consent. Kept
outside the page's revisions on purpose: publishing an older draft can never bring a withdrawn work back."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Takedown(models.Model):
    class Source(models.TextChoices):
        OFFICER = "officer", _("Taken down by an officer")
        CONSENT = "consent", _("Consent withdrawn by the facility")

    entry = models.OneToOneField(
        "gallery.Entry", verbose_name=_("entry"), on_delete=models.PROTECT, related_name="takedown"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("taken down by"), on_delete=models.PROTECT, related_name="+"
    )
    taken_down_at = models.DateTimeField(_("taken down at"), auto_now_add=True)

    class Meta:
        verbose_name = _("takedown")
        verbose_name_plural = _("takedowns")

    def __str__(self):
        return f"{self.entry} ({self.get_source_display()})"
