from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContestExtension(models.Model):
    """A later closing time granted by officers to one facility (e.g. after a lockdown or a power cut)."""

    contest = models.ForeignKey(
        "gallery.ContestPage", verbose_name=_("contest"), on_delete=models.CASCADE, related_name="extensions"
    )
    facility = models.ForeignKey(
        "gallery.Facility", verbose_name=_("facility"), on_delete=models.CASCADE, related_name="extensions"
    )
    closes_at = models.DateTimeField(_("submissions close for this facility"))
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        constraints = [
            models.UniqueConstraint(fields=["contest", "facility"], name="one_extension_per_facility"),
        ]

    def __str__(self):
        return f"{self.contest} · {self.facility}"
