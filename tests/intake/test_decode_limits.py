"""Decompression bombs under the pixel limit, and the bound on images decoded at once in a process."""

import io
import struct
import threading
import time
import zlib
from unittest import mock

import pytest
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFile

from gallery import decoding
from gallery.domain import entries as entry_service
from gallery.domain.entry_images import add_entry_image
from gallery.imaging import ImageRejected, clean_image
from gallery.models import EntryImage
from tests.intake import files
from tests.intake.conftest import list_private, upload


def flat_png(width, height, mode_code=2, channels=3):
    """A complete, valid PNG of one flat colour: deflate shrinks it about a thousand times."""

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, mode_code, 0, 0, 0)
    row = b"\x00" + b"\xf0" * (width * channels)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def bomb():
    """7,600 × 7,500 RGB (57 MP, under the 60 MP limit): about 170 KB that decode to 171 MB."""
    return flat_png(7600, 7500)


@pytest.fixture
def entry(contest, facility, staff):
    return entry_service.create_draft(contest, facility, staff, title="Steppe at dawn", artist_code="A-17")


def test_the_bomb_is_a_real_image_under_the_pixel_limit(bomb, settings):
    assert len(bomb) < 200_000
    with Image.open(io.BytesIO(bomb)) as image:
        assert image.size == (7600, 7500) and image.width * image.height < settings.VITRINE_MAX_IMAGE_PIXELS


def test_a_bomb_is_refused_from_its_header_and_leaves_nothing(bomb, entry):
    storage = EntryImage._meta.get_field("file").storage
    files_before = set(list_private(storage, "entries"))
    with mock.patch.object(ImageFile.ImageFile, "load", autospec=True) as load:
        with pytest.raises(ImageRejected) as refused:
            add_entry_image(entry, upload(bomb, "flat.png", "image/png"))
    load.assert_not_called()  # not a pixel decoded
    assert refused.value.code == "decode_ratio"
    assert "decompression bomb" in str(refused.value)
    assert EntryImage.objects.count() == 0 and set(list_private(storage, "entries")) == files_before


def test_the_ratio_is_a_setting(bomb, settings):
    settings.VITRINE_MAX_DECODE_RATIO = 10_000
    clean = clean_image(io.BytesIO(bomb))
    assert (clean.width, clean.height) == (7600, 7500)
    clean.close()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: files.jpeg((4000, 3000)), id="photo-12mp-jpeg"),
        pytest.param(lambda: files.png((3000, 2000)), id="painting-png"),
        pytest.param(lambda: flat_png(3000, 2000), id="small-flat-png-under-the-floor"),
    ],
)
def test_photos_scans_and_small_flat_images_pass(data):
    clean = clean_image(io.BytesIO(data()))
    assert clean.byte_size > 0
    clean.close()


def test_a_scan_of_a_pencil_drawing_passes():
    """White paper, pencil lines and the scanner's noise: the most a real scan expands (about 90 times)."""
    scan = Image.effect_noise((7000, 5000), 6).point(lambda value: 230 + value // 20).convert("RGB")
    draw = ImageDraw.Draw(scan)
    for n in range(60):
        draw.line([(n * 110, 80), (n * 70 + 400, 4900)], fill=(50, 50, 50), width=3)
    buffer = io.BytesIO()
    scan.save(buffer, "JPEG", quality=92)
    clean = clean_image(io.BytesIO(buffer.getvalue()))
    assert (clean.width, clean.height) == (7000, 5000)
    clean.close()


# --- Decodes at once -------------------------------------------------------------------------------------------


@pytest.fixture
def slow_decodes(monkeypatch):
    """Each decode takes 0.4 s and counts how many run at the same moment."""
    state = {"now": 0, "most": 0}
    lock = threading.Lock()
    original = ImageFile.ImageFile.load

    def load(image):
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.4)
        with lock:
            state["now"] -= 1
        return original(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return state


def decode_in_threads(count):
    data = files.jpeg((400, 300))
    outcomes = []

    def run():
        try:
            clean_image(io.BytesIO(data)).close()
            outcomes.append("ok")
        except decoding.ImageBusy as busy:
            outcomes.append(busy.code)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_at_most_the_configured_number_of_images_decode_at_once(settings, slow_decodes):
    settings.VITRINE_PARALLEL_DECODES = 2
    settings.VITRINE_DECODE_WAIT_SECONDS = 30
    assert decode_in_threads(6) == ["ok"] * 6
    assert slow_decodes["most"] == 2


def test_an_upload_that_gets_no_turn_in_time_is_told_to_try_again(settings, slow_decodes):
    settings.VITRINE_PARALLEL_DECODES = 1
    settings.VITRINE_DECODE_WAIT_SECONDS = 0.1
    outcomes = decode_in_threads(3)
    assert sorted(outcomes) == ["busy", "busy", "ok"] and slow_decodes["most"] == 1


def test_the_portal_answers_busy_with_503_and_retry_after(client, staff, entry, settings):
    settings.VITRINE_PARALLEL_DECODES = 1
    settings.VITRINE_DECODE_WAIT_SECONDS = 0.05
    client.force_login(staff)
    gate = decoding._decode_gate()
    gate.acquire()  # another upload is being decoded
    try:
        response = client.post(
            reverse("portal:image_add", args=[entry.pk]),
            {"image": upload(files.jpeg())},
            HTTP_ACCEPT="application/json",
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )
    finally:
        gate.release()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json()["ok"] is False and "busy" in response.json()["error"]
    assert EntryImage.objects.count() == 0
    # Once the slot is free, the same file goes through.
    response = client.post(
        reverse("portal:image_add", args=[entry.pk]),
        {"image": upload(files.jpeg())},
        HTTP_ACCEPT="application/json",
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200 and EntryImage.objects.count() == 1
