"""Cleaning a scan of a signed consent form before it is stored: never the raw upload.

A consent scan is pages of paper: an image, or a PDF of page images. Images go through the entry image pipeline
(gallery.imaging: decoded, metadata removed, re-encoded). A PDF is re-written page by page with pypdf, keeping what
draws each page (its content and resources) and nothing that acts: the document's catalog is new, so the upload's
open action, JavaScript, embedded files, forms (AcroForm, XFA), outlines and metadata never reach the copy, and each
page keeps only the keys a page needs to be drawn (no annotations, so no links or launch actions, no page
actions). Encrypted or damaged PDFs and PDFs with more pages than a consent form has are refused. Like
gallery.imaging, no database and no storage: bytes in, bytes out.
"""

import io
import logging
import uuid

from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import NameObject

from core.errors import DomainError
from gallery.imaging import ImageLimits, clean_image

MAX_CONSENT_FORM_BYTES = 10 * 1024 * 1024
MAX_CONSENT_FORM_PAGES = 20
IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
# What a page needs to be drawn; anything else (/Annots, /AA, /Metadata, /PieceInfo, ...) is left behind.
PAGE_KEYS = ("/Type", "/Parent", "/Contents", "/Resources", "/MediaBox", "/CropBox", "/Rotate", "/UserUnit")
PAGE_KEYS += ("/BleedBox", "/TrimBox", "/ArtBox")

logger = logging.getLogger(__name__)


class ConsentFormRejected(DomainError):
    """The file is not an acceptable consent scan; the message says why, in the user's language."""


def clean_consent_form(upload):
    """A cleaned copy of an uploaded consent scan, as a ContentFile with an opaque name (`<uuid>.pdf|jpg|png`)."""
    if upload.size > MAX_CONSENT_FORM_BYTES:
        raise ConsentFormRejected(
            _("The consent form scan must be smaller than %(limit)s.")
            % {"limit": filesizeformat(MAX_CONSENT_FORM_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return ContentFile(_rewrite_pdf(upload), name=f"{uuid.uuid4().hex}.pdf")
    if head.startswith(IMAGE_SIGNATURES):
        limits = ImageLimits.defaults()
        limits = ImageLimits(max_bytes=MAX_CONSENT_FORM_BYTES, max_pixels=limits.max_pixels, formats=("JPEG", "PNG"))
        clean = clean_image(upload, limits)  # ImageRejected says what is wrong with it
        try:
            clean.file.seek(0)
            return ContentFile(clean.file.read(), name=f"{uuid.uuid4().hex}.{clean.extension}")
        finally:
            clean.close()
    raise ConsentFormRejected(_("The consent form must be a PDF, JPEG or PNG file."), code="format")


def _rewrite_pdf(upload):
    damaged = _("The PDF could not be read. Please scan the form again, or send it as JPEG or PNG.")
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise ConsentFormRejected(
                _("The PDF is protected with a password. Please send it without protection."), code="encrypted"
            )
        count = len(reader.pages)
        if count == 0:
            raise ConsentFormRejected(damaged, code="corrupt")
        if count > MAX_CONSENT_FORM_PAGES:
            raise ConsentFormRejected(
                _("The PDF has %(count)s pages; a consent form has at most %(limit)s.")
                % {"count": count, "limit": MAX_CONSENT_FORM_PAGES},
                code="too_many_pages",
            )
        writer = PdfWriter()
        for page in reader.pages:
            # Stripped before the copy, so what is left behind is never copied into the new file at all.
            for key in [key for key in page if key not in PAGE_KEYS]:
                del page[NameObject(key)]
            writer.add_page(page)
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        output = io.BytesIO()
        writer.write(output)
    except ConsentFormRejected:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError, OSError):
        # pypdf reports a malformed file with whatever its parser stumbled on.
        logger.info("Refused a consent form PDF pypdf could not read", exc_info=True)
        raise ConsentFormRejected(damaged, code="corrupt") from None
    return output.getvalue()
