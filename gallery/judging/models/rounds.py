"""Judging rounds: which entries, which judges, which rubric (frozen on opening), and who judges what."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import dates
from gallery.judging.models.guards import LockedRoundGuard, RoundLocked, RoundSettled

# No 0/O, 1/I/L: codes are read aloud and typed by judges.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_anonymous_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Round(models.Model):
    """One stage of judging (screening, scoring, final). One round of a contest is open at a time."""

    class Kind(models.TextChoices):
        SCREENING = "screening", _("Screening")
        SCORING = "scoring", _("Scoring")
        FINAL = "final", _("Final")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not opened")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class EntrySource(models.TextChoices):
        ELIGIBLE = "eligible", _("Every eligible entry")
        TOP_N = "top_n", _("Top N of the previous round")
        SHORTLIST = "shortlist", _("Officers' shortlist of the previous round")

    class Visibility(models.TextChoices):
        NEVER = "never", _("Never")
        AFTER_SUBMIT = "after_submit", _("After submitting their own")

    contest = models.ForeignKey(
        "gallery.ContestPage", verbose_name=_("contest"), on_delete=models.CASCADE, related_name="judging_rounds"
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SCORING)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    entry_source = models.CharField(
        _("entries"), max_length=10, choices=EntrySource.choices, default=EntrySource.ELIGIBLE
    )
    top_n = models.PositiveIntegerField(_("top N"), null=True, blank=True)
    judges = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("judges"), through="RoundJudge", related_name="judging_rounds"
    )
    judges_per_entry = models.PositiveSmallIntegerField(
        _("judges per entry"), null=True, blank=True, help_text=_("Empty: every judge scores every entry.")
    )
    visibility = models.CharField(
        _("judges see each other's scores"), max_length=12, choices=Visibility.choices, default=Visibility.NEVER
    )
    # Set when the contest's results are approved: from then on no score of the round may change.
    locked_at = models.DateTimeField(_("locked"), null=True, blank=True, editable=False)

    # What an opened round was built from (its entries, codes and assignments): fixed from opening on.
    SETTLED_FIELDS = ("contest", "kind", "entry_source", "top_n", "judges_per_entry")

    class Meta:
        ordering = ["contest", "position", "pk"]
        verbose_name = _("judging round")
        verbose_name_plural = _("judging rounds")
        permissions = [("act_as_judge", _("Can judge the rounds they are asked to judge"))]
        constraints = [
            models.UniqueConstraint(
                fields=["contest"], condition=models.Q(status="open"), name="judging_one_open_round_per_contest"
            ),
        ]

    def __str__(self):
        return f"{self.contest} · {self.name}"

    def save(self, *args, **kwargs):
        if self.pk is not None and Round.objects.filter(pk=self.pk, locked_at__isnull=False).exists():
            raise RoundLocked(_("The results of this round are frozen: the round can no longer change."))
        update_fields = kwargs.get("update_fields")
        settled = {name for field in self.SETTLED_FIELDS for name in (field, self._meta.get_field(field).attname)}
        if (update_fields is None or settled & set(update_fields)) and self.settled_changes():
            raise RoundSettled(
                _("The contest, kind, entries and judges per entry of a round cannot change once it has been opened.")
            )
        return super().save(*args, **kwargs)

    def settled_changes(self):
        """Names of the settled fields this instance changes, when the stored round has been opened."""
        if self.pk is None:
            return []
        attnames = {name: self._meta.get_field(name).attname for name in self.SETTLED_FIELDS}
        stored = Round.objects.filter(pk=self.pk).values("status", *attnames.values()).first()
        if stored is None or stored["status"] == self.Status.DRAFT:
            return []
        return [name for name, attname in attnames.items() if getattr(self, attname) != stored[attname]]

    def delete(self, *args, **kwargs):
        """Only a round that was never opened: an opened one holds codes, scores and decisions of the contest."""
        if self.pk is not None and Round.objects.filter(pk=self.pk).exclude(status=self.Status.DRAFT).exists():
            raise RoundSettled(_("A round that has been opened cannot be deleted."))
        return super().delete(*args, **kwargs)

    def clean(self):
        changed = self.settled_changes()
        if changed:
            raise ValidationError({name: _("This cannot change once the round has been opened.") for name in changed})

    @property
    def is_locked(self):
        return self.locked_at is not None

    @property
    def accepts_scores(self):
        if self.status != self.Status.OPEN or self.is_locked:
            return False
        now = timezone.now()
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now > self.closes_at)

    def in_contest_zone(self, moment):
        """`moment` in the contest's zone, written as everywhere (core.dates), e.g. "1 March 2027, 18:00 (UTC+5)";
        "" for no time."""
        if moment is None:
            return ""
        return dates.format_moment(moment, self.contest.time_zone)

    @property
    def opens_in_contest_zone(self):
        return self.in_contest_zone(self.opens_at)

    @property
    def closes_in_contest_zone(self):
        return self.in_contest_zone(self.closes_at)

    def previous(self):
        return (
            Round.objects.filter(contest_id=self.contest_id, position__lt=self.position).order_by("-position").first()
        )


class RoundJudge(models.Model):
    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="round_judges")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("judge"), on_delete=models.PROTECT, related_name="round_judgings"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("round judge")
        verbose_name_plural = _("round judges")
        constraints = [models.UniqueConstraint(fields=["round", "judge"], name="judging_round_judge_unique")]

    def __str__(self):
        return f"{self.round} · {self.judge}"


class RoundCriterion(models.Model):
    """The rubric as it was when the round opened: later edits to the contest's criteria cannot reach it."""

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"))
    scale_max = models.PositiveSmallIntegerField(_("highest score"))
    required = models.BooleanField(_("required"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["round", "position", "pk"]
        verbose_name = _("round criterion")
        verbose_name_plural = _("round criteria")

    def __str__(self):
        return self.name


class RoundEntry(LockedRoundGuard, models.Model):
    """An entry taking part in a round, known to judges only by a random code unique in the round."""

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="round_entries")
    entry = models.ForeignKey(
        "gallery.Entry", verbose_name=_("entry"), on_delete=models.PROTECT, related_name="round_entries"
    )
    code = models.CharField(_("anonymous code"), max_length=12, default=new_anonymous_code)
    position = models.PositiveIntegerField(_("queue position"), default=0)
    shortlisted = models.BooleanField(_("shortlisted for the next round"), default=False)
    officer_tie_break = models.PositiveSmallIntegerField(
        _("officers' tie-break order"), null=True, blank=True, help_text=_("Lower wins when scores stay tied.")
    )

    class Meta:
        ordering = ["round", "position", "pk"]
        verbose_name = _("round entry")
        verbose_name_plural = _("round entries")
        constraints = [
            models.UniqueConstraint(fields=["round", "entry"], name="judging_round_entry_unique"),
            models.UniqueConstraint(fields=["round", "code"], name="judging_round_code_unique"),
        ]

    def __str__(self):
        return self.code


class Assignment(models.Model):
    """A judge asked to judge one entry of a round."""

    round_entry = models.ForeignKey(
        RoundEntry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="assignments"
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("judge"), on_delete=models.PROTECT, related_name="judging_assignments"
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["round_entry", "judge"], name="judging_assignment_unique")]

    def __str__(self):
        return f"{self.round_entry} → {self.judge}"
