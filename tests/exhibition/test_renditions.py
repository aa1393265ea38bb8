"""Public renditions and their opaque names: real images encoded by Pillow, read back (no database, no storage)."""

import hashlib
import io
import re

import pytest
from django.test import override_settings
from PIL import Image

from gallery.exhibition.renditions import (
    DEFAULT_WIDTHS,
    opaque_name,
    public_renditions,
    rendition_widths,
)
from tests.intake import files

SMALL_WIDTHS = (120, 240, 360)
SECRET = b"Secret Name"
NAME = re.compile(r"^exhibition/[0-9a-f]{2}/[0-9a-f]{32}-\d+\.(avif|webp|jpg)$")


def planted_jpeg(size=(480, 320)):
    """A JPEG carrying everything that must not reach the public: EXIF with GPS, XMP, IPTC, ICC, a comment."""
    return files.with_iptc(files.jpeg(size, icc=files.srgb_profile(), comment=SECRET, xmp=True))


def sniffed_format(data):
    if data[:3] == b"\xff\xd8\xff":
        return "JPEG"
    if data[4:12] in (b"ftypavif", b"ftypavis"):
        return "AVIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def assert_metadata_free(data):
    """Re-read `data` and find nothing but pixels: no EXIF, XMP, IPTC, ICC profile or comment."""
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif(), image.getexif()
        leaked = {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop", "Author"}
        assert not leaked & set(image.info), image.info
        assert not [key for key, _ in getattr(image, "applist", []) if key not in ("APP0",)], image.applist
        image.load()
    for marker in (SECRET, b"Exif\x00\x00", b"http://ns.adobe.com", b"ICC_PROFILE", b"8BIM", b"adobe:ns:meta"):
        assert marker not in data, marker


def test_widths_are_those_asked_that_the_original_can_give_largest_first():
    assert rendition_widths(6000) == [2400, 1920, 1440, 960, 480]
    assert rendition_widths(2400) == [2400, 1920, 1440, 960, 480]
    # A narrower original also gives its own width, never an upscaled one.
    assert rendition_widths(1000) == [1000, 960, 480]
    assert rendition_widths(960) == [960, 480]
    assert rendition_widths(300) == [300]
    assert rendition_widths(500, ()) == []


def test_each_width_in_each_format_keeps_the_aspect_and_is_what_it_claims():
    source = io.BytesIO(files.jpeg((400, 300)))
    renditions = list(public_renditions(source, widths=SMALL_WIDTHS, formats=("AVIF", "JPEG", "WEBP")))

    assert [(r.format, r.width, r.height) for r in renditions] == [
        (fmt, width, height)
        for width, height in ((360, 270), (240, 180), (120, 90))
        for fmt in ("AVIF", "JPEG", "WEBP")
    ]
    for rendition in renditions:
        assert sniffed_format(rendition.data) == rendition.format
        assert rendition.sha256 == hashlib.sha256(rendition.data).hexdigest()
        with Image.open(io.BytesIO(rendition.data)) as image:
            assert image.format == rendition.format
            assert image.size == (rendition.width, rendition.height)
            assert image.mode == "RGB"


def test_a_narrow_original_is_never_upscaled_and_also_gives_its_own_width():
    renditions = list(public_renditions(io.BytesIO(files.jpeg((500, 700))), formats=("JPEG",)))

    assert [(r.width, r.height) for r in renditions] == [(500, 700), (480, 672)]
    assert max(r.width for r in renditions) <= 500


def test_the_default_widths_of_a_large_jpeg_decoded_in_draft_keep_exact_sizes():
    # 4900 px wide: the decoder scales by 1/2 (2450 px) for the largest width; the sizes must still be exact.
    gradient = Image.linear_gradient("L").resize((4900, 3267)).convert("RGB")
    buffer = io.BytesIO()
    gradient.save(buffer, "JPEG", quality=80)
    with Image.open(io.BytesIO(buffer.getvalue())) as probe:
        probe.draft("RGB", (2400, 1600))
        assert probe.size == (2450, 1634)  # the draft this test is about really happens

    sizes = [(r.width, r.height) for r in public_renditions(buffer, formats=("JPEG",))]

    assert sizes == [(width, round(3267 * width / 4900)) for width in sorted(DEFAULT_WIDTHS, reverse=True)]


def test_no_rendition_carries_any_metadata_of_the_original():
    source = io.BytesIO(planted_jpeg())
    with Image.open(io.BytesIO(source.getvalue())) as planted:
        assert planted.getexif() and "icc_profile" in planted.info and "comment" in planted.info  # really planted

    for rendition in public_renditions(source, widths=SMALL_WIDTHS, formats=("AVIF", "JPEG", "WEBP")):
        assert_metadata_free(rendition.data)


def test_the_same_original_gives_the_same_bytes():
    data = planted_jpeg((640, 480))

    def digests():
        renditions = public_renditions(io.BytesIO(data), widths=(200, 640), formats=("AVIF", "JPEG", "WEBP"))
        return [(r.format, r.width, r.sha256) for r in renditions]

    assert digests() == digests()


def test_a_path_and_an_alpha_png_are_accepted_and_flattened(tmp_path):
    path = tmp_path / "work.png"
    path.write_bytes(files.png((300, 200), alpha=True))

    renditions = list(public_renditions(str(path), widths=(150,), formats=("JPEG", "AVIF")))

    assert [(r.format, r.width, r.height) for r in renditions] == [("JPEG", 150, 100), ("AVIF", 150, 100)]
    for rendition in renditions:
        assert_metadata_free(rendition.data)


def test_an_unknown_format_is_refused_before_any_work():
    with pytest.raises(ValueError, match="GIF"):
        list(public_renditions(io.BytesIO(files.jpeg((200, 150))), formats=("GIF",)))


def test_opaque_names_say_nothing_of_the_work_and_share_a_stem_across_widths_and_formats():
    upload_name = "MD27-KAR1-0007 Svoboda vnutri.jpg"
    sha256 = hashlib.sha256(upload_name.encode()).hexdigest()

    names = [opaque_name(sha256, width, fmt) for width in (480, 2400) for fmt in ("AVIF", "JPEG", "WEBP")]

    for name in names:
        assert NAME.match(name), name
        assert sha256[:8] not in name and "MD27" not in name and "vnutri" not in name.lower()
    assert names[0].endswith("-480.avif") and names[-1].endswith("-2400.webp")
    assert len({name.rsplit("-", 1)[0] for name in names}) == 1
    assert opaque_name(sha256.upper(), 480, "AVIF") == names[0]


def test_opaque_names_depend_on_the_secret_key():
    sha256 = "ab" * 32

    with override_settings(SECRET_KEY="one key"):
        first = opaque_name(sha256, 960, "JPEG")
        assert opaque_name(sha256, 960, "JPEG") == first
    with override_settings(SECRET_KEY="another key"):
        second = opaque_name(sha256, 960, "JPEG")

    assert first != second
    assert opaque_name(sha256, 960, "JPEG", key="one key") == first
    assert opaque_name("cd" * 32, 960, "JPEG", key="one key") != first


def test_opaque_names_need_a_key_and_a_known_format():
    with pytest.raises(ValueError, match="secret key"):
        opaque_name("ab" * 32, 480, "JPEG", key="")
    with pytest.raises(ValueError, match="PNG"):
        opaque_name("ab" * 32, 480, "PNG")
