"""The image pipeline with real files: what is accepted, what is refused, and what is stored."""

import hashlib
import io
import re
import time

import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile
from PIL import Image, ImageFile

from gallery.domain import entries as entry_service
from gallery.domain.entry_images import add_entry_image
from gallery.imaging import ImageRejected, clean_image
from gallery.models import EntryImage
from tests.intake import files
from tests.intake.conftest import list_private, upload

GPS_IFD = 0x8825


@pytest.fixture
def entry(contest, facility, staff):
    return entry_service.create_draft(contest, facility, staff, title="Steppe at dawn", artist_code="A-17")


def stored_image(image):
    with image.file.storage.open(image.file.name, "rb") as handle:
        data = handle.read()
    return data, Image.open(io.BytesIO(data))


def assert_no_metadata(data, opened):
    exif = opened.getexif()
    assert len(exif) == 0
    assert not exif.get_ifd(GPS_IFD)
    assert "exif" not in opened.info and "xmp" not in opened.info and "icc_profile" not in opened.info
    assert "comment" not in opened.info
    markers = (b"Exif\x00\x00", b"DemoCam", b"Secret Name", b"xmpmeta", b"Photoshop 3.0", b"8BIM", b"ICC_PROFILE")
    for marker in markers:
        assert marker not in data


@pytest.mark.parametrize(
    ("make", "name", "expected_format"),
    [
        (lambda: files.jpeg(comment=b"Secret Name", xmp=True, icc=files.srgb_profile()), "a.jpg", "JPEG"),
        (lambda: files.with_iptc(files.jpeg()), "iptc.jpg", "JPEG"),
        (files.png, "b.png", "PNG"),
        (lambda: files.png(alpha=True), "c.png", "PNG"),
        (files.webp, "d.webp", "WEBP"),
        (files.heic, "e.heic", "JPEG"),  # HEIC is stored as JPEG so every browser shows it
    ],
)
def test_accepted_formats_are_stored_cleaned(entry, make, name, expected_format):
    original = make()
    assert b"DemoCam" in original or b"Secret Name" in original  # the upload does carry metadata
    image = add_entry_image(entry, upload(original, name))
    data, opened = stored_image(image)
    assert opened.format == expected_format == image.format
    assert (opened.width, opened.height) == (image.width, image.height) == (800, 600)
    assert image.byte_size == len(data)
    assert image.sha256 == hashlib.sha256(data).hexdigest()
    assert len(image.phash) == 16
    assert data != original  # the stored original is the re-encoded image, never the raw upload
    assert_no_metadata(data, opened)
    # Stored under a random name: nothing of the uploaded file name survives.
    assert re.fullmatch(rf"entries/{entry.contest.code}/[0-9a-f]{{32}}\.(jpg|png|webp)", image.file.name)


def test_exif_orientation_is_applied_then_removed(entry):
    image = add_entry_image(entry, upload(files.jpeg((800, 600), orientation=6)))
    data, opened = stored_image(image)
    assert (opened.width, opened.height) == (600, 800)
    assert ExifOrientationGone(opened)


def ExifOrientationGone(opened):  # noqa: N802 - reads as a sentence in the assert
    return 0x0112 not in opened.getexif()


@pytest.mark.parametrize(
    ("data", "name", "content_type", "message"),
    [
        (files.SVG, "drawing.jpg", "image/jpeg", "SVG"),
        (files.SVG_BARE, "drawing.svg", "image/svg+xml", "SVG"),
        (files.HTML, "page.png", "image/png", "Web pages"),
        (files.PDF, "scan.jpg", "image/jpeg", "PDF"),
        (b"GIF89a" + b"\x00" * 100, "anim.gif", "image/gif", "Accepted formats"),
        (b"just some text pretending", "photo.jpg", "image/jpeg", "Accepted formats"),
        (files.truncated_jpeg(), "cut.jpg", "image/jpeg", "damaged or incomplete"),
        (b"", "empty.jpg", "image/jpeg", "empty"),
    ],
)
def test_refused_files_leave_nothing_behind(entry, data, name, content_type, message):
    storage = EntryImage._meta.get_field("file").storage
    before = list_private(storage)
    with pytest.raises(ImageRejected) as refused:
        add_entry_image(entry, upload(data, name, content_type))
    assert message in " ".join(refused.value.messages)
    assert not EntryImage.objects.exists()
    assert list_private(storage) == before


def test_format_is_read_from_content_not_name(entry):
    image = add_entry_image(entry, upload(files.png(), "looks-like.jpg", "image/jpeg"))
    assert image.format == "PNG" and image.file.name.endswith(".png")


def test_decompression_bomb_is_refused_before_decoding(entry):
    bomb = files.png_bomb(20_000, 20_000)
    assert len(bomb) < 100_000
    started = time.monotonic()
    with pytest.raises(ImageRejected) as refused:
        add_entry_image(entry, upload(bomb, "bomb.png", "image/png"))
    assert refused.value.code == "too_many_pixels"
    assert time.monotonic() - started < 2
    assert not EntryImage.objects.exists()


def test_pixel_limit_is_checked_on_the_header(entry):
    # 9000 × 8000 = 72 MP: above our 60 MP limit, below Pillow's own warning, so our header check refuses it.
    with pytest.raises(ImageRejected) as refused:
        add_entry_image(entry, upload(files.png_bomb(9000, 8000), "big.png", "image/png"))
    assert refused.value.code == "too_many_pixels"
    assert "60 megapixels" in refused.value.messages[0]


def test_contest_overrides_limits(entry, settings):
    contest = entry.contest
    contest.max_image_megapixels = 1
    contest.save()
    with pytest.raises(ImageRejected) as refused:
        add_entry_image(entry, upload(files.jpeg((1600, 1200))))
    assert refused.value.code == "too_many_pixels"

    contest.max_image_megapixels = None
    contest.accepted_formats = "JPEG"
    contest.save()
    with pytest.raises(ImageRejected) as refused:
        add_entry_image(entry, upload(files.webp(), "x.webp"))
    assert "not accepted for this contest" in refused.value.messages[0]
    assert add_entry_image(entry, upload(files.jpeg())).format == "JPEG"


def test_byte_limit(entry, settings):
    settings.VITRINE_MAX_UPLOAD_BYTES = 50_000
    data = files.png((800, 600))
    assert len(data) > 50_000
    with pytest.raises(ImageRejected) as refused:
        add_entry_image(entry, upload(data, "big.png"))
    assert refused.value.code == "too_large"


def test_minimum_resolution(entry):
    with pytest.raises(ImageRejected) as refused:
        add_entry_image(entry, upload(files.jpeg((500, 400))))
    assert refused.value.code == "too_small"


def test_at_most_five_images(entry):
    for seed in range(5):
        add_entry_image(entry, upload(files.jpeg(seed=seed)))
    storage = EntryImage._meta.get_field("file").storage
    before = list_private(storage)
    with pytest.raises(ImageRejected):
        add_entry_image(entry, upload(files.jpeg(seed=9)))
    assert entry.images.count() == 5
    assert list_private(storage) == before


def test_large_upload_is_read_from_its_temporary_file_not_into_memory(entry):
    data = files.jpeg((1600, 1200))
    spooled = TemporaryUploadedFile("big.jpg", "image/jpeg", len(data), None)
    spooled.write(data)
    spooled.seek(0)

    def read(size=-1):
        raise AssertionError("the whole upload was read into memory")

    spooled.file.read = read
    image = add_entry_image(entry, spooled)
    assert (image.width, image.height) == (1600, 1200)
    spooled.close()


def test_thumbnail_is_made_once_in_private_storage(entry, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = add_entry_image(entry, upload(files.jpeg((1600, 1200))))
    image.refresh_from_db()
    assert image.thumbnail.name.startswith("thumbnails/")
    storage = EntryImage._meta.get_field("thumbnail").storage
    assert storage.exists(image.thumbnail.name)
    with storage.open(image.thumbnail.name) as handle:
        thumb = Image.open(handle)
        assert max(thumb.size) == 480
        assert len(thumb.getexif()) == 0


def test_near_duplicate_in_the_same_contest_is_flagged(entry, contest, facility, other_facility, other_staff):
    first = add_entry_image(entry, upload(files.jpeg((1600, 1200), seed=42)))
    other = entry_service.create_draft(contest, other_facility, other_staff, title="Copy", artist_code="B-1")
    # Same painting, resized and re-saved as PNG by someone else.
    resized = io.BytesIO()
    Image.open(io.BytesIO(files.jpeg((1600, 1200), seed=42))).resize((1200, 900)).save(resized, "PNG")
    copy = add_entry_image(other, upload(resized.getvalue(), "copy.png"))
    assert copy.near_duplicate_of_id == first.pk
    different = add_entry_image(other, upload(files.jpeg((1200, 900), seed=7)))
    assert different.near_duplicate_of is None


def test_clean_image_works_on_plain_file_objects():
    clean = clean_image(io.BytesIO(files.jpeg()))
    try:
        assert clean.format == "JPEG" and clean.byte_size > 0
    finally:
        clean.close()


def test_a_truncated_image_is_refused_even_after_a_library_relaxed_pillow():
    """WeasyPrint (award certificates) switches Pillow to padding truncated images when it is imported."""
    ImageFile.LOAD_TRUNCATED_IMAGES = True
    try:
        with pytest.raises(ImageRejected, match="damaged or incomplete"):
            clean_image(io.BytesIO(files.truncated_jpeg()))
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = False
