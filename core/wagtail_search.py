"""The admin listings' search box takes at most SEARCH_MAX_LENGTH characters.

Wagtail's SearchForm has no length limit, and the listings of our viewsets search with the database's LIKE: SQLite
refuses a pattern over 50,000 bytes with a server error, and no officer types a search of hundreds of words. A
longer query makes the form invalid, so the listing is shown unsearched instead of failing.
"""

from django.core.validators import MaxLengthValidator
from wagtail.admin.forms.search import SearchForm

SEARCH_MAX_LENGTH = 255


def install():
    field = SearchForm.base_fields["q"]
    if field.max_length is None:
        field.max_length = SEARCH_MAX_LENGTH
        field.validators.append(MaxLengthValidator(SEARCH_MAX_LENGTH))
