"""Pure image work for entries: read, check, clean and re-encode one image, hash it, make a thumbnail.

Pillow only: no database and no storage, so it is tested with bytes and used by every path that takes an image
(the portal, the admin, the offline import; gallery.domain.entry_images stores the result). A file is judged by
its content, never by its name or Content-Type. Limits are checked on the header before any pixel is decoded,
so a decompression bomb costs nothing. What comes out is a re-encoded copy in sRGB with every piece of metadata
removed (EXIF with GPS, XMP, IPTC, comments, ICC): never the raw upload.
"""

import hashlib
import io
import os
import tempfile
import warnings
from dataclasses import dataclass

import imagehash
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from core.errors import DomainError

register_heif_opener()
# A truncated file is an error to report, never something to pad with grey.
ImageFile.LOAD_TRUNCATED_IMAGES = False

# Formats Pillow may even try to open: anything else is refused before a decoder runs.
OPENABLE_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
# What each accepted format is stored as. HEIC is not shown by most browsers, so it becomes JPEG.
STORED_FORMAT = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "HEIF": "JPEG"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
THUMBNAIL_SIZE = (480, 480)
# Perceptual hashes this close (Hamming distance out of 64 bits) are the same picture, resized or re-saved.
NEAR_DUPLICATE_DISTANCE = 6

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


def _to_srgb(image):
    """Convert to sRGB with the embedded ICC profile, then drop the profile (sRGB is what browsers assume)."""
    icc = image.info.get("icc_profile")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    target_mode = "RGBA" if has_alpha else "RGB"
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        image = image.convert(target_mode)
    if icc:
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(
                image, source_profile, ImageCms.createProfile("sRGB"), outputMode=target_mode
            )
            if converted is not None:
                image = converted
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
        if min(width, height) < limits.min_side:
            raise ImageRejected(
                _("The image is %(width)s × %(height)s pixels; its short side must be at least %(minimum)s pixels.")
                % {"width": width, "height": height, "minimum": limits.min_side},
                code="too_small",
            )
        stored_format = STORED_FORMAT[image.format]
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
    save_options = {"JPEG": {"quality": 92, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 92}}
    cleaned.save(output, stored_format, **save_options[stored_format])
    phash = str(imagehash.phash(cleaned))
    width, height = cleaned.size
    cleaned.close()

    digest = hashlib.sha256()
    output.seek(0)
    for chunk in iter(lambda: output.read(1024 * 1024), b""):
        digest.update(chunk)
    byte_size = output.tell()
    output.seek(0)
    return CleanImage(output, stored_format, width, height, byte_size, digest.hexdigest(), phash)


def thumbnail_bytes(handle):
    """A small JPEG of an already cleaned image, read from an open binary file."""
    with Image.open(handle) as image:
        image.draft("RGB", THUMBNAIL_SIZE)
        image = image.convert("RGB")
        image.thumbnail(THUMBNAIL_SIZE)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def looks_the_same(phash, other_phash):
    """Two perceptual hashes of the same picture, resized or re-saved."""
    return imagehash.hex_to_hash(phash) - imagehash.hex_to_hash(other_phash) <= NEAR_DUPLICATE_DISTANCE
