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

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # greyscale, 8 bits
    row = b"\x00" + b"\x00" * width
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(50)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
