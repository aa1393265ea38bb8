from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from core import shared_fragments


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """What the public site calls itself and the image it shares when a page has none of its own."""

    site_name = models.CharField(_("site name"), max_length=100, default="Vitrine")
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("The office that runs the site, as printed on award certificates. Empty: the site name."),
    )
    default_share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("tagline"),
        FieldPanel("organisation"),
        FieldPanel("default_share_image"),
    ]

    class Meta:
        verbose_name = _("site identity")

    @classmethod
    def for_request(cls, request):
        """Every page shows the identity: kept until the next site-wide purge, which saving it causes
        (core.shared_fragments), instead of a query per page rendered."""
        attr_name = cls.get_cache_attr_name()
        site = Site.find_for_request(request)
        if site is None or hasattr(request, attr_name):
            return super().for_request(request)
        identity = shared_fragments.remember("identity", lambda: cls.for_site(site), site.pk)
        identity._request = request  # as Wagtail's own for_request: page URLs from the request's site
        setattr(request, attr_name, identity)
        return identity


class RoleGrant(models.Model):
    """A default right that core.roles has given a role once. It is never given again, so a right an
    administrator takes from a group stays taken, while a right new in the code reaches existing groups."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=150)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "key"], name="core_role_grant_unique")]

    def __str__(self):
        return f"{self.group}: {self.key}"


class PeriodicRun(models.Model):
    """One run of a periodic job (core.scheduling) for one slot of its schedule. The unique slot is what keeps two
    schedulers (or a restarted one) from running a job twice: only the one that inserts the row runs it."""

    class Outcome(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    job = models.CharField(_("job"), max_length=100)
    slot = models.DateTimeField(_("scheduled for"))
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.RUNNING)
    output = models.TextField(_("output"), blank=True)

    class Meta:
        verbose_name = _("periodic job run")
        ordering = ["-slot", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="core_periodic_run_once_per_slot")]

    def __str__(self):
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"
