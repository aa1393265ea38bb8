"""Share images of the exhibition: the picture a link shows on social networks, and the officers' media kit.

Pure Pillow: images in (paths or binary file objects of public renditions), metadata-free JPEG bytes out. There is
no text on any of them: texts are translated, so they go in the page's meta tags and the officers' posts. A work
is cropped only in the collage, where each cell is a glimpse that leads to the exhibition; everywhere else a work
is shown whole (an artwork must not be cut) on a calm background.
"""

from PIL import Image, ImageEnhance, ImageFilter, ImageOps

from gallery.exhibition.renditions import encode, loaded_rgb, open_image

SHARE_SIZE = (1200, 630)  # Open Graph's recommended size: 1.91:1
SQUARE_SIZE = (1080, 1080)
MAX_COLLAGE_IMAGES = 6
COLLAGE_BACKGROUND = (24, 24, 24)
COLLAGE_GUTTER = 6
# A warm light grey, like a gallery wall: it flatters neither a dark nor a bright work.
NEUTRAL_BACKGROUND = (236, 234, 230)
# The space kept around a contained work, as a share of the canvas' shorter side.
CONTAINED_MARGIN = 0.06
# The work card's background: the work itself, blurred to a wash of its colours and dimmed so the work stands out.
_WASH_SHRINK = 16
_WASH_BLUR = 6
_WASH_BRIGHTNESS = 0.45
_WASH_SATURATION = 0.8


class ShareImageError(ValueError):
    """A share image was asked for with nothing to show."""


def _row_lengths(count):
    """How many images each row of the collage holds: one row up to three, then two rows (the top one fuller)."""
    if count <= 3:
        return [count]
    return [(count + 1) // 2, count // 2]


def _spans(total, parts, gutter):
    """`parts` equal spans of `total` pixels with `gutter` pixels before, between and after them (rounded so the
    edges meet exactly)."""
    inner = total - gutter * (parts + 1)
    return [
        (gutter * (index + 1) + round(index * inner / parts), gutter * (index + 1) + round((index + 1) * inner / parts))
        for index in range(parts)
    ]


def collage_cells(count, size=SHARE_SIZE, gutter=COLLAGE_GUTTER):
    """The collage's cells as (left, top, right, bottom) boxes, row by row, for `count` images (at most six)."""
    count = min(count, MAX_COLLAGE_IMAGES)
    if count < 1:
        return []
    width, height = size
    rows = _row_lengths(count)
    cells = []
    for (top, bottom), in_row in zip(_spans(height, len(rows), gutter), rows, strict=True):
        cells.extend((left, top, right, bottom) for left, right in _spans(width, in_row, gutter))
    return cells


def _open_covering(source, cell_size):
    """The image at a size that covers `cell_size`, centre-cropped to it."""
    with open_image(source) as image:
        picture = loaded_rgb(image, at_least=cell_size)
        covered = ImageOps.fit(picture, cell_size, Image.Resampling.LANCZOS, centering=(0.5, 0.5))
        picture.close()
    return covered


def _contained_size(image_size, box):
    width, height = image_size
    scale = min(box[0] / width, box[1] / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _open_contained(source, box):
    """The whole image, scaled to fit inside `box`."""
    with open_image(source) as image:
        target = _contained_size(image.size, box)
        picture = loaded_rgb(image, at_least=target)
        if picture.size == target:
            return picture if picture is not image else picture.copy()
        contained = picture.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
        picture.close()
    return contained


def collage(images, size=SHARE_SIZE, background=COLLAGE_BACKGROUND, gutter=COLLAGE_GUTTER):
    """A JPEG of the first six `images` in a grid, each centre-cropped to fill its cell.

    One image fills the canvas; two or three stand in columns; four to six make two rows. With no image there is
    nothing to show: ShareImageError (the page then uses the site's default share image).
    """
    sources = list(images)[:MAX_COLLAGE_IMAGES]
    if not sources:
        raise ShareImageError("A collage needs at least one image.")
    # A single image fills the canvas edge to edge: a frame of gutter around one picture looks like a mistake.
    cells = [(0, 0, *size)] if len(sources) == 1 else collage_cells(len(sources), size, gutter)
    canvas = Image.new("RGB", size, background)
    # One source decoded at a time: six 2400 px renditions never sit in memory together.
    for source, (left, top, right, bottom) in zip(sources, cells, strict=True):
        cell = _open_covering(source, (right - left, bottom - top))
        canvas.paste(cell, (left, top))
        cell.close()
    return encode(canvas, "JPEG")


def _inner_box(size, margin=CONTAINED_MARGIN):
    space = round(min(size) * margin)
    return size[0] - 2 * space, size[1] - 2 * space


def _paste_centred(canvas, picture):
    left = (canvas.width - picture.width) // 2
    top = (canvas.height - picture.height) // 2
    canvas.paste(picture, (left, top))
    return left, top


def _wash(picture, size):
    """A blurred, dimmed cover of `size` made from `picture`'s own colours."""
    small = (max(1, size[0] // _WASH_SHRINK), max(1, size[1] // _WASH_SHRINK))
    wash = ImageOps.fit(picture, small, Image.Resampling.BOX).filter(ImageFilter.GaussianBlur(_WASH_BLUR / 4))
    wash = wash.resize(size, Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(_WASH_BLUR))
    wash = ImageEnhance.Color(wash).enhance(_WASH_SATURATION)
    return ImageEnhance.Brightness(wash).enhance(_WASH_BRIGHTNESS)


def work_card(image, size=SHARE_SIZE):
    """A JPEG of one work, whole, centred on a blurred and dimmed wash of its own colours."""
    picture = _open_contained(image, _inner_box(size))
    canvas = _wash(picture, size)
    _paste_centred(canvas, picture)
    picture.close()
    return encode(canvas, "JPEG")


def contained_on(image, size, background=NEUTRAL_BACKGROUND):
    """A JPEG of one work, whole, centred on a plain `background` of `size`."""
    picture = _open_contained(image, _inner_box(size))
    canvas = Image.new("RGB", size, background)
    _paste_centred(canvas, picture)
    picture.close()
    return encode(canvas, "JPEG")


def square(image, size=SQUARE_SIZE, background=NEUTRAL_BACKGROUND):
    """The media kit's square post (Instagram and the like)."""
    return contained_on(image, size, background)


def landscape(image, size=SHARE_SIZE, background=NEUTRAL_BACKGROUND):
    """The media kit's landscape post (Facebook, X, Telegram link size)."""
    return contained_on(image, size, background)
