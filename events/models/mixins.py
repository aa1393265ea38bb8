from django.db import models
from django.utils.translation import gettext_lazy as _


def hero_image_field():
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page and when the page is shared."),
    )


class SharedPageMixin:
    """What base.html's OpenGraph and Twitter tags read: a share image and a one-line description."""

    @property
    def share_image(self):
        return getattr(self, "hero_image", None)

    @property
    def share_description(self):
        return self.search_description or getattr(self, "summary", "") or getattr(self, "intro", "")
