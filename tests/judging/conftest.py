import pytest
from django.core.files.storage import FileSystemStorage


@pytest.fixture(autouse=True)
def _fresh_content_types():
    """Transactional tests flush the database and content types come back with new ids: never trust a cache."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def opened_files(monkeypatch):
    """Names of the stored files opened for reading while the test runs (local storages; a live server runs in
    this process, in a thread)."""
    names = []
    original_open = FileSystemStorage._open

    def recording_open(storage, name, mode="rb"):
        names.append(name)
        return original_open(storage, name, mode)

    monkeypatch.setattr(FileSystemStorage, "_open", recording_open)
    return names
