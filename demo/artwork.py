"""Procedural abstract paintings for the demo (entries, hero and story images): nothing is downloaded.

Each JPEG carries EXIF camera, time and GPS tags on purpose, as a phone photo of a painting would,
so the intake pipeline's metadata stripping is exercised by the demo data itself.
"""

import io
import random

from PIL import ExifTags, Image, ImageDraw, ImageFilter

PALETTES = [
    ["#1d3557", "#457b9d", "#a8dadc", "#f1faee", "#e63946"],
    ["#264653", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51"],
    ["#3d405b", "#81b29a", "#f2cc8f", "#e07a5f", "#f4f1de"],
    ["#0b132b", "#1c2541", "#3a506b", "#5bc0be", "#ffd166"],
    ["#582f0e", "#7f4f24", "#936639", "#a68a64", "#c2c5aa"],
    ["#03045e", "#0077b6", "#00b4d8", "#90e0ef", "#ffb703"],
]

# Karaganda and Pavlodar lie around these coordinates; the tags are what stripping must remove.
DEMO_GPS = {"KAR": (49.80, 73.10), "PAV": (52.28, 76.97)}


def _dms(value):
    degrees = int(value)
    minutes_float = (value - degrees) * 60
    minutes = int(minutes_float)
    return (float(degrees), float(minutes), round((minutes_float - minutes) * 60, 2))


def demo_exif(latitude, longitude, when="2020:06:30 11:20:00"):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "DemoCam"
    exif[ExifTags.Base.Model] = "Facility Phone 2"
    exif[ExifTags.Base.DateTime] = when
    exif[ExifTags.Base.Software] = "Vitrine demo generator"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = _dms(latitude)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = _dms(longitude)
    return exif


def paint(seed, size=(1600, 1200)):
    """An abstract acrylic-like composition: a washed ground, bold shapes and brush strokes."""
    rng = random.Random(seed)
    palette = rng.choice(PALETTES)
    width, height = size
    image = Image.new("RGB", size, palette[-1] if rng.random() < 0.5 else palette[0])
    draw = ImageDraw.Draw(image, "RGBA")

    for _ in range(6):  # ground washes
        colour = Image.new("RGB", (1, 1), rng.choice(palette)).getpixel((0, 0))
        x0, y0 = rng.randint(-width // 4, width), rng.randint(-height // 4, height)
        draw.ellipse(
            (x0, y0, x0 + rng.randint(width // 2, width), y0 + rng.randint(height // 2, height)), fill=(*colour, 90)
        )
    image = image.filter(ImageFilter.GaussianBlur(40))
    draw = ImageDraw.Draw(image, "RGBA")

    for _ in range(rng.randint(8, 16)):  # shapes
        colour = Image.new("RGB", (1, 1), rng.choice(palette)).getpixel((0, 0))
        x0, y0 = rng.randint(0, width), rng.randint(0, height)
        x1, y1 = x0 + rng.randint(60, width // 2), y0 + rng.randint(60, height // 2)
        shape = rng.choice(["rectangle", "ellipse", "polygon"])
        fill = (*colour, rng.randint(140, 230))
        if shape == "rectangle":
            draw.rectangle((x0, y0, x1, y1), fill=fill)
        elif shape == "ellipse":
            draw.ellipse((x0, y0, x1, y1), fill=fill)
        else:
            points = [(rng.randint(0, width), rng.randint(0, height)) for _ in range(rng.randint(3, 6))]
            draw.polygon(points, fill=fill)

    for _ in range(rng.randint(20, 40)):  # strokes
        colour = Image.new("RGB", (1, 1), rng.choice(palette)).getpixel((0, 0))
        x, y = rng.randint(0, width), rng.randint(0, height)
        points = [(x, y)]
        for _ in range(rng.randint(2, 6)):
            x += rng.randint(-200, 200)
            y += rng.randint(-120, 120)
            points.append((x, y))
        draw.line(points, fill=(*colour, rng.randint(160, 255)), width=rng.randint(4, 22), joint="curve")

    return image.filter(ImageFilter.SMOOTH_MORE)


def hero_jpeg(seed, size=(1600, 900)):
    """JPEG bytes of painting `seed` without any metadata, for public Wagtail images (heroes, stories)."""
    buffer = io.BytesIO()
    paint(seed, size).save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def artwork_jpeg(seed, region_code="KAR", size=(1600, 1200)):
    """JPEG bytes of painting `seed`, tagged with the camera and GPS position of a phone in that region."""
    latitude, longitude = DEMO_GPS.get(region_code, DEMO_GPS["KAR"])
    rng = random.Random(seed)
    exif = demo_exif(latitude + rng.uniform(-0.05, 0.05), longitude + rng.uniform(-0.05, 0.05))
    buffer = io.BytesIO()
    paint(seed, size).save(buffer, "JPEG", quality=88, exif=exif)
    return buffer.getvalue()
