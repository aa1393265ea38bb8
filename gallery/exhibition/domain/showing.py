"""What the public sees of an exhibition, read in a fixed number of queries whatever the number of works.

A work is shown when its entry is submitted, its consent is recorded, it has not been taken down and (outside
preview) its public images exist. What is said of the artist follows the consent: the credit as given, the
facility and region only when the facility agreed. Nothing here reads the artist code or the entry reference.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import cached_property

from gallery.exhibition.models.public_files import PublicRendition, ShareImage
from gallery.exhibition.models.works import ExhibitedImage, ExhibitedWork
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


def shown_entries(entry_ids):
    """The entries among `entry_ids` that may be shown at all, with their facility and region."""
    return Entry.objects.filter(
        pk__in=entry_ids, state=Entry.State.SUBMITTED, consent_confirmed=True, takedown__isnull=True
    ).select_related("facility__region")


def _srcset(renditions):
    return ", ".join(f"{rendition.file.url} {rendition.width}w" for rendition in renditions)


def shown_image(exhibited, renditions):
    """A ShownImage from the renditions of one image (any order), or None when it has no JPEG yet."""
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
        src=moderate.file.url,
        large=linked.file.url,
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
    """The live page's works and their images, entries and renditions: five queries (the share images included)
    whatever the number of works, with subqueries rather than long lists of ids."""
    rows = list(ExhibitedWork.objects.filter(page=page).order_by("sort_order", "pk"))
    images = {}
    for image in ExhibitedImage.objects.filter(work__page=page).order_by("sort_order", "pk"):
        images.setdefault(image.work_id, []).append(image)
    entry_ids = ExhibitedWork.objects.filter(page=page).values("entry_id")
    image_ids = ExhibitedImage.objects.filter(work__page=page).values("entry_image_id")
    return rows, {row.pk: images.get(row.pk, []) for row in rows}, entry_ids, image_ids


def _draft_rows(page):
    """A draft's works live in memory (the revision being previewed)."""
    rows = list(page.works.all())
    images = {id(row): list(row.images.all()) for row in rows}
    return (
        rows,
        images,
        [row.entry_id for row in rows],
        [image.entry_image_id for row_images in images.values() for image in row_images],
    )


def shown_exhibition(page, preview=False):
    """The works of `page` as the public sees them (or, with `preview`, as the editor's draft would show them)."""
    if preview:
        rows, images_of, entry_ids, image_ids = _draft_rows(page)
    else:
        rows, images_of, entry_ids, image_ids = _live_rows(page)
    entries = {entry.pk: entry for entry in shown_entries(entry_ids)}
    renditions = {}
    for rendition in PublicRendition.objects.filter(entry_image_id__in=image_ids):
        renditions.setdefault(rendition.entry_image_id, []).append(rendition)
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
