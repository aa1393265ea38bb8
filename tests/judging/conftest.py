import pytest


@pytest.fixture(autouse=True)
def _fresh_content_types():
    """Transactional tests flush the database and content types come back with new ids: never trust a cache."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()
