"""The lean image pipeline keeps its guarantees: one decode makes the stored file, the thumbnail and the perceptual
hash; the hash of the reduced copy still finds near-duplicates (also against hashes stored before); colour
profiles are converted to sRGB, in place, and left alone when they already are sRGB."""

import io
import struct

import imagehash
import pytest
from django.db import transaction
from PIL import Image, ImageChops, ImageCms

import gallery.domain.thumbnails
from demo.artwork import paint
from gallery.domain import entries as entry_service
from gallery.domain.entry_images import add_entry_image
from gallery.domain.thumbnails import ensure_thumbnail, store_thumbnail
from gallery.imaging import _to_srgb, clean_image, looks_the_same, perceptual_hash
from gallery.models import EntryImage
from tests.intake import files
from tests.intake.conftest import list_private, upload
from tests.intake.test_images import assert_no_metadata, stored_image


@pytest.fixture
def entry(contest, facility, staff):
    return entry_service.create_draft(contest, facility, staff, title="Steppe at dawn", artist_code="A-17")


@pytest.fixture
def other_entry(contest, other_facility, other_staff):
    return entry_service.create_draft(contest, other_facility, other_staff, title="Copy", artist_code="B-1")


def jpeg_of(image, **options):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, **options)
    return buffer.getvalue()


def noisy(picture):
    """A photographed painting: the composition with sensor noise."""
    grain = Image.merge("RGB", [Image.effect_noise(picture.size, 20) for _ in range(3)])
    return ImageChops.add(picture, grain, scale=1.0, offset=-128)


def rgb_profile(gamma):
    """A minimal ICC v2 display profile: sRGB's primaries (D50) with a plain gamma curve instead of sRGB's."""

    def xyz(*values):
        return b"XYZ \0\0\0\0" + b"".join(struct.pack(">i", round(value * 65536)) for value in values)

    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"
    description = b"Test RGB\0"
    tags = [
        (b"desc", b"desc\0\0\0\0" + struct.pack(">I", len(description)) + description + b"\0" * 78),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    header = struct.pack(">I4sI4s4s4s", offset + len(body), b"", 0x02100000, b"mntr", b"RGB ", b"XYZ ")
    header += b"\0" * 12 + b"acsp" + b"\0" * 28 + xyz(0.9642, 1.0, 0.8249)[8:] + b"\0" * 48
    return header + struct.pack(">I", len(tags)) + table + body


# --- One decode ----------------------------------------------------------------------------------------------


def test_thumbnail_is_made_from_the_upload_upright_and_clean(entry, monkeypatch, django_capture_on_commit_callbacks):
    def decode_again(handle):
        raise AssertionError("the stored original was decoded a second time")

    monkeypatch.setattr(gallery.domain.thumbnails, "thumbnail_bytes", decode_again)
    data = files.jpeg((800, 600), orientation=6, comment=b"Secret Name", xmp=True, icc=files.srgb_profile())
    with django_capture_on_commit_callbacks(execute=True):
        image = add_entry_image(entry, upload(data))
    image.refresh_from_db()
    with image.thumbnail.storage.open(image.thumbnail.name, "rb") as handle:
        thumbnail = handle.read()
    opened = Image.open(io.BytesIO(thumbnail))
    assert opened.format == "JPEG" and opened.size == (360, 480)  # upright, like the stored original
    assert_no_metadata(thumbnail, opened)
    assert (image.width, image.height) == (600, 800)


def test_stored_pixels_are_the_upload_turned_upright(entry):
    picture = paint(3, (1200, 900))
    image = add_entry_image(entry, upload(files.jpeg((1200, 900), seed=3, orientation=8)))
    _data, opened = stored_image(image)
    expected = picture.transpose(Image.Transpose.ROTATE_90)  # what orientation 8 asks for
    assert opened.size == expected.size == (900, 1200)
    difference = ImageChops.difference(opened.convert("RGB"), expected).convert("L")
    assert sum(difference.histogram()[16:]) < 0.01 * 900 * 1200  # JPEG twice: close, never rotated otherwise


def test_a_rolled_back_upload_leaves_no_thumbnail(entry, django_capture_on_commit_callbacks):
    storage = EntryImage._meta.get_field("thumbnail").storage
    before = list_private(storage, "thumbnails")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():  # as the offline import does for a row that fails later
            add_entry_image(entry, upload(files.jpeg()))
            raise RuntimeError("a later image of the row was refused")
    assert list_private(storage, "thumbnails") == before


def test_images_stored_without_a_thumbnail_get_one_from_the_original(entry):
    image = add_entry_image(entry, upload(files.jpeg((1600, 1200))))  # the test's transaction never commits
    assert not image.thumbnail
    storage = image.thumbnail.storage
    before = list_private(storage, "thumbnails")
    name = ensure_thumbnail(image)
    with storage.open(name, "rb") as handle:
        assert Image.open(handle).size == (480, 360)
    assert store_thumbnail(image, b"another") == name  # the first one is kept, the second file dropped
    assert sorted(list_private(storage, "thumbnails")) == sorted([*before, name])


# --- Perceptual hash -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(8))
def test_perceptual_hash_is_imagehash_phash_bit_for_bit(seed):
    picture = paint(seed, [(800, 600), (640, 640), (300, 480), (1600, 1200)][seed % 4])
    for variant in (picture, noisy(picture), picture.convert("RGBA")):
        assert perceptual_hash(variant) == str(imagehash.phash(variant))


def test_hash_of_the_reduced_copy_agrees_with_the_full_image():
    data = jpeg_of(noisy(paint(12, (3000, 2000))))
    clean = clean_image(io.BytesIO(data))
    try:
        full = Image.open(clean.file)
        full_hash = imagehash.phash(full)  # how hashes were taken before: from every pixel
        assert full_hash - imagehash.hex_to_hash(clean.phash) <= 2
    finally:
        clean.close()


def test_a_hash_stored_before_the_change_still_finds_the_copy(entry, other_entry):
    picture = noisy(paint(42, (2400, 1800)))
    earlier = add_entry_image(other_entry, upload(jpeg_of(picture)))
    EntryImage.objects.filter(pk=earlier.pk).update(phash=str(imagehash.phash(picture)))  # as stored before
    copy = picture.resize((1500, 1125)).rotate(90, expand=True)
    tagged = jpeg_of(copy, exif=_orientation(6))  # the copy lies sideways, its EXIF turns it back
    assert add_entry_image(entry, upload(tagged)).near_duplicate_of_id == earlier.pk
    assert add_entry_image(entry, upload(jpeg_of(noisy(paint(7, (2400, 1800)))))).near_duplicate_of is None


def _orientation(value):
    exif = Image.Exif()
    exif[0x0112] = value
    return exif


def test_looks_the_same_counts_differing_bits():
    assert looks_the_same("ffffffffffffffff", "ffffffffffffffc0")  # 6 bits
    assert not looks_the_same("ffffffffffffffff", "ffffffffffffff80")  # 7 bits
    assert looks_the_same("0123456789abcdef", "0123456789ABCDEF")


# --- Colour ----------------------------------------------------------------------------------------------------


@pytest.fixture
def transforms(monkeypatch):
    """Every colour transform applied: (size, whether it wrote into the image it read)."""
    applied = []
    apply = ImageCms.ImageCmsTransform.apply

    def spy(self, im, imOut=None):  # noqa: N803 - Pillow's name
        applied.append((im.size, imOut is im))
        return apply(self, im, imOut)

    monkeypatch.setattr(ImageCms.ImageCmsTransform, "apply", spy)
    return applied


def test_a_profile_other_than_srgb_is_converted_in_place(transforms):
    grey = Image.new("RGB", (800, 600), (128, 128, 128))
    clean = clean_image(io.BytesIO(jpeg_of(grey, icc_profile=rgb_profile(1.0))))
    assert ((800, 600), True) in transforms  # no second full-size image
    try:
        stored = Image.open(clean.file)
        assert "icc_profile" not in stored.info
        red, green, blue = stored.getpixel((400, 300))
        assert all(abs(value - 188) <= 2 for value in (red, green, blue))  # linear 50 % is sRGB 188
    finally:
        clean.close()


def test_a_profile_is_converted_with_its_alpha():
    picture = Image.new("RGBA", (800, 600), (128, 64, 200, 100))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", icc_profile=rgb_profile(1.0))
    clean = clean_image(io.BytesIO(buffer.getvalue()))
    try:
        stored = Image.open(clean.file)
        assert stored.mode == "RGBA" and "icc_profile" not in stored.info
        *colour, alpha = stored.getpixel((10, 10))
        assert alpha == 100 and all(abs(a - b) <= 2 for a, b in zip(colour, (188, 137, 229), strict=True))
    finally:
        clean.close()


@pytest.mark.parametrize("icc", [files.srgb_profile(), b"not a colour profile"], ids=["srgb", "broken"])
def test_srgb_and_broken_profiles_leave_the_pixels_alone(icc, transforms):
    picture = noisy(paint(5, (800, 600)))
    tagged, plain = (
        clean_image(io.BytesIO(jpeg_of(picture, icc_profile=icc))),
        clean_image(io.BytesIO(jpeg_of(picture))),
    )
    try:
        assert tagged.sha256 == plain.sha256  # the very same stored bytes
        assert all(size != (800, 600) for size, _in_place in transforms)  # no pass over the pixels
    finally:
        tagged.close()
        plain.close()


def test_pixels_a_decoder_lent_are_never_written_to():
    pixels = paint(1, (320, 240)).convert("RGBA").tobytes()
    lent = Image.frombuffer("RGBA", (320, 240), pixels, "raw", "RGBA", 0, 1)
    lent.info["icc_profile"] = rgb_profile(1.0)
    assert lent.readonly
    converted = _to_srgb(lent)
    assert converted is not lent and converted.tobytes() != pixels
    assert lent.tobytes() == pixels
