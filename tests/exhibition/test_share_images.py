"""Share images and the media kit: real JPEGs made by Pillow, read back pixel by pixel (no database)."""

import io

import pytest
from PIL import Image, ImageChops, ImageDraw

from gallery.exhibition.share_images import (
    COLLAGE_BACKGROUND,
    NEUTRAL_BACKGROUND,
    ShareImageError,
    collage,
    collage_cells,
    landscape,
    square,
    work_card,
)
from tests.exhibition.test_renditions import assert_metadata_free, planted_jpeg, sniffed_format
from tests.intake import files

MARKERS = {"top_left": (255, 0, 0), "top_right": (0, 200, 0), "bottom_left": (0, 0, 255), "bottom_right": (255, 0, 255)}
MAGENTA = (255, 0, 255)


def jpeg_of(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    buffer.seek(0)
    return buffer


def solid(colour, size=(300, 200)):
    return jpeg_of(Image.new("RGB", size, colour))


def marked_work(size):
    """A grey work with a coloured square at each corner: if any corner is cut, its colour is missing."""
    image = Image.new("RGB", size, (128, 128, 128))
    draw = ImageDraw.Draw(image)
    side = max(size) // 10
    width, height = size
    boxes = {
        "top_left": (0, 0, side, side),
        "top_right": (width - side, 0, width, side),
        "bottom_left": (0, height - side, side, height),
        "bottom_right": (width - side, height - side, width, height),
    }
    for corner, box in boxes.items():
        draw.rectangle((box[0], box[1], box[2] - 1, box[3] - 1), fill=MARKERS[corner])
    return jpeg_of(image)


def opened(data):
    assert sniffed_format(data) == "JPEG"
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    return image.convert("RGB")


def close_to(pixel, colour, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def bbox_of(image, colour):
    """The bounding box (left, top, right, bottom) of the pixels close to `colour`, or None."""
    masks = [
        band.point(lambda value, wanted=wanted: 255 if abs(value - wanted) <= 40 else 0)
        for band, wanted in zip(image.split(), colour, strict=True)
    ]
    return ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2]).getbbox()


def assert_whole_work_inside(card, work_size):
    """Every corner marker is in the card, in its own corner, and together they span the work's aspect."""
    boxes = {corner: bbox_of(card, colour) for corner, colour in MARKERS.items()}
    assert all(boxes.values()), boxes
    left, top = boxes["top_left"][:2]
    right, bottom = boxes["bottom_right"][2:]
    assert boxes["top_right"][2] == pytest.approx(right, abs=2) and boxes["top_right"][1] == pytest.approx(top, abs=2)
    assert boxes["bottom_left"][0] == pytest.approx(left, abs=2)
    assert boxes["bottom_left"][3] == pytest.approx(bottom, abs=2)
    # Not cut: the markers span the work's whole aspect, and a margin is kept to the card's edges.
    assert (right - left) / (bottom - top) == pytest.approx(work_size[0] / work_size[1], rel=0.02)
    assert left > 0 and top > 0 and right < card.width and bottom < card.height
    return left, top, right, bottom


@pytest.mark.parametrize("count", range(1, 9))
def test_a_collage_is_exactly_the_share_size_for_any_number_of_images(count):
    sources = [files.jpeg((400 + 37 * index, 300), seed=index + 1) for index in range(count)]

    data = collage(io.BytesIO(source) for source in sources)

    assert opened(data).size == (1200, 630)
    assert_metadata_free(data)


def test_a_collage_of_nothing_is_refused_clearly():
    with pytest.raises(ShareImageError, match="at least one image"):
        collage([])


@pytest.mark.parametrize(("count", "rows"), [(2, [2]), (3, [3]), (4, [2, 2]), (5, [3, 2]), (6, [3, 3]), (8, [3, 3])])
def test_the_collage_cells_are_a_grid_that_does_not_overlap(count, rows):
    cells = collage_cells(count)

    tops = sorted({cell[1] for cell in cells})
    assert [sum(1 for cell in cells if cell[1] == top) for top in tops] == rows
    for index, cell in enumerate(cells):
        left, top, right, bottom = cell
        assert 0 < left < right < 1200 and 0 < top < bottom < 630
        for other in cells[index + 1 :]:
            assert right <= other[0] or other[2] <= left or bottom <= other[1] or other[3] <= top
    # Cells in a row have the same size to a pixel, and the gutters are thin.
    widths = {cell[2] - cell[0] for cell in cells if cell[1] == tops[0]}
    assert max(widths) - min(widths) <= 1
    assert cells[1][0] - cells[0][2] <= 12


def test_each_collage_cell_is_filled_by_the_centre_of_its_image():
    # Wide images whose middle third is the colour to find and whose sides are magenta: a portrait cell cut from
    # the centre shows only the middle colour.
    colours = [(220, 40, 40), (40, 180, 60), (40, 60, 220)]
    sources = []
    for colour in colours:
        image = Image.new("RGB", (1200, 300), MAGENTA)
        image.paste(colour, (400, 0, 800, 300))
        sources.append(jpeg_of(image))

    result = opened(collage(sources))

    for colour, (left, top, right, bottom) in zip(colours, collage_cells(3), strict=True):
        for x, y in ((left + 2, top + 2), (right - 3, bottom - 3), ((left + right) // 2, (top + bottom) // 2)):
            assert close_to(result.getpixel((x, y)), colour), (x, y, result.getpixel((x, y)))
        # The gutter to the left of the cell is the background.
        assert close_to(result.getpixel((left - 3, (top + bottom) // 2)), COLLAGE_BACKGROUND)
    assert bbox_of(result, MAGENTA) is None


def test_a_collage_shows_only_the_first_six_images_and_one_image_fills_it():
    first_six = [solid((30 * index + 40, 120, 120)) for index in range(6)]
    result = opened(collage([*first_six, solid(MAGENTA), solid(MAGENTA)]))
    assert bbox_of(result, MAGENTA) is None

    single = opened(collage([solid((40, 90, 200), (500, 900))]))
    for corner in ((0, 0), (1199, 0), (0, 629), (1199, 629), (600, 315)):
        assert close_to(single.getpixel(corner), (40, 90, 200)), corner


@pytest.mark.parametrize("work_size", [(600, 900), (1600, 400), (500, 500)])
def test_a_work_card_shows_the_whole_work_on_a_dimmed_wash_of_itself(work_size):
    card = opened(work_card(marked_work(work_size)))

    assert card.size == (1200, 630)
    left, top, right, bottom = assert_whole_work_inside(card, work_size)
    # The wash around the work is darker than the work's grey.
    outside = card.getpixel((max(0, left // 2), 315)) if left > 8 else card.getpixel((600, top // 2))
    assert sum(outside) < 3 * 128


@pytest.mark.parametrize("make, size", [(square, (1080, 1080)), (landscape, (1200, 630))])
@pytest.mark.parametrize("work_size", [(600, 900), (1600, 400)])
def test_the_media_kit_contains_the_whole_work_on_a_neutral_background(make, size, work_size):
    image = opened(make(marked_work(work_size)))

    assert image.size == size
    assert_whole_work_inside(image, work_size)
    for corner in ((2, 2), (size[0] - 3, size[1] - 3)):
        assert close_to(image.getpixel(corner), NEUTRAL_BACKGROUND, tolerance=6)


@pytest.mark.parametrize("make", [work_card, square, landscape, lambda source: collage([source, source])])
def test_share_images_carry_no_metadata_and_are_the_same_bytes_each_time(make):
    source = planted_jpeg((640, 480))

    first = make(io.BytesIO(source))

    assert_metadata_free(first)
    assert make(io.BytesIO(source)) == first


def test_a_small_work_given_as_a_path_is_contained_whole(tmp_path):
    path = tmp_path / "work.jpg"
    path.write_bytes(marked_work((120, 90)).getvalue())

    assert_whole_work_inside(opened(landscape(str(path))), (120, 90))
