"""Ids and whole numbers read from requests, strictly: ASCII digits within range, or nothing.

str.isdigit() and int() also take "٣" or "³", int() takes "-1", "+1" and " 1_0 ", and a 30-digit id makes SQLite fail
in the query itself rather than find nothing. Every form field, filter and service that reads an id uses these.
"""

import re

from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1  # a bigint primary key
WHOLE_NUMBER = re.compile(r"[0-9]{1,19}")


def read_whole_number(value, *, low, high):
    """The whole number a form value stands for if it is ASCII digits from low to high, else None."""
    text = str(value).strip()
    if isinstance(value, bool) or not WHOLE_NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if low <= number <= high else None


def read_id(value):
    """A primary key from a form value or query parameter, else None."""
    return read_whole_number(value, low=1, high=MAX_ID)


class IdChoiceField(forms.ModelChoiceField):
    """A choice by id that refuses anything but a plausible id before querying."""

    def to_python(self, value):
        if value not in self.empty_values and read_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """IdChoiceField's rule for each of several ids."""

    def _check_values(self, value):
        for pk in value:
            if read_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)
