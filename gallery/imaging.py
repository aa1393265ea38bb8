"""Pure image work for entries: read, check, clean and re-encode one image, hash it, make a thumbnail.

Pillow only: no database and no storage, so it is tested with bytes and used by every path that takes an image
(the portal, the admin, the offline import; gallery.domain.entry_images stores the result). A file is judged by
its content, never by its name or Content-Type. Limits are checked on the header before any pixel is decoded,
so a decompression bomb costs nothing. What comes out is a re-encoded copy in sRGB with every piece of metadata
removed (EXIF with GPS, XMP, IPTC, comments, ICC): never the raw upload.

Decoding is the costly part (a 12 MP photo takes about 40 MB and a second of CPU), so it is bounded twice: a file
that would decode to far more bytes than it holds (a flat PNG of a few kilobytes that opens to hundreds of
megabytes) is refused from its header, and decoding waits for a turn (gallery.decoding) so a process decodes at
most VITRINE_PARALLEL_DECODES images at once.
"""

import contextlib
import functools
import hashlib
import io
import math
import os
import statistics
import tempfile
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageChops, ImageCms, ImageFile, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from core.errors import DomainError
from gallery.decoding import decode_slot

register_heif_opener()
# A truncated file is an error to report, never something to pad with grey.
ImageFile.LOAD_TRUNCATED_IMAGES = False

# Formats Pillow may even try to open: anything else is refused before a decoder runs.
OPENABLE_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
# What each accepted format is stored as. HEIC is not shown by most browsers, so it becomes JPEG.
STORED_FORMAT = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "HEIF": "JPEG"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
THUMBNAIL_SIZE = (480, 480)
THUMBNAIL_OPTIONS = {"quality": 82, "optimize": True}
# Encoder settings of the stored copy, per stored format.
SAVE_OPTIONS = {"JPEG": {"quality": 92, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 92}}
# Perceptual hashes this close (Hamming distance out of 64 bits) are the same picture, resized or re-saved.
NEAR_DUPLICATE_DISTANCE = 6
# The 8 lowest frequencies of a DCT-II over 32 samples, at the scale of scipy.fftpack.dct (see perceptual_hash).
_DCT_BASIS = [[2 * math.cos(math.pi * k * (2 * n + 1) / 64) for n in range(32)] for k in range(8)]

# An image that decodes to less than this is never refused for its compression ratio: it costs less to open than
# an ordinary 12 MP photo, whatever its file size (small flat drawings and diagrams compress very well).
DECODE_RATIO_FLOOR_BYTES = 32 * 1024 * 1024

# Sniffed from the first bytes, only to give a clearer message than "not an image".
_REFUSED_SIGNATURES = [
    (b"%pdf", _("PDF documents are not accepted. Please upload a photo or scan of the work as JPEG, PNG or WebP.")),
    (b"<svg", _("SVG drawings are not accepted. Please upload a JPEG, PNG or WebP image.")),
    (b"<?xml", _("SVG and other XML files are not accepted. Please upload a JPEG, PNG or WebP image.")),
    (b"<!doctype html", _("Web pages are not accepted. Please upload a JPEG, PNG or WebP image.")),
    (b"<html", _("Web pages are not accepted. Please upload a JPEG, PNG or WebP image.")),
]


class ImageRejected(DomainError):
    """The file is not an acceptable image; the message says why, in the user's language."""


def decoded_bytes(image):
    """What the pixels of an opened (not yet decoded) image take in memory once decoded and converted: at
    least three bytes a pixel, as everything is stored in RGB."""
    width, height = image.size
    return width * height * max(len(image.getbands()), 3)


@dataclass(frozen=True)
class ImageLimits:
    max_bytes: int
    max_pixels: int
    min_side: int = 0
    formats: tuple = OPENABLE_FORMATS

    @classmethod
    def defaults(cls):
        return cls(max_bytes=settings.VITRINE_MAX_UPLOAD_BYTES, max_pixels=settings.VITRINE_MAX_IMAGE_PIXELS)

    @classmethod
    def for_contest(cls, contest):
        return cls(
            max_bytes=contest.max_upload_bytes,
            max_pixels=contest.max_image_pixels,
            min_side=contest.min_image_side,
            formats=tuple(name for name in contest.accepted_format_list if name in OPENABLE_FORMATS),
        )


@dataclass
class CleanImage:
    """A cleaned, re-encoded image waiting in a temporary file to be stored."""

    file: tempfile.SpooledTemporaryFile
    format: str
    width: int
    height: int
    byte_size: int
    sha256: str
    phash: str
    thumbnail: bytes  # a small JPEG made from the same decoded pixels

    @property
    def extension(self):
        return EXTENSIONS[self.format]

    def close(self):
        self.file.close()


def _size_of(source):
    size = getattr(source, "size", None)
    if size is not None:
        return size
    position = source.tell()
    source.seek(0, os.SEEK_END)
    size = source.tell()
    source.seek(position)
    return size


def _open_source(source):
    """A path or a binary file object Pillow can read lazily: the temporary file of a large upload is used
    in place, so a 40 MB upload is never read whole into memory."""
    path = getattr(source, "temporary_file_path", None)
    if callable(path):
        return path()
    source.seek(0)
    return source


def _sniff_refusal(source):
    fp = _open_source(source)
    if isinstance(fp, str):
        with open(fp, "rb") as handle:
            head = handle.read(512)
    else:
        head = fp.read(512)
        fp.seek(0)
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for signature, message in _REFUSED_SIGNATURES:
        if lowered.startswith(signature) or (signature == b"<svg" and b"<svg" in lowered):
            return message
    return None


def _format_names(formats):
    names = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "HEIF": "HEIC"}
    return ", ".join(names[name] for name in formats)


@functools.cache
def _probe(mode):
    """Colours that show whether a colour transform changes anything: every level of grey and of each primary,
    and a 16-step cube."""
    ramps = [(v, v, v) for v in range(256)] + [(v, 0, 0) for v in range(256)]
    ramps += [(0, v, 0) for v in range(256)] + [(0, 0, v) for v in range(256)]
    steps = range(0, 256, 17)
    colours = ramps + [(r, g, b) for r in steps for g in steps for b in steps]
    probe = Image.frombytes("RGB", (len(colours), 1), bytes(value for colour in colours for value in colour))
    return probe.convert(mode)


def _changes_colours(transform, mode):
    """Whether a profile's transform to sRGB moves any probe colour by more than one level: a profile that is
    sRGB under another name (most cameras embed one) is not worth a pass over every pixel."""
    probe = _probe(mode)
    extrema = ImageChops.difference(probe, transform.apply(probe)).getextrema()
    return max(high for _low, high in extrema) > 1


def _to_srgb(image):
    """Convert to sRGB with the embedded ICC profile, then drop the profile (sRGB is what browsers assume)."""
    icc = image.info.get("icc_profile")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    target_mode = "RGBA" if has_alpha else "RGB"
    if image.mode.startswith("I"):
        # 16-bit grey (scanners): Pillow's own conversion clips every level above 255 to white.
        grey = image if image.mode == "I" else image.convert("I")
        image = grey.point(lambda value: value / 257, "L")
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        image = image.convert(target_mode)
    if icc:
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            transform = ImageCms.buildTransform(source_profile, srgb, image.mode, target_mode)
            if image.mode != target_mode:  # CMYK or grey: a new image in the target mode
                image = transform.apply(image)
            elif _changes_colours(transform, image.mode):
                # In place, so there is no second full-size copy, unless a decoder lent its own memory.
                image = transform.apply(image, None if image.readonly else image)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # A broken profile: keep the pixels as they are rather than refuse the work.
    if image.mode != target_mode:
        image = image.convert(target_mode)
    return image


def clean_image(source, limits=None):
    """Check and clean one uploaded image. Returns a CleanImage; raises ImageRejected with a clear message.

    `source` is a Django UploadedFile or any binary file object.
    """
    limits = limits or ImageLimits.defaults()
    size = _size_of(source)
    if size == 0:
        raise ImageRejected(_("The file is empty. Please choose the image again."), code="empty")
    if size > limits.max_bytes:
        raise ImageRejected(
            _("The file is %(size)s; the limit is %(limit)s. Please send a smaller image.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limits.max_bytes)},
            code="too_large",
        )
    refusal = _sniff_refusal(source)
    if refusal:
        raise ImageRejected(refusal, code="format")

    accepted = _format_names(limits.formats)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(_open_source(source), formats=OPENABLE_FORMATS)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ImageRejected(
            _("The image has too many pixels; the limit is %(megapixels)s megapixels.")
            % {"megapixels": round(limits.max_pixels / 1_000_000)},
            code="too_many_pixels",
        ) from None
    except UnidentifiedImageError:
        raise ImageRejected(
            _("This file is not a picture we can accept. Accepted formats: %(formats)s.") % {"formats": accepted},
            code="format",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ImageRejected(_("The image is damaged or incomplete. Please send it again."), code="corrupt") from None

    try:
        if image.format not in limits.formats:
            raise ImageRejected(
                _("%(format)s images are not accepted for this contest. Accepted formats: %(formats)s.")
                % {"format": image.format, "formats": accepted},
                code="format",
            )
        width, height = image.size
        # Checked on the header, before a single pixel is decoded.
        if width * height > limits.max_pixels:
            raise ImageRejected(
                _("The image is %(width)s × %(height)s pixels; the limit is %(megapixels)s megapixels.")
                % {"width": width, "height": height, "megapixels": round(limits.max_pixels / 1_000_000)},
                code="too_many_pixels",
            )
        # A file that expands out of all proportion to its size is a decompression bomb, not a photo or scan: a
        # camera's JPEG expands about 10 times, a scan of a drawing 30 to 90 times, a screenshot up to 120.
        expanded = decoded_bytes(image)
        if expanded > DECODE_RATIO_FLOOR_BYTES and expanded > size * settings.VITRINE_MAX_DECODE_RATIO:
            raise ImageRejected(
                _(
                    "This file of %(size)s would take %(memory)s of memory to open: it is refused as a likely "
                    "decompression bomb. Please send a photo or scan of the work saved as JPEG."
                )
                % {"size": filesizeformat(size), "memory": filesizeformat(expanded)},
                code="decode_ratio",
            )
        if min(width, height) < limits.min_side:
            raise ImageRejected(
                _("The image is %(width)s × %(height)s pixels; its short side must be at least %(minimum)s pixels.")
                % {"width": width, "height": height, "minimum": limits.min_side},
                code="too_small",
            )
        stored_format = STORED_FORMAT[image.format]
    except BaseException:
        image.close()
        raise
    with contextlib.closing(image), decode_slot():  # closed if no slot frees up
        return _decode_and_encode(image, stored_format)


def _decode_and_encode(image, stored_format):
    """Decode, orient, convert, strip and re-encode an opened image whose header passed every check."""
    try:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                # Pillow's switch is process-wide and a library may relax it on import (WeasyPrint does):
                # set it again right before decoding.
                ImageFile.LOAD_TRUNCATED_IMAGES = False
                image.load()
                # In place: a 60 MP image is decoded once, not copied for every step.
                ImageOps.exif_transpose(image, in_place=True)
                cleaned = _to_srgb(image)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise ImageRejected(
                _("The image is damaged or incomplete. Please send it again."), code="corrupt"
            ) from None
    except BaseException:
        image.close()
        raise
    if cleaned is not image:
        image.close()

    if stored_format == "JPEG" and cleaned.mode == "RGBA":
        cleaned = cleaned.convert("RGB")
    # Nothing of the upload's metadata travels with the pixels.
    cleaned.info = {}
    output = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)
    cleaned.save(output, stored_format, **SAVE_OPTIONS[stored_format])
    width, height = cleaned.size
    # The full-size pixels are stored: shrink them in place (an integer reduce, then resampling) and take the
    # perceptual hash and the thumbnail from that. A hash of 32 × 32 pixels loses nothing at 480 px: it lies 0
    # to 2 of 64 bits from one of the full image (tests/intake/test_image_pipeline.py), so older hashes match.
    cleaned.thumbnail(THUMBNAIL_SIZE)
    phash = perceptual_hash(cleaned)
    thumbnail = _thumbnail_jpeg(cleaned)
    cleaned.close()

    digest = hashlib.sha256()
    output.seek(0)
    for chunk in iter(lambda: output.read(1024 * 1024), b""):
        digest.update(chunk)
    byte_size = output.tell()
    output.seek(0)
    return CleanImage(output, stored_format, width, height, byte_size, digest.hexdigest(), phash, thumbnail)


def _thumbnail_jpeg(small):
    buffer = io.BytesIO()
    (small if small.mode == "RGB" else small.convert("RGB")).save(buffer, "JPEG", **THUMBNAIL_OPTIONS)
    return buffer.getvalue()


def thumbnail_bytes(handle):
    """A small JPEG of an already cleaned image, read from an open binary file (images stored before intake
    made thumbnails itself)."""
    with Image.open(handle) as image:
        image.draft("RGB", THUMBNAIL_SIZE)
        image = image.convert("RGB")
        image.thumbnail(THUMBNAIL_SIZE)
        return _thumbnail_jpeg(image)


def perceptual_hash(image):
    """ImageHash's phash as 16 hex digits, bit for bit on real pictures, so hashes stored earlier still compare
    (a flat or pure-gradient image, whose frequencies tie at zero, may differ: there SciPy's rounding noise chose
    the bits). ImageHash imports SciPy on first use (0.3 s and 30 MB in each process) for a cosine transform of
    32 × 32 pixels, of which only the 8 × 8 lowest frequencies count: a few milliseconds in plain Python."""
    pixels = image.convert("L").resize((32, 32), Image.Resampling.LANCZOS).tobytes()
    columns = [pixels[x::32] for x in range(32)]
    vertical = [[_dot(basis, column) for column in columns] for basis in _DCT_BASIS]  # down the columns
    low = [_dot(basis, line) for line in vertical for basis in _DCT_BASIS]  # then along the rows
    median = statistics.median(low)
    return f"{int(''.join('1' if value > median else '0' for value in low), 2):016x}"


def _dot(weights, values):
    return sum(weight * value for weight, value in zip(weights, values, strict=True))


def looks_the_same(phash, other_phash):
    """Two perceptual hashes of the same picture, resized or re-saved: few of their 64 bits differ."""
    return (int(phash, 16) ^ int(other_phash, 16)).bit_count() <= NEAR_DUPLICATE_DISTANCE
