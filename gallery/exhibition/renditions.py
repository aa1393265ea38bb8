"""Public renditions of an exhibited work: a few widths in a modern format and in JPEG, with no metadata.

Pure Pillow: no database and no storage. The input is a cleaned original as the intake stores it (sRGB, upright,
already metadata-free), but nothing here trusts that: every output is encoded from bare pixels with no EXIF,
XMP, ICC profile or comment, so a rendition can never carry more than the pixels. The original is decoded once and
shrunk step by step from the largest width to the smallest; one width is encoded (in every format) and handed
out before the next is made, so a caller that stores each rendition as it comes holds one or two decoded images
at a time, never all of them.

The storage names come from `opaque_name`: a keyed hash, so a public URL says nothing of the entry, its title or
its facility, and cannot be derived from the image bytes by someone without the site's secret key.
"""

import hashlib
import hmac
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from PIL import Image

DEFAULT_WIDTHS = (480, 960, 1440, 1920, 2400)
DEFAULT_FORMATS = ("AVIF", "JPEG")
EXTENSIONS = {"AVIF": "avif", "WEBP": "webp", "JPEG": "jpg"}
MEDIA_TYPES = {"AVIF": "image/avif", "WEBP": "image/webp", "JPEG": "image/jpeg"}
# Transparent areas of a (rare) PNG original are shown on white, as on a gallery wall.
FLATTEN_ON = (255, 255, 255)

# Metadata switched off explicitly: Pillow would otherwise copy some of it from the image's `info`.
_NO_METADATA = {"exif": b"", "xmp": b"", "icc_profile": None}
# Settings chosen for paintings and drawings: fine brush strokes and flat colour fields, no visible blocking.
# AVIF at speed 6 takes about 8 s for all five widths of a 24 MP work (WebP: 2 s), once, in a background task, for
# files 60 % smaller than JPEG. One encoder thread: the bytes then depend on nothing but the pixels (libaom's
# output changes with the thread count, which changes with the machine), and two threads were no faster.
ENCODER_OPTIONS = {
    "JPEG": {"quality": 85, "progressive": True, "optimize": True, "subsampling": "4:2:0", "comment": b""},
    "AVIF": {"quality": 70, "speed": 6, "subsampling": "4:2:0", "max_threads": 1},
    "WEBP": {"quality": 85, "method": 4},
}
# Each step shrinks the previous image; this gap lets Pillow pre-reduce by whole factors first (much faster) and
# still finish with a full Lanczos pass, which looks the same as Lanczos all the way.
_REDUCING_GAP = 3.0
_HASH_PURPOSE = b"vitrine.exhibition.rendition-name"


@dataclass(frozen=True)
class Rendition:
    format: str
    width: int
    height: int
    data: bytes
    sha256: str

    @property
    def extension(self):
        return EXTENSIONS[self.format]

    @property
    def media_type(self):
        return MEDIA_TYPES[self.format]

    @property
    def byte_size(self):
        return len(self.data)


def rendition_widths(original_width, widths=DEFAULT_WIDTHS):
    """The widths to make, largest first: those asked that the original can give without upscaling, plus the
    original's own width when it is narrower than the largest asked."""
    chosen = {width for width in widths if width <= original_width}
    if widths and original_width < max(widths):
        chosen.add(original_width)
    return sorted(chosen, reverse=True)


def open_image(source):
    """Open a path or a binary file object lazily (nothing is decoded yet)."""
    if isinstance(source, str | Path):
        return Image.open(source)
    source.seek(0)
    return Image.open(source)


def loaded_rgb(image, at_least=None):
    """Decode `image` as RGB (the image itself when it already is: a large original is not copied).

    The JPEG decoder may scale down by 1/2, 1/4 or 1/8 while staying at least `at_least` large: a 24 MP original
    asked for 2400 px is decoded at a quarter of the memory and time."""
    if at_least and image.format == "JPEG":
        image.draft("RGB", at_least)
    image.load()
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, FLATTEN_ON)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        rgba.close()
        return flat
    if image.mode != "RGB":
        return image.convert("RGB")
    return image


def encode(image, fmt, **options):
    """The image's pixels in `fmt`, with no metadata at all."""
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, fmt, **{**ENCODER_OPTIONS[fmt], **options, **_NO_METADATA})
    return buffer.getvalue()


def public_renditions(source, widths=DEFAULT_WIDTHS, formats=DEFAULT_FORMATS):
    """Yield a Rendition for each width (largest first, see rendition_widths) and each format, in that order.

    `source` is a path or a binary file object of a cleaned original. Consume the generator as you store: a
    rendition's pixels are dropped once all its formats have been encoded.
    """
    unknown = [fmt for fmt in formats if fmt not in ENCODER_OPTIONS]
    if unknown:
        raise ValueError(f"Unsupported rendition format(s): {', '.join(unknown)}.")
    original = open_image(source)
    try:
        original_width, original_height = original.size
        targets = [
            (width, max(1, round(original_height * width / original_width)))
            for width in rendition_widths(original_width, widths)
        ]
        current = loaded_rgb(original, at_least=targets[0]) if targets else original
    except BaseException:
        original.close()
        raise
    if current is not original:
        original.close()
    try:
        for size in targets:
            if current.size != size:
                smaller = current.resize(size, Image.Resampling.LANCZOS, reducing_gap=_REDUCING_GAP)
                current.close()
                current = smaller
            for fmt in formats:
                data = encode(current, fmt)
                yield Rendition(fmt, size[0], size[1], data, hashlib.sha256(data).hexdigest())
    finally:
        current.close()


def opaque_name(sha256, width, fmt, key=None):
    """A storage name that reveals nothing: `exhibition/<2 hex>/<32 hex>-<width>.<ext>`.

    The hex is an HMAC of `sha256` (the original's hash) under the site's secret key: the same work gets the same
    stem in every width and format, and nobody can tell from the bytes of an image which name it would get.
    """
    if fmt not in EXTENSIONS:
        raise ValueError(f"Unsupported rendition format: {fmt}.")
    key = settings.SECRET_KEY if key is None else key
    if not key:
        raise ValueError("A secret key is needed to name public renditions.")
    key_bytes = key.encode() if isinstance(key, str) else key
    digest = hmac.new(key_bytes, _HASH_PURPOSE + b":" + sha256.lower().encode("ascii"), hashlib.sha256).hexdigest()
    return f"exhibition/{digest[:2]}/{digest[2:34]}-{int(width)}.{EXTENSIONS[fmt]}"
