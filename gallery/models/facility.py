from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """An administrative region; contests may be open to whole regions and judges may be tied to one."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    code = models.SlugField(_("code"), max_length=12, unique=True, help_text=_("Short code, e.g. KAR."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class Facility(models.Model):
    """A correctional facility whose staff submit works on behalf of the people it holds."""

    class Kind(models.TextChoices):
        MINIMUM = "minimum", _("Minimum security")
        MEDIUM = "medium", _("Medium security")
        MAXIMUM = "maximum", _("Maximum security")
        WOMEN = "women", _("Women's facility")
        JUVENILE = "juvenile", _("Juvenile facility")
        PRETRIAL = "pretrial", _("Pre-trial detention")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        help_text=_("Short upper-case code used in entry references, e.g. KAR1."),
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="facilities")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEDIUM)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["region__name", "name"]
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")

    def __str__(self):
        return f"{self.name} ({self.code})"


class FacilityMembership(models.Model):
    """Links a staff user to the one facility they act for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="facility_membership",
    )
    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("facility staff membership")
        verbose_name_plural = _("facility staff memberships")

    def __str__(self):
        # A form shown again with its errors may hold a membership without its user or facility yet.
        user = self.user if self.user_id else "?"
        facility = self.facility if self.facility_id else "?"
        return f"{user} → {facility}"
