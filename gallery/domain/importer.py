"""Offline intake: entries that arrived on a USB stick or by post, described by a CSV manifest.

Each row goes through the same rules and image pipeline as the portal, in its own transaction: a row that
fails leaves nothing behind (no entry, no stored file) and does not stop the other rows.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gallery.domain import entries as service
from gallery.domain.entry_images import MAX_IMAGES_PER_ENTRY, add_entry_image
from gallery.models import Entry

COLUMNS = [
    "title",
    "artist_code",
    "credit",
    "credit_name",
    "medium",
    "dimensions",
    "year",
    "statement",
    "show_facility",
    "consent",
    "images",
]
YES, NO = "yes", "no"


@dataclass
class RowResult:
    line: int
    ok: bool
    message: str
    entry: Entry | None = None

    def __str__(self):
        return f"{_('row')} {self.line}: {'OK' if self.ok else _('FAILED')} {self.message}"


class ManifestError(Exception):
    """The manifest as a whole cannot be read."""


def _yes_no(value, column):
    value = (value or "").strip().lower()
    if value not in (YES, NO):
        raise ValidationError(_("%(column)s must be yes or no.") % {"column": column})
    return value == YES


def _image_paths(value, folder):
    names = [name.strip() for name in (value or "").split(";") if name.strip()]
    if not 1 <= len(names) <= MAX_IMAGES_PER_ENTRY:
        raise ValidationError(
            _("An entry needs 1 to %(count)s images; this row lists %(found)s.")
            % {"count": MAX_IMAGES_PER_ENTRY, "found": len(names)}
        )
    paths = []
    for name in names:
        path = (folder / name).resolve()
        if not path.is_relative_to(folder):
            raise ValidationError(_("%(name)s lies outside the manifest's folder and is refused.") % {"name": name})
        if not path.is_file():
            raise ValidationError(_("%(name)s was not found next to the manifest.") % {"name": name})
        paths.append(path)
    return paths


def _fields(row):
    title = (row.get("title") or "").strip()
    artist_code = (row.get("artist_code") or "").strip()
    if not title or not artist_code:
        raise ValidationError(_("title and artist_code are required."))
    credit = (row.get("credit") or "").strip().lower()
    if credit not in Entry.Credit.values:
        raise ValidationError(_("credit must be initials, pseudonym or anonymous."))
    credit_name = (row.get("credit_name") or "").strip()
    if credit != Entry.Credit.ANONYMOUS and not credit_name:
        raise ValidationError(_("credit_name is required when the credit is initials or a pseudonym."))
    year = (row.get("year") or "").strip()
    if year and not (year.isdigit() and 1900 <= int(year) <= 2100):
        raise ValidationError(_("year must be a four-digit year."))
    if not _yes_no(row.get("consent"), "consent"):
        raise ValidationError(_("The artist's consent is required: consent must be yes."))
    return {
        "title": title,
        "artist_code": artist_code,
        "credit": credit,
        "credit_name": credit_name if credit != Entry.Credit.ANONYMOUS else "",
        "medium": (row.get("medium") or "").strip(),
        "dimensions": (row.get("dimensions") or "").strip(),
        "year": int(year) if year else None,
        "statement": (row.get("statement") or "").strip(),
        "show_facility": _yes_no(row.get("show_facility"), "show_facility"),
        "consent_confirmed": True,
    }


def import_row(contest, facility, user, row, folder):
    """Import one manifest row; returns the submitted entry or raises ValidationError."""
    fields = _fields(row)
    paths = _image_paths(row.get("images"), folder)
    stored = []
    try:
        with transaction.atomic():
            entry = service.create_draft(contest, facility, user, officer_override=True, **fields)
            for path in paths:
                with path.open("rb") as handle:
                    stored.append(add_entry_image(entry, handle, user=user, officer_override=True))
            entry.imported = True
            entry.imported_by = user
            entry.save(update_fields=["imported", "imported_by", "updated_at"])
            entry = service.submit(entry, user, officer_override=True, log_action="gallery.entry.import")
    except BaseException:
        for image in stored:  # the rows are rolled back; their files must go too
            image.file.storage.delete(image.file.name)
        raise
    return entry


def import_manifest(contest, facility, manifest, user):
    """Import every row of `manifest` (a path); one RowResult per row, in order."""
    manifest = Path(manifest).resolve()
    folder = manifest.parent
    try:
        handle = manifest.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        raise ManifestError(_("Cannot read the manifest: %(error)s") % {"error": error}) from None
    results = []
    with handle:
        reader = csv.DictReader(handle)
        header = [name.strip() for name in (reader.fieldnames or [])]
        missing = [column for column in COLUMNS if column not in header]
        if missing:
            raise ManifestError(_("The manifest lacks the columns: %(columns)s") % {"columns": ", ".join(missing)})
        for row in reader:
            line = reader.line_num
            row = {(key or "").strip(): value for key, value in row.items()}
            try:
                entry = import_row(contest, facility, user, row, folder)
            except ValidationError as error:
                results.append(RowResult(line, False, " ".join(error.messages)))
            else:
                results.append(RowResult(line, True, f"{entry.reference} {entry.title}", entry))
    return results
