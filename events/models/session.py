from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class EventSession(models.Model):
    """One sitting of an event: a four-day webinar has four."""

    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Optional, e.g. Day 2: risk assessment.")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("title")]

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.title or f"{self.start:%Y-%m-%d %H:%M}"

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("A session must end after it starts.")})
