"""Contest-level judging configuration: how results are computed, the rubric, and judges' affiliations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gallery.judging.models.guards import RoundLocked
from gallery.judging.models.results import Result

TIE_BREAK_KEYS = {
    "median": _("higher median"),
    "top_marks": _("more top marks"),
    "officers": _("officers' decision"),
}


FROZEN_SETTINGS = _("The results of this contest are approved: how they are computed can no longer change.")


class JudgingSettings(models.Model):
    """How a contest's results are computed. Kept here, not on the contest page, so judging stays separable."""

    class Method(models.TextChoices):
        MEAN = "mean", _("Mean of the judges")
        MEDIAN = "median", _("Median of the judges")

    contest = models.OneToOneField(
        "gallery.ContestPage", verbose_name=_("contest"), on_delete=models.CASCADE, related_name="judging_settings"
    )
    method = models.CharField(_("aggregation"), max_length=8, choices=Method.choices, default=Method.MEAN)
    normalise = models.BooleanField(
        _("normalise each judge (z-score)"),
        default=False,
        help_text=_("Evens out lenient and harsh judges by rescaling each judge's scores to the common scale."),
    )
    tie_break_order = models.CharField(
        _("tie-break order"),
        max_length=80,
        default="median,top_marks,officers",
        help_text=_("Comma-separated, applied in order: median, top_marks, officers."),
    )
    honourable_mentions = models.PositiveSmallIntegerField(_("honourable mentions"), default=3)
    disagreement_threshold = models.DecimalField(
        _("disagreement threshold"),
        max_digits=4,
        decimal_places=2,
        default=0.3,
        # A negative share would flag every entry, even one all judges agree on.
        validators=[MinValueValidator(0)],
        help_text=_("Flag an entry when its judges' scores spread more than this share of the scale."),
    )

    class Meta:
        verbose_name = _("judging settings")
        verbose_name_plural = _("judging settings")

    def __str__(self):
        return str(self.contest)

    def save(self, *args, **kwargs):
        # A contest approved without settings of its own gets the defaults it was computed with (for_contest).
        if self.pk is not None and self.results_approved():
            raise RoundLocked(FROZEN_SETTINGS)
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.results_approved():
            raise RoundLocked(FROZEN_SETTINGS)
        return super().delete(*args, **kwargs)

    @property
    def tie_breaks(self):
        return [key.strip() for key in self.tie_break_order.split(",") if key.strip()]

    def clean(self):
        if self.results_approved():
            raise ValidationError(FROZEN_SETTINGS)
        unknown = [key for key in self.tie_breaks if key not in TIE_BREAK_KEYS]
        if unknown:
            raise ValidationError({"tie_break_order": _("Unknown tie-break: %(keys)s.") % {"keys": ", ".join(unknown)}})

    def results_approved(self):
        """The contest's results (this row's stored contest or the one it is given) are approved: the live
        ranking and the exports of its rounds must keep computing them as they were approved."""
        contest_ids = {self.contest_id}
        if self.pk is not None:
            contest_ids |= set(JudgingSettings.objects.filter(pk=self.pk).values_list("contest_id", flat=True))
        return Result.objects.filter(contest_id__in=contest_ids - {None}).exists()

    @classmethod
    def for_contest(cls, contest):
        return cls.objects.get_or_create(contest=contest)[0]


class Criterion(models.Model):
    """One line of a contest's rubric. Copied into each round when it opens (RoundCriterion)."""

    contest = models.ForeignKey(
        "gallery.ContestPage", verbose_name=_("contest"), on_delete=models.CASCADE, related_name="judging_criteria"
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=10)
    required = models.BooleanField(_("required"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["contest", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(condition=models.Q(scale_max__gt=models.F("scale_min")), name="criterion_scale"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self):
        return self.name


class JudgeProfile(models.Model):
    """A judge's ties to facilities or regions: they are never assigned works from those."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("judge"), on_delete=models.CASCADE, related_name="judge_profile"
    )
    facilities = models.ManyToManyField(
        "gallery.Facility", verbose_name=_("affiliated facilities"), blank=True, related_name="+"
    )
    regions = models.ManyToManyField(
        "gallery.Region", verbose_name=_("affiliated regions"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("judge profile")
        verbose_name_plural = _("judge profiles")

    def __str__(self):
        return str(self.user)
