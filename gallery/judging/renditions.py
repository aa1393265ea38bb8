"""Pure Pillow: a judge's rendition of an already cleaned entry image, its long side at most `long_side` pixels,
re-encoded as JPEG with no metadata at all (no EXIF, ICC profile, comment or XMP: intake already converted to
sRGB)."""

import io

from PIL import Image

QUALITY = {"quality": 85, "optimize": True, "progressive": True}


def rendition_bytes(handle, long_side):
    """(JPEG bytes, width, height) of the image in the open binary file `handle`."""
    with Image.open(handle) as image:
        image.draft("RGB", (long_side, long_side))  # JPEG decodes at a reduced scale: less memory and time
        image = image.convert("RGB")
        image.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
        output = io.BytesIO()
        image.save(output, "JPEG", **QUALITY)
        return output.getvalue(), image.width, image.height
