"""What the public sees of an exhibition, read in a fixed number of queries whatever the number of works.

A work is shown when its entry is submitted, its consent is recorded, it has not been taken down and (outside
preview) its public images exist. What is said of the artist follows the consent: the credit as given, the
facility and region only when the facility agreed. Nothing here reads the artist code or the entry reference.
"""

from dataclasses import dataclass, field

from django.core.files.storage import FileSystemStorage
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import filepath_to_uri
from django.utils.functional import cached_property

from gallery.exhibition.models.public_files import PublicRendition, ShareImage
from gallery.exhibition.models.works import ExhibitedImage
from gallery.exhibition.renditions import EXTENSIONS
from gallery.models import Entry

# Modern format first: the browser takes the first <source> it supports, JPEG is the <img> fallback.
SOURCE_FORMATS = ("AVIF", "WEBP")
FALLBACK_FORMAT = "JPEG"
# The rendition a link to "the image" (no-JavaScript fallback, lightbox) opens: large but not the largest.
LINK_WIDTH = 1920


@dataclass
class ShownImage:
    entry_image_id: int
    alt: str
    width: int
    height: int
    sources: list  # [(media type, srcset)] for <source>, modern formats only
    srcset: str  # JPEG widths for <img>
    src: str  # a JPEG of moderate width for <img src>
    large: str  # what a plain link and the lightbox open


@dataclass
class ShownWork:
    number: int
    title: str
    award: str
    award_label: str
    rank: int | None
    credit_line: str
    facility_name: str
    region_name: str
    medium: str
    dimensions: str
    year: int | None
    statement: str
    images: list = field(default_factory=list)
    entry_id: int | None = None
    share_card: dict | None = None

    @property
    def route(self):
        return f"works/{self.number}/"

    @property
    def image(self):
        return self.images[0] if self.images else None

    @property
    def first_image_id(self):
        return self.images[0].entry_image_id if self.images else None


@dataclass
class ShownExhibition:
    works: list
    share_card: dict | None

    @cached_property
    def by_number(self):
        return {work.number: work for work in self.works}

    def find(self, number):
        return self.by_number.get(number)

    def neighbours(self, work):
        """The works before and after `work` in the exhibition's order (None at the ends)."""
        index = self.works.index(work)
        before = self.works[index - 1] if index > 0 else None
        after = self.works[index + 1] if index + 1 < len(self.works) else None
        return before, after

    def section(self, award):
        return [work for work in self.works if work.award == award]

    @property
    def winners(self):
        return self.section("winner")

    @property
    def honourable(self):
        return self.section("honourable")

    @property
    def eligible(self):
        return self.section("")


def shown_entry(prefix=""):
    """The rule for an entry that may be shown at all, as filters on the entry at `prefix` ("work__entry__")."""
    return Q(
        **{
            f"{prefix}state": Entry.State.SUBMITTED,
            f"{prefix}consent_confirmed": True,
            f"{prefix}takedown__isnull": True,
        }
    )


def shown_entries(entry_ids):
    """The entries among `entry_ids` that may be shown at all, with their facility and region (unordered: Entry's
    default order would join the contest page and sort by region and facility names for nothing)."""
    return Entry.objects.filter(shown_entry(), pk__in=entry_ids).select_related("facility__region").order_by()


@dataclass(frozen=True)
class Rendition:
    """What a page needs of a PublicRendition row, read without making model objects (hundreds on a page)."""

    format: str
    width: int
    height: int
    url: str


def _renditions(image_ids):
    """{entry image id: [Rendition]} of the public renditions of these images (unordered: shown_image() sorts them,
    and PublicRendition's default order would join entries, facilities and regions)."""
    url = _url_maker(PublicRendition._meta.get_field("file").storage)
    fields = ("entry_image_id", "format", "width", "height", "file")
    found = {}
    for image_id, fmt, width, height, name in (
        PublicRendition.objects.filter(entry_image_id__in=image_ids).order_by().values_list(*fields)
    ):
        found.setdefault(image_id, []).append(Rendition(fmt, width, height, url(name)))
    return found


def _url_maker(storage):
    """storage.url, or for files on the local disk the same URL without urljoin() for each of hundreds of names
    (base_url ends with a slash; the names are opaque, relative and need no joining rules)."""
    if isinstance(storage, FileSystemStorage):
        base_url = storage.base_url
        return lambda name: base_url + filepath_to_uri(name)
    return storage.url


def _srcset(renditions):
    return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions)


def shown_image(exhibited, renditions):
    """A ShownImage from the Renditions of one image (any order), or None when it has no JPEG yet."""
    by_format = {}
    for rendition in sorted(renditions, key=lambda rendition: rendition.width):
        by_format.setdefault(rendition.format, []).append(rendition)
    jpegs = by_format.get(FALLBACK_FORMAT)
    if not jpegs:
        return None
    largest = jpegs[-1]
    moderate = next((jpeg for jpeg in jpegs if jpeg.width >= 960), largest)
    linked = next((jpeg for jpeg in jpegs if jpeg.width >= LINK_WIDTH), largest)
    sources = [(f"image/{EXTENSIONS[fmt]}", _srcset(by_format[fmt])) for fmt in SOURCE_FORMATS if by_format.get(fmt)]
    return ShownImage(
        entry_image_id=exhibited.entry_image_id,
        alt=exhibited.alt_text,
        width=largest.width,
        height=largest.height,
        sources=sources,
        srcset=_srcset(jpegs),
        src=moderate.url,
        large=linked.url,
    )


def preview_image(exhibited):
    """In the editor's preview, before anything is public: the private thumbnail, served after a permission check."""
    image = exhibited.entry_image
    url = reverse("portal:image_thumbnail", args=[image.pk])
    return ShownImage(image.pk, exhibited.alt_text, image.width, image.height, [], "", url, url)


def _card(share_image, alt):
    if share_image is None:
        return None
    return {"url": share_image.file.url, "width": share_image.width, "height": share_image.height, "alt": alt}


def _live_rows(page):
    """The live page's works that may be shown, with their images and entries (facility and region), in one query:
    a work is left out when its entry may not be shown or it has no image. Its renditions then come with a
    subquery rather than a long list of ids; with the share images, three queries whatever the number of works."""
    images = ExhibitedImage.objects.filter(shown_entry("work__entry__"), work__page=page)
    if not page.show_all_eligible:
        images = images.exclude(work__award="")
    rows, images_of, entries = [], {}, {}
    ordered = images.select_related("work__entry__facility__region").order_by(
        "work__sort_order", "work__pk", "sort_order", "pk"
    )
    for image in ordered:
        if image.work_id not in images_of:
            rows.append(image.work)
            images_of[image.work_id] = []
            entries[image.work.entry_id] = image.work.entry
        images_of[image.work_id].append(image)
    return rows, images_of, entries, images.values("entry_image_id")


def _draft_rows(page):
    """A draft's works live in memory (the revision being previewed)."""
    rows = list(page.works.all())
    images = {id(row): list(row.images.all()) for row in rows}
    entries = {entry.pk: entry for entry in shown_entries([row.entry_id for row in rows])}
    return (
        rows,
        images,
        entries,
        [image.entry_image_id for row_images in images.values() for image in row_images],
    )


def shown_exhibition(page, preview=False):
    """The works of `page` as the public sees them (or, with `preview`, as the editor's draft would show them)."""
    rows, images_of, entries, image_ids = _draft_rows(page) if preview else _live_rows(page)
    renditions = _renditions(image_ids)
    share_images = {share.entry_id: share for share in ShareImage.objects.filter(page_id=page.pk)} if page.pk else {}
    works = []
    for row in rows:
        entry = entries.get(row.entry_id)
        if entry is None or (row.award == "" and not page.show_all_eligible):
            continue
        images = []
        for exhibited in images_of[id(row) if preview else row.pk]:
            image = shown_image(exhibited, renditions.get(exhibited.entry_image_id, []))
            if image is None and preview:
                image = preview_image(exhibited)
            if image is not None:
                images.append(image)
        if not images:
            continue
        work = _shown_work(row, entry, images)
        work.share_card = _card(share_images.get(entry.pk), work.title)
        works.append(work)
    return ShownExhibition(works=works, share_card=_card(share_images.get(None), page.title))


def _shown_work(row, entry, images):
    consented = entry.show_facility
    return ShownWork(
        number=row.number,
        title=entry.title,
        award=row.award,
        award_label=row.get_award_display() if row.award else "",
        rank=row.rank,
        credit_line=entry.credit_line,
        facility_name=entry.facility.name if consented else "",
        region_name=entry.facility.region.name if consented else "",
        medium=entry.medium,
        dimensions=entry.dimensions,
        year=entry.year,
        statement=entry.statement,
        images=images,
        entry_id=entry.pk,
    )
