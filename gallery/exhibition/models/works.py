"""The works of an exhibition, as officers curate them: part of the page, so their order and alt texts go
through the editorial workflow with it. Rows are made from the contest's approved results (domain/curation.py);
officers reorder them by drag and drop and write the alt text of each image."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from gallery.exhibition.panels import SummaryPanel, hidden


class ExhibitedWork(Orderable, ClusterableModel):
    class Award(models.TextChoices):
        WINNER = "winner", _("Winner")
        HONOURABLE = "honourable", _("Honourable mention")
        SHOWN = "", _("Eligible entry")

    page = ParentalKey("exhibition.ExhibitionPage", on_delete=models.CASCADE, related_name="works")
    entry = models.ForeignKey("gallery.Entry", verbose_name=_("entry"), on_delete=models.PROTECT, related_name="+")
    # The work's address in the exhibition (works/<number>/): stable when the order changes, says nothing of
    # the entry, its facility or its reference.
    number = models.PositiveIntegerField(_("number"))
    award = models.CharField(_("award"), max_length=10, choices=Award.choices, blank=True, default="")
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)

    panels = [
        hidden("entry"),
        hidden("number"),
        hidden("award"),
        hidden("rank"),
        SummaryPanel("exhibition/admin/work_summary.html"),
        InlinePanel("images", heading=_("Images"), label=_("Image")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("exhibited work")
        verbose_name_plural = _("exhibited works")
        # Numbers are unique per page, checked by the page's form: not in the database, because publishing a draft
        # writes the rows anew before it deletes the old ones.

    def __str__(self):
        return f"{self.number}. {self.entry.title}" if self.entry_id else str(self.number)


class ExhibitedImage(Orderable):
    work = ParentalKey(ExhibitedWork, on_delete=models.CASCADE, related_name="images")
    entry_image = models.ForeignKey(
        "gallery.EntryImage", verbose_name=_("image"), on_delete=models.PROTECT, related_name="+"
    )
    alt_text = models.TextField(
        _("alt text"),
        blank=True,
        max_length=500,
        help_text=_(
            "What the image shows, for people who cannot see it: subject, colours, technique. Required to publish."
        ),
    )

    panels = [hidden("entry_image"), SummaryPanel("exhibition/admin/image_summary.html"), FieldPanel("alt_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("exhibited image")
        verbose_name_plural = _("exhibited images")

    def __str__(self):
        return self.alt_text or str(self.entry_image_id)
