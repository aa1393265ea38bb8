"""Model-level locks of judging: what a frozen round refuses, and what an opened round keeps."""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class RoundLocked(DomainError):
    """Raised when something tries to change a round whose results are frozen."""


class LockedRoundGuard:
    """Refuses writes on rows of a frozen round. The database has the same rule as a trigger
    (migrations 0002 and 0004), which also catches bulk updates that skip the model."""

    def _round_is_locked(self):
        round_model = self._meta.get_field("round").related_model
        return round_model.objects.filter(pk=self.round_id, locked_at__isnull=False).exists()

    def save(self, *args, **kwargs):
        if not self.round_id and getattr(self, "round_entry_id", None):
            self.round_id = self.round_entry.round_id
        if self._round_is_locked():
            raise RoundLocked(_("The results of this round are frozen."))
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._round_is_locked():
            raise RoundLocked(_("The results of this round are frozen."))
        return super().delete(*args, **kwargs)


class RoundSettled(DomainError):
    """Raised when something tries to change what an opened round was built from (see Round.SETTLED_FIELDS)."""
