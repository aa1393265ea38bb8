"""The approved result of a contest: a frozen snapshot of the ranking, winners and honourable mentions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Result(models.Model):
    contest = models.OneToOneField(
        "gallery.ContestPage", verbose_name=_("contest"), on_delete=models.PROTECT, related_name="judging_result"
    )
    round = models.ForeignKey(
        "judging.Round", verbose_name=_("ranked round"), on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), auto_now_add=True)
    method = models.JSONField(_("how it was computed"), default=dict)

    class Meta:
        verbose_name = _("approved result")
        verbose_name_plural = _("approved results")
        permissions = [("view_judge_names", _("Can see judges' names in results and exports"))]

    def __str__(self):
        return str(self.contest)


class ResultRow(models.Model):
    class Award(models.TextChoices):
        WINNER = "winner", _("Winner")
        HONOURABLE = "honourable", _("Honourable mention")
        NONE = "", _("None")

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="rows")
    entry = models.ForeignKey("gallery.Entry", verbose_name=_("entry"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("anonymous code"), max_length=12)
    rank = models.PositiveIntegerField(_("rank"), null=True)
    score = models.FloatField(_("score"), null=True)
    median = models.FloatField(_("median"), null=True)
    top_marks = models.PositiveIntegerField(_("top marks"), default=0)
    judges = models.PositiveSmallIntegerField(_("judges counted"), default=0)
    tied = models.BooleanField(_("tie remains"), default=False)
    award = models.CharField(_("award"), max_length=10, choices=Award.choices, blank=True, default="")

    class Meta:
        ordering = ["result", "rank", "pk"]
        verbose_name = _("result row")
        verbose_name_plural = _("result rows")
        constraints = [models.UniqueConstraint(fields=["result", "entry"], name="judging_result_row_unique")]

    def __str__(self):
        return f"{self.rank}. {self.code}"
