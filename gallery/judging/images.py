"""Entry images as judges receive them: the stored bytes only when they carry no metadata, else re-encoded.

Intake already strips metadata; this is the second lock on the door, so a judge can never learn who or
where a work comes from from an image file, whatever path the file took into storage.
"""

import io

from PIL import Image

# Keys Pillow reports that describe pixels, not people or places.
HARMLESS_INFO = {
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "dpi",
    "progressive",
    "progression",
    "adobe",
    "adobe_transform",
    "gamma",
    "transparency",
    "background",
    "loop",
    "duration",
    "lossless",
    "interlace",
    "aspect",
}
OUTPUT = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def carries_metadata(image):
    return bool(set(image.info) - HARMLESS_INFO) or bool(image.getexif())


def clean_image_bytes(data):
    """(bytes, content type) safe to send to a judge."""
    with Image.open(io.BytesIO(data)) as image:
        if image.format in OUTPUT and not carries_metadata(image):
            return data, OUTPUT[image.format]
        image.load()
        output = io.BytesIO()
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(output, "JPEG", quality=90)
        return output.getvalue(), "image/jpeg"
