from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """What the public site calls itself and the image it shares when a page has none of its own."""

    site_name = models.CharField(_("site name"), max_length=100, default="Vitrine")
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    default_share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("site_name"), FieldPanel("tagline"), FieldPanel("default_share_image")]

    class Meta:
        verbose_name = _("site identity")
