"""Where private files live: entry originals and consent forms.

The "private" storage (settings.STORAGES) is a folder outside MEDIA_ROOT locally and a closed bucket on S3.
Model fields take `storage=private_storage`; the proxy resolves the configured backend on first use, so
switching to S3 is a settings change, never a migration.
"""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


_private_storage = _PrivateStorage()


def private_storage():
    """Callable for FileField(storage=...): migrations record this function, not a backend."""
    return _private_storage


@receiver(setting_changed)
def _reset_on_storages_change(*, setting, **kwargs):
    if setting == "STORAGES":
        _private_storage._wrapped = empty
