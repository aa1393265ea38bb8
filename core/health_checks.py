"""Readiness checks of our own, on django-health-check's base class."""

import dataclasses
import os
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

# A prefix nothing is stored under: listing it is one small request on S3, whatever the bucket holds.
PROBE_PREFIX = "healthz-probe"


@dataclasses.dataclass
class ReadOnlyStorage(HealthCheck):
    """Is a storage reachable and usable? Proved without writing anything.

    django-health-check's own Storage check saves and deletes a file on every run: on an endpoint anyone can
    call, that is a write to S3 anyone can repeat.
    """

    alias: str = "default"

    def run(self):
        try:
            storage = storages[self.alias]
            if isinstance(storage, FileSystemStorage):
                _check_folder(Path(storage.location))
            else:
                # exists() would only answer False for a missing bucket; a listing fails on a missing bucket,
                # refused credentials or an unreachable endpoint.
                storage.listdir(PROBE_PREFIX)
        except Exception as error:  # noqa: BLE001 - any failure means "not ready"; the cause is kept for details
            raise ServiceUnavailable(f"storage {self.alias!r} is not usable") from error


def _check_folder(location):
    """The folder, or the nearest folder above it when FileSystemStorage has yet to create it on a first save,
    must be a directory this process may write into."""
    existing = location
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise NotADirectoryError(f"{existing} is not a directory")
    if not os.access(existing, os.R_OK | os.W_OK | os.X_OK):
        raise PermissionError(f"{existing} is not writable")
