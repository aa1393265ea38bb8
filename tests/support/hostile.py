"""One corpus of hostile and awkward image uploads, made at test time (Pillow and bytes), for every door an image
comes in by: the facility portal, the officers' admin (Wagtail's image library) and `import_entries`.

Each item says what must happen to it: stored clean and upright (CLEAN), refused with a message that names the
problem (REFUSED, `says`), never a 500 nor a leftover. `check_clean` is what "clean" means: a re-encoded 8-bit
RGB still image, right way up, with no metadata at all.
"""

import io
import zipfile
from dataclasses import dataclass, field

import pillow_heif
from PIL import Image

from demo.artwork import demo_exif
from tests.intake import files

CLEAN, REFUSED = "clean", "refused"

# Strings planted in the corpus that must never reach a stored file.
PLANTED = [b"Secret Name", b"<script", b"PK\x03\x04", b"Exif\x00\x00", b"x:xmpmeta", b"DemoCam", b"8BIM", b"iTXt"]
PLANTED += [b"tEXt", b"zTXt", b"eXIf", b"iCCP", b"acTL"]


@dataclass(frozen=True)
class Item:
    key: str
    data: bytes = field(repr=False)
    expect: str
    says: str = ""  # a word of the refusal message (English)
    filename: str = "work.jpg"
    content_type: str = "image/jpeg"
    corners: tuple = (files.RED, files.BLUE)  # top-left and bottom-right colours of a clean copy
    # Where a door answers otherwise: {door: (expect, says)} (the import reads names from a manifest on disk).
    doors: dict = field(default_factory=dict)


def _polyglot_zip():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("payload.html", "<script>alert(1)</script>")
    return files.encode(files.marked(), "JPEG", quality=95) + archive.getvalue()


def corpus():
    """Every item, fresh bytes each call (a few hundred kB in all)."""
    jpeg = files.encode(files.marked(), "JPEG", quality=95)
    png = files.encode(files.marked(), "PNG")
    grey = ((0, 0, 0), (128, 128, 128))
    return [
        Item("jpeg-gps-xmp-iptc-comment", files.jpeg_with_everything(), CLEAN),
        Item("exif-rotated-6", files.turned_jpeg(6), CLEAN),
        Item("exif-rotated-8", files.turned_jpeg(8), CLEAN),
        Item("exif-rotated-3", files.turned_jpeg(3), CLEAN),
        Item("exif-transposed-5", files.turned_jpeg(5), CLEAN),
        Item("png-text-chunks-exif-icc", files.png_with_chunks(), CLEAN, filename="work.png", content_type="image/png"),
        Item("png-16-bit-grey", files.png_16bit_grey(), CLEAN, filename="scan.png", content_type="image/png",
             corners=grey),
        Item("png-16-bit-colour", files.png_16bit_rgb(), CLEAN, filename="scan.png", content_type="image/png"),
        Item("jpeg-cmyk", files.cmyk_jpeg(), CLEAN, filename="print.jpg"),
        Item("webp-exif-xmp", _webp_with_metadata(), CLEAN, filename="work.webp", content_type="image/webp"),
        Item("heic-exif", _heic(), CLEAN, filename="phone.heic", content_type="image/heic"),
        Item("apng-animated", files.animated("PNG"), CLEAN, filename="moving.png", content_type="image/png"),
        Item("webp-animated", files.animated("WEBP"), CLEAN, filename="moving.webp", content_type="image/webp"),
        Item("gif-animated", files.animated("GIF"), REFUSED, says="Accepted formats", filename="moving.gif",
             content_type="image/gif"),
        Item("polyglot-jpeg-html", jpeg + b"<html><script>alert(1)</script></html>", CLEAN),
        Item("polyglot-jpeg-zip", _polyglot_zip(), CLEAN),
        Item("polyglot-html-then-jpeg", b"<html><script>alert(1)</script></html>" + jpeg, REFUSED, says="Web pages"),
        Item("html-renamed", files.HTML, REFUSED, says="Web pages"),
        Item("svg-renamed", files.SVG, REFUSED, says="SVG", filename="drawing.png", content_type="image/png"),
        Item("pdf-renamed", files.PDF, REFUSED, says="PDF"),
        Item("truncated-jpeg", files.truncated_jpeg(), REFUSED, says="damaged"),
        Item("zero-bytes", b"", REFUSED, says="empty"),
        Item("pixel-bomb-png", files.png_bomb(), REFUSED, says="pixels", filename="bomb.png", content_type="image/png"),
        Item("pixel-bomb-jpeg-header", files.jpeg_header_bomb(), REFUSED, says="pixels"),
        Item("ratio-bomb-png", files.ratio_bomb(), REFUSED, says="decompression bomb", filename="flat.png",
             content_type="image/png"),
        Item("name-path-traversal", jpeg, CLEAN, filename="../../../../etc/cron.d/x.jpg",
             doors={"import": (REFUSED, "outside")}),
        Item("name-backslashes", jpeg, CLEAN, filename="..\\..\\windows\\win.jpg"),
        Item("name-odd-unicode", jpeg, CLEAN, filename="Сурет \u202egpj.exe\u200b Ұлы дала 🎨 e\u0301.jpg"),
        Item("name-very-long", jpeg, CLEAN, filename="ж" * 300 + ".jpg"),
        Item("content-type-lies-html", png, CLEAN, filename="work.png", content_type="text/html"),
        Item("extension-lies", png, CLEAN, filename="work.jpg"),
    ]  # fmt: skip


def _webp_with_metadata():
    return files.encode(files.marked(), "WEBP", quality=95, exif=demo_exif(52.2, 76.9), xmp=files.XMP)


def _heic():
    pillow_heif.register_heif_opener()
    return files.encode(files.marked(), "HEIF", quality=95, exif=demo_exif(52.2, 76.9))


def items_by_key():
    return {item.key: item for item in corpus()}


def keys():
    return [item.key for item in corpus()]


def expected(item, door):
    return item.doors.get(door, (item.expect, item.says))


def close(colour, wanted, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(colour[:3], wanted, strict=True))


def check_clean(data, item):
    """The stored bytes are a clean still image, right way up: raises AssertionError saying what is wrong."""
    for planted in PLANTED:
        assert planted not in data, f"{item.key}: the stored file still holds {planted!r}"
    with Image.open(io.BytesIO(data)) as image:
        assert image.format in ("JPEG", "PNG", "WEBP"), f"{item.key}: stored as {image.format}"
        assert image.mode == "RGB", f"{item.key}: stored in mode {image.mode}, not 8-bit RGB"
        assert not getattr(image, "is_animated", False), f"{item.key}: still animated"
        assert not image.getexif(), f"{item.key}: EXIF left"
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "Author", "Comment", "photoshop"):
            assert key not in image.info, f"{item.key}: {key} left"
        assert not getattr(image, "text", {}), f"{item.key}: PNG text left"
        width, height = image.size
        top_left, bottom_right = image.getpixel((2, 2)), image.getpixel((width - 3, height - 3))
    assert close(top_left, item.corners[0]) and close(bottom_right, item.corners[1]), (
        f"{item.key}: corners {top_left} and {bottom_right}, expected {item.corners}: turned or washed out"
    )


def multipart(fields, file_field, item, boundary="----vitrine-hostile-7f3a"):
    """A multipart/form-data body written by hand, so the file name reaches the server exactly as a hostile
    client sends it (Django's test client would keep only its last path part). Returns (body, content type)."""
    lines = []
    for name, value in fields.items():
        disposition = f'Content-Disposition: form-data; name="{name}"'
        lines += [f"--{boundary}".encode(), disposition.encode(), b"", value.encode()]
    filename = item.filename.replace('"', "%22").encode()
    lines += [
        f"--{boundary}".encode(),
        f'Content-Disposition: form-data; name="{file_field}"; filename="'.encode() + filename + b'"',
        f"Content-Type: {item.content_type}".encode(),
        b"",
        item.data,
        f"--{boundary}--".encode(),
        b"",
    ]
    return b"\r\n".join(lines), f"multipart/form-data; boundary={boundary}"
