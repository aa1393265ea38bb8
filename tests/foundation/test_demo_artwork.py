"""Demo artworks are drawn by code and carry the metadata a phone photo would, so stripping is exercised."""

import io

from PIL import ExifTags, Image

from demo.artwork import artwork_jpeg


def test_demo_artwork_is_a_jpeg_with_camera_time_and_gps_tags():
    data = artwork_jpeg(7, "PAV", size=(400, 300))
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (400, 300)
    exif = image.getexif()
    assert exif[ExifTags.Base.Make] == "DemoCam"
    assert exif[ExifTags.Base.DateTime].startswith("2020:")
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    latitude = gps[ExifTags.GPS.GPSLatitude]
    assert gps[ExifTags.GPS.GPSLatitudeRef] == "N" and 52 <= float(latitude[0]) <= 53  # Pavlodar


def test_demo_artworks_differ_by_seed_and_repeat_for_the_same_seed():
    assert artwork_jpeg(1, size=(200, 150)) == artwork_jpeg(1, size=(200, 150))
    assert artwork_jpeg(1, size=(200, 150)) != artwork_jpeg(2, size=(200, 150))
