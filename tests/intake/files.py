"""Real image files (and files pretending to be images) made in the test, byte for byte."""

import io
import struct
import zlib

from PIL import ExifTags, ImageCms

from demo.artwork import demo_exif, paint

XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Secret Name</dc:creator>'
    b"</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def picture(size=(800, 600), seed=1):
    return paint(seed, size)


def with_iptc(data):
    """Insert an APP13 (Photoshop/IPTC) segment naming the author right after the JPEG's SOI marker."""
    name = b"Secret Name"
    record = b"\x1c\x02\x50" + struct.pack(">H", len(name)) + name  # IPTC 2:80 By-line
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    body = b"Photoshop 3.0\x00" + resource
    return data[:2] + b"\xff\xed" + struct.pack(">H", len(body) + 2) + body + data[2:]


def jpeg(size=(800, 600), seed=1, *, exif=True, orientation=None, icc=None, comment=None, xmp=False):
    image = picture(size, seed)
    options = {"quality": 90}
    if exif:
        tags = demo_exif(49.8, 73.1)
        if orientation:
            tags[ExifTags.Base.Orientation] = orientation
        options["exif"] = tags
    if icc:
        options["icc_profile"] = icc
    if comment:
        options["comment"] = comment
    if xmp:
        options["xmp"] = XMP
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def png(size=(800, 600), seed=2, *, exif=True, alpha=False, text=True):
    from PIL import PngImagePlugin

    image = picture(size, seed)
    if alpha:
        image = image.convert("RGBA")
        image.putalpha(200)
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Author", "Secret Name")
        info.add_text("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info, exif=demo_exif(49.8, 73.1) if exif else None)
    return buffer.getvalue()


def webp(size=(800, 600), seed=3):
    buffer = io.BytesIO()
    picture(size, seed).save(buffer, "WEBP", quality=85, exif=demo_exif(52.2, 76.9), xmp=XMP)
    return buffer.getvalue()


def heic(size=(800, 600), seed=4):
    import pillow_heif

    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    picture(size, seed).save(buffer, "HEIF", quality=80, exif=demo_exif(52.2, 76.9))
    return buffer.getvalue()


def srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">'
    b"<script>alert(1)</script></svg>"
)
SVG_BARE = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def scan_pdf(pages=1):
    """A PDF as a scanner makes it: each page one JPEG image (Pillow's PDF writer)."""
    buffer = io.BytesIO()
    sheets = [picture((1240, 1754), seed) for seed in range(pages)]
    sheets[0].save(buffer, "PDF", resolution=150, save_all=True, append_images=sheets[1:])
    return buffer.getvalue()


def truncated_jpeg():
    data = jpeg((800, 600))
    return data[: len(data) // 2]


def png_bomb(width=20_000, height=20_000):
    """A tiny PNG whose header claims 400 megapixels: decoding it would need gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # greyscale, 8 bits
    row = b"\x00" + b"\x00" * width
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(50)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


# Pictures whose corners say which way is up: a red top-left block and a blue bottom-right block on grey, so a
# stored copy that is rotated, mirrored or washed out shows it in two pixels.
RED, BLUE, GREY = (220, 20, 20), (20, 40, 220), (128, 128, 128)


def marked(size=(800, 600)):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, GREY)
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle((0, 0, width // 4, height // 4), fill=RED)
    draw.rectangle((width - width // 4, height - height // 4, width, height), fill=BLUE)
    return image


def encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


# The transpose that undoes each EXIF orientation's turn: the pixels are stored turned, the tag says how to undo it.
_TURNED = {3: "ROTATE_180", 6: "ROTATE_90", 8: "ROTATE_270", 5: "TRANSPOSE", 2: "FLIP_LEFT_RIGHT"}


def turned_jpeg(orientation, size=(800, 600)):
    """A marked picture stored turned, with the EXIF orientation (and GPS) that puts it upright again."""
    from PIL import Image

    stored = marked(size).transpose(getattr(Image.Transpose, _TURNED[orientation]))
    tags = demo_exif(49.8, 73.1)
    tags[ExifTags.Base.Orientation] = orientation
    return encode(stored, "JPEG", quality=95, exif=tags)


def cmyk_jpeg(size=(800, 600)):
    """A print-shop scan: CMYK JPEG (Adobe inverted CMYK), which browsers show wrongly or not at all."""
    return encode(marked(size).convert("CMYK"), "JPEG", quality=95)


def png_16bit_grey(size=(800, 600)):
    """A 16-bit greyscale scan (mode I;16): black top-left corner, mid-grey elsewhere."""
    from PIL import Image, ImageDraw

    image = Image.new("I", size, 32768)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 4, size[1] // 4), fill=0)
    return encode(image.convert("I;16"), "PNG")


def png_16bit_rgb(size=(800, 600)):
    """A 48-bit colour PNG, written chunk by chunk (Pillow writes no 16-bit colour)."""
    from PIL import Image

    width, height = size
    # Each 8-bit level v becomes the 16-bit level v * 257, that is the byte v twice: stretch the raw bytes.
    raw = Image.frombytes("L", (width * 3, height), marked(size).tobytes())
    doubled = raw.resize((width * 6, height), Image.Resampling.NEAREST).tobytes()
    line = width * 6
    rows = b"".join(b"\x00" + doubled[y * line : (y + 1) * line] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b"")


def png_with_chunks(size=(800, 600)):
    """Text in every PNG chunk that carries it: tEXt, zTXt, iTXt (XMP), eXIf with GPS, and a sRGB-named iCCP."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Secret Name")
    info.add_text("Comment", "Secret Name lives in cell 12", zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode(), lang="en")
    return encode(marked(size), "PNG", pnginfo=info, exif=demo_exif(49.8, 73.1), icc_profile=srgb_profile())


def animated(fmt, size=(800, 600)):
    """Three frames; the first is the marked picture."""
    from PIL import Image

    frames = [marked(size), Image.new("RGB", size, (0, 200, 0)), Image.new("RGB", size, (250, 250, 0))]
    options = {"save_all": True, "append_images": frames[1:], "duration": 100, "loop": 0}
    return encode(frames[0], fmt, **options)


def jpeg_with_everything(size=(800, 600)):
    """GPS EXIF, XMP naming the artist, an IPTC by-line and a comment, all in one JPEG."""
    data = encode(marked(size), "JPEG", quality=95, exif=demo_exif(49.8, 73.1), xmp=XMP, comment=b"Secret Name")
    return with_iptc(data)


def jpeg_header_bomb(width=60_000, height=60_000):
    """A small JPEG whose frame header claims 3.6 gigapixels."""
    data = bytearray(encode(marked((64, 48)), "JPEG"))
    frame = data.index(b"\xff\xc0")
    data[frame + 5 : frame + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def ratio_bomb(side=5000):
    """A valid, flat PNG of 25 megapixels in about 25 kB: within the pixel limit, but a thousand times bigger
    once decoded than on the wire."""
    from PIL import Image

    return encode(Image.new("L", (side, side), 0), "PNG", optimize=True)


def _chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
