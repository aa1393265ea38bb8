"""The one base class of refusals by the domain services of every app."""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A rule of the domain refused an action. The message is translated and safe to show to the user who
    asked; views show it as it is (a form error, a message, a JSON error) and change nothing."""

    def __str__(self):
        return " ".join(str(message) for message in self.messages)
