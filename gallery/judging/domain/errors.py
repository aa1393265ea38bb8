from core.errors import DomainError


class JudgingError(DomainError):
    """A judging rule was broken; the message is translated and safe to show to the user."""
