from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage


class Entry(models.Model):
    """A work submitted to a contest by facility staff on behalf of an artist known only by a code."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Review(models.TextChoices):
        RECEIVED = "received", _("Received")
        ELIGIBLE = "eligible", _("Eligible")
        DISQUALIFIED = "disqualified", _("Disqualified")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        WINNER = "winner", _("Winner")

    class Credit(models.TextChoices):
        INITIALS = "initials", _("Initials")
        PSEUDONYM = "pseudonym", _("Pseudonym")
        ANONYMOUS = "anonymous", _("Anonymous")

    contest = models.ForeignKey(
        "gallery.ContestPage", verbose_name=_("contest"), on_delete=models.PROTECT, related_name="entries"
    )
    facility = models.ForeignKey(
        "gallery.Facility", verbose_name=_("facility"), on_delete=models.PROTECT, related_name="entries"
    )
    reference = models.CharField(_("reference"), max_length=32, unique=True, null=True, blank=True)
    sequence = models.PositiveIntegerField(_("sequence"), null=True, blank=True, editable=False)

    title = models.CharField(_("title"), max_length=200)
    artist_code = models.CharField(
        _("artist code"), max_length=40, help_text=_("Issued by the facility. Never the artist's legal name.")
    )
    credit = models.CharField(_("credit"), max_length=12, choices=Credit.choices, default=Credit.ANONYMOUS)
    credit_name = models.CharField(_("initials or pseudonym"), max_length=60, blank=True)
    medium = models.CharField(_("medium"), max_length=120, blank=True)
    dimensions = models.CharField(_("dimensions"), max_length=80, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    statement = models.TextField(_("artist's statement"), blank=True)
    show_facility = models.BooleanField(_("facility name may be shown"), default=False)
    consent_confirmed = models.BooleanField(_("consent confirmed"), default=False)
    consent_form = models.FileField(_("signed consent form"), storage=private_storage, upload_to="consent/", blank=True)

    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    review = models.CharField(_("review status"), max_length=14, choices=Review.choices, default=Review.RECEIVED)
    disqualification_reason = models.TextField(_("reason for disqualification"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    imported = models.BooleanField(_("imported offline"), default=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.CharField(_("category"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["contest", "facility", "sequence", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "facility", "sequence"], name="entry_unique_sequence"),
        ]

    def __str__(self):
        return self.reference or f"{self.title} ({self.get_state_display()})"

    @property
    def credit_line(self):
        """How the artist is credited in public: never the artist code. Kept for the public exhibition (built
        next), which shows it under each work."""
        if self.credit == self.Credit.ANONYMOUS or not self.credit_name:
            return str(_("Anonymous artist"))
        return self.credit_name

    @property
    def officer_flags(self):
        """Short warnings for screening, from the (prefetched) images."""
        flags = []
        if any(image.near_duplicate_of_id for image in self.images.all()):
            flags.append(str(_("near-duplicate image")))
        if self.imported:
            flags.append(str(_("imported")))
        return ", ".join(flags)


class EntryImage(models.Model):
    """One image of an entry (the work or a detail), stored cleaned and re-encoded in private storage."""

    entry = models.ForeignKey(Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="images")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    file = models.FileField(_("file"), storage=private_storage, upload_to="entries/")
    format = models.CharField(_("format"), max_length=10)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    byte_size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    phash = models.CharField(_("perceptual hash"), max_length=32, db_index=True)
    thumbnail = models.FileField(_("thumbnail"), storage=private_storage, upload_to="thumbnails/", blank=True)
    near_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("near-duplicate of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Another image in the same contest that looks almost the same."),
    )
    upload_key = models.CharField(
        _("upload key"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("The idempotency key the upload carried: a repeated upload returns this image, never a second."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("entry image")
        verbose_name_plural = _("entry images")
        ordering = ["entry", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "upload_key"],
                condition=~models.Q(upload_key=""),
                name="entryimage_unique_upload_key",
            ),
        ]

    def __str__(self):
        return f"{self.entry} #{self.position}"
