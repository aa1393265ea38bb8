"""What judges record: scores per criterion, notes, and conflicts or abstentions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gallery.judging.models.guards import LockedRoundGuard, RoundLocked

__all__ = ["Declaration", "JudgeNote", "RoundLocked", "Score"]  # RoundLocked: long imported from here


class Score(LockedRoundGuard, models.Model):
    round = models.ForeignKey(
        "judging.Round", verbose_name=_("round"), on_delete=models.CASCADE, related_name="scores", editable=False
    )
    round_entry = models.ForeignKey(
        "judging.RoundEntry", verbose_name=_("entry"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        "judging.RoundCriterion", verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("judge"), on_delete=models.PROTECT, related_name="judging_scores"
    )
    value = models.PositiveSmallIntegerField(_("score"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["round_entry", "criterion", "judge"], name="judging_score_unique"),
        ]
        indexes = [models.Index(fields=["round", "judge"], name="judging_score_round_judge")]

    def __str__(self):
        return f"{self.round_entry} · {self.criterion} = {self.value}"


class JudgeNote(LockedRoundGuard, models.Model):
    """A judge's private comment to officers and optional feedback for the artist, per entry."""

    round = models.ForeignKey("judging.Round", on_delete=models.CASCADE, related_name="+", editable=False)
    round_entry = models.ForeignKey(
        "judging.RoundEntry", verbose_name=_("entry"), on_delete=models.CASCADE, related_name="notes"
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("judge"), on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(_("private comment to officers"), blank=True)
    feedback = models.TextField(_("feedback for the artist"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("judge's note")
        verbose_name_plural = _("judges' notes")
        constraints = [models.UniqueConstraint(fields=["round_entry", "judge"], name="judging_note_unique")]

    def __str__(self):
        return f"{self.round_entry} · {self.judge}"


class Declaration(LockedRoundGuard, models.Model):
    """A judge steps aside from an entry: a conflict of interest or an abstention. Never counted as a zero."""

    class Kind(models.TextChoices):
        CONFLICT = "conflict", _("Conflict of interest")
        ABSTAIN = "abstain", _("Abstention")

    round = models.ForeignKey("judging.Round", on_delete=models.CASCADE, related_name="declarations", editable=False)
    round_entry = models.ForeignKey(
        "judging.RoundEntry", verbose_name=_("entry"), on_delete=models.CASCADE, related_name="declarations"
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("judge"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict or abstention")
        verbose_name_plural = _("conflicts and abstentions")
        constraints = [models.UniqueConstraint(fields=["round_entry", "judge"], name="judging_declaration_unique")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.round_entry} · {self.judge}"
