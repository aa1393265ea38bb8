"""At most VITRINE_PARALLEL_DECODES images decoded at once in a process.

A decoded image holds its full pixels in memory (about 40 MB for a 12 MP photo, up to 240 MB at the pixel limit)
and a second or more of CPU: without a bound, a burst of uploads on one app server piles up until it runs out of
memory. An upload that gets no turn within VITRINE_DECODE_WAIT_SECONDS is refused as busy and may be sent again.
"""

import contextlib
import threading

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class ImageBusy(DomainError):
    """Too many images are being decoded in this process: the same upload will pass in a moment."""

    retry_after = 30  # seconds, for a Retry-After header


_decode_gates = {}
_decode_gates_lock = threading.Lock()


def _decode_gate():
    """The semaphore of this process for the configured number of parallel decodes."""
    slots = max(1, settings.VITRINE_PARALLEL_DECODES)
    with _decode_gates_lock:
        return _decode_gates.setdefault(slots, threading.BoundedSemaphore(slots))


@contextlib.contextmanager
def decode_slot():
    """Hold one of the process's decode slots; refuse with ImageBusy when none frees up in time, so requests do
    not pile up each holding hundreds of megabytes."""
    gate = _decode_gate()
    if not gate.acquire(timeout=settings.VITRINE_DECODE_WAIT_SECONDS):
        raise ImageBusy(_("The server is busy with other images. Please send this one again in a minute."), code="busy")
    try:
        yield
    finally:
        gate.release()
