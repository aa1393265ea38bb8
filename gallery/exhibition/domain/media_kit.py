"""The officers' social media kit of a published exhibition: one zip with a square and a landscape picture of
every awarded work and ready-to-post captions in English, Russian and Kazakh.

Made from what the public already sees (showing.shown_exhibition): works taken down, without consent or without
public images are not in it, and it says of the artist only what the exhibition says (the credit as consented,
the facility only when it agreed to be named). File names are the work's place in the kit and its title, never
the artist code, the reference or the facility. Pictures are made one at a time from the public JPEG renditions
and written straight into a temporary file that moves to disk past a few megabytes, so memory stays bounded
whatever the number of works.
"""

import tempfile
import zipfile
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gallery.exhibition import share_images
from gallery.exhibition.certificates import AWARDS
from gallery.exhibition.domain.public_files import SHARE_SOURCE_WIDTH
from gallery.exhibition.domain.showing import shown_exhibition
from gallery.exhibition.models import PublicRendition
from gallery.models import Entry

CAPTION_LANGUAGES = ("en", "ru", "kk")
KIT_AWARDS = ("winner", "honourable")
# Beyond this the zip under construction moves from memory to a file on disk.
SPOOL_IN_MEMORY = 8 * 1024 * 1024
MAX_SLUG = 50


@dataclass
class KitWork:
    stem: str  # "01-title-of-the-work"
    work: object  # showing.ShownWork
    source_name: str  # the public JPEG rendition the pictures are made from
    credit: str  # as consented; "" for an anonymous work

    @property
    def square(self):
        return f"square/{self.stem}.jpg"

    @property
    def landscape(self):
        return f"landscape/{self.stem}.jpg"


def source_renditions(image_ids):
    """For each entry image, the public JPEG a kit picture is made from: the narrowest at least SHARE_SOURCE_WIDTH
    wide, else the largest there is."""
    by_image = {}
    for rendition in PublicRendition.objects.filter(entry_image_id__in=image_ids, format="JPEG").order_by("width"):
        by_image.setdefault(rendition.entry_image_id, []).append(rendition)
    chosen = {}
    for image_id, jpegs in by_image.items():
        chosen[image_id] = next((jpeg for jpeg in jpegs if jpeg.width >= SHARE_SOURCE_WIDTH), jpegs[-1])
    return chosen


def _credits(entry_ids):
    """The credit of each entry as consented ("" when anonymous): only the two credit fields are read."""
    rows = Entry.objects.filter(pk__in=entry_ids).values_list("pk", "credit", "credit_name")
    return {pk: "" if credit == Entry.Credit.ANONYMOUS else name for pk, credit, name in rows}


def _slug(title):
    slug = slugify(title, allow_unicode=True)[:MAX_SLUG].strip("-_")
    return slug or "work"


def kit_works(page):
    """The works of the kit in posting order (winners, then honourable mentions, each in the exhibition's order)."""
    shown = shown_exhibition(page)
    works = [work for award in KIT_AWARDS for work in shown.section(award)]
    sources = source_renditions([work.first_image_id for work in works])
    credits = _credits([work.entry_id for work in works])
    works = [work for work in works if work.first_image_id in sources]
    width = max(2, len(str(len(works))))
    return [
        KitWork(
            stem=f"{place:0{width}d}-{_slug(work.title)}",
            work=work,
            source_name=sources[work.first_image_id].file.name,
            credit=credits.get(work.entry_id, ""),
        )
        for place, work in enumerate(works, start=1)
    ]


def _award_label(work):
    plain, ranked = AWARDS[work.award]
    if work.award == "winner" and work.rank:
        return str(ranked) % {"rank": work.rank}
    return str(plain)


def captions(page, works, language, page_url_for):
    """The caption file's text in `language`: a block per work, ready to paste under its picture.

    `page_url_for(language)` is the exhibition's absolute URL in that language."""
    with translation.override(language):
        base = page_url_for(language)
        hashtag = page.hashtag.strip()
        lines = [page.title, base, ""]
        for kit_work in works:
            work = kit_work.work
            lines.append(f"{kit_work.stem}")
            lines.append(_("Title: %(title)s") % {"title": work.title})
            lines.append(_("Award: %(award)s") % {"award": _award_label(work)})
            lines.append(_("Artist: %(credit)s") % {"credit": kit_work.credit or _("Anonymous artist")})
            if work.facility_name:
                lines.append(_("Facility: %(facility)s") % {"facility": work.facility_name})
            lines.append(_("See the work: %(url)s") % {"url": base + work.route})
            if hashtag:
                lines.append(hashtag)
            lines.append(
                _("Pictures: %(square)s, %(landscape)s") % {"square": kit_work.square, "landscape": kit_work.landscape}
            )
            lines.append("")
        return "\n".join(lines)


def _write(archive, name, data, compress):
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def build_media_kit(page, page_url_for):
    """The kit of a live exhibition as an open temporary file (positioned at its start), the caller closes it."""
    works = kit_works(page)
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)
    try:
        with zipfile.ZipFile(spool, "w") as archive:
            for kit_work in works:
                # One picture decoded at a time: each source is opened, turned into JPEG bytes and written away.
                for name, make in (
                    (kit_work.square, share_images.square),
                    (kit_work.landscape, share_images.landscape),
                ):
                    with default_storage.open(kit_work.source_name, "rb") as handle:
                        _write(archive, name, make(handle), compress=False)
            for language in CAPTION_LANGUAGES:
                text = captions(page, works, language, page_url_for)
                _write(archive, f"captions-{language}.txt", text.encode("utf-8"), compress=True)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return spool


def kit_filename(page):
    return f"media-kit-{_slug(page.slug) if page.slug else page.pk}.zip"
