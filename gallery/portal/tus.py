"""The portal's resumable upload endpoint: tus 1.0.0 (core, creation, termination, expiration) over
gallery.domain.uploads, plus a GET of a session's outcome for the page's script.

POST /portal/entries/<pk>/uploads/ creates (Upload-Length, Upload-Metadata with `key`: the idempotency key);
HEAD /portal/uploads/<id>/ tells the offset; PATCH appends bytes at Upload-Offset; DELETE cancels. Only the user
who started a session, on an entry of their facility that may still change, ever finds it; anything else is a
404. Headers are read strictly: a malformed, negative, non-ASCII or oversized number is a 400, never a 500.
"""

import base64
import binascii
import re

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import DomainError
from core.ids import read_whole_number
from gallery.domain import uploads
from gallery.domain.eligibility import can_edit
from gallery.domain.entry_images import MAX_IMAGES_PER_ENTRY
from gallery.models import UploadSession
from gallery.portal.access import entry_of, staff_only
from gallery.portal.images import image_json

TUS_VERSION = "1.0.0"
EXTENSIONS = "creation,termination,expiration"
MAX_LENGTH = 2**53  # what a browser's File.size can say; the contest's own limit is far lower
KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")
METADATA_KEY = re.compile(r"[A-Za-z0-9._-]{1,64}")
MAX_METADATA_CHARS = 4096


class BadRequest(Exception):
    pass


def _tus(response, status_headers=None):
    response["Tus-Resumable"] = TUS_VERSION
    patch_cache_control(response, private=True, no_store=True)
    for name, value in (status_headers or {}).items():
        response[name] = value
    return response


def _error(message, status):
    return _tus(JsonResponse({"ok": False, "error": str(message)}, status=status))


def _number(request, header, *, required=True):
    value = request.headers.get(header)
    if value is None:
        if required:
            raise BadRequest(_("The %(header)s header is missing.") % {"header": header})
        return None
    number = read_whole_number(value, low=0, high=MAX_LENGTH)
    if number is None:
        raise BadRequest(_("The %(header)s header must be a whole number of bytes.") % {"header": header})
    return number


def _metadata(request):
    """Upload-Metadata: comma-separated `name base64value` pairs. Only `key` is used; the file name is never
    read or stored (it may carry the artist's name)."""
    raw = request.headers.get("Upload-Metadata", "")
    if len(raw) > MAX_METADATA_CHARS:
        raise BadRequest(_("The upload's metadata is too long."))
    values = {}
    for pair in filter(None, (item.strip() for item in raw.split(","))):
        name, _space, encoded = pair.partition(" ")
        if not METADATA_KEY.fullmatch(name):
            raise BadRequest(_("The upload's metadata is malformed."))
        try:
            values[name] = base64.b64decode(encoded.strip(), validate=True).decode("ascii") if encoded else ""
        except (binascii.Error, ValueError):
            raise BadRequest(_("The upload's metadata is malformed.")) from None
    key = values.get("key", "")
    if not KEY.fullmatch(key):
        raise BadRequest(_("The upload carries no valid idempotency key."))
    return values


def _version_checked(view):
    """Every tus request but OPTIONS says which protocol version it speaks; malformed headers are a 400."""

    def wrapped(request, *args, **kwargs):
        speaks_tus = request.method in ("OPTIONS", "GET") or request.headers.get("Tus-Resumable") == TUS_VERSION
        if not speaks_tus:
            refused = _error(
                _("This address takes resumable uploads (tus %(version)s) only: reload the page and upload again.")
                % {"version": TUS_VERSION},
                412,
            )
            refused["Tus-Version"] = TUS_VERSION
            return refused
        try:
            return view(request, *args, **kwargs)
        except BadRequest as bad:
            return _error(bad, 400)

    wrapped.__name__ = view.__name__
    return wrapped


@staff_only
@require_http_methods(["OPTIONS", "POST"])
@_version_checked
def create(request, pk):
    entry = entry_of(request, pk)
    if request.facility is None or entry.facility_id != request.facility.pk:
        raise Http404  # uploads are for the entry's own facility staff (not even a superuser's account)
    if request.method == "OPTIONS":
        return _tus(
            HttpResponse(status=204),
            {"Tus-Version": TUS_VERSION, "Tus-Extension": EXTENSIONS, "Tus-Max-Size": entry.contest.max_upload_bytes},
        )
    if "Upload-Defer-Length" in request.headers:
        raise BadRequest(_("Say the size of the file when the upload starts."))
    length = _number(request, "Upload-Length")
    key = _metadata(request)["key"]
    if not can_edit(entry):
        return _error(_("This entry can no longer be changed."), 403)
    try:
        session, _created = uploads.start_upload(entry, request.user, key, length)
    except uploads.UploadTooLarge as refused:
        return _error(refused, 413)
    except DomainError as refused:
        return _error(refused, 400)
    response = HttpResponse(status=201)
    response["Location"] = reverse("portal:upload", args=[session.pk])
    return _tus(response, {"Upload-Expires": http_date(session.expires_at.timestamp())})


def _session(request, token):
    """The user's own live session on an entry of their facility, or None (a 404 for anyone else)."""
    return (
        UploadSession.objects.select_related("entry__contest", "entry__facility", "image")
        .filter(pk=token, user=request.user, entry__facility=request.facility, expires_at__gt=timezone.now())
        .first()
    )


@staff_only
@require_http_methods(["GET", "HEAD", "PATCH", "DELETE"])
@_version_checked
def session(request, token):
    found = _session(request, token)
    if found is None:
        return _error(_("This upload is not known or has expired: start it again."), 404)
    if request.method == "HEAD":
        return _tus(HttpResponse(status=200), {"Upload-Offset": found.offset, "Upload-Length": found.length})
    if request.method == "DELETE":
        uploads.cancel(found)
        return _tus(HttpResponse(status=204))
    if request.method == "GET":
        return _tus(JsonResponse(outcome(uploads.finish_if_abandoned(found))))
    return _patch(request, found)


def _patch(request, found):
    if request.content_type != "application/offset+octet-stream":
        return _error(_("Upload bytes are sent as application/offset+octet-stream."), 415)
    offset = _number(request, "Upload-Offset")
    declared = read_whole_number(request.META.get("CONTENT_LENGTH") or "", low=0, high=MAX_LENGTH)
    if declared is None:
        raise BadRequest(_("The Content-Length header is missing or malformed."))
    if not can_edit(found.entry):
        return _error(_("This entry can no longer be changed."), 403)
    try:
        result = uploads.receive(found, offset, request, declared)
    except uploads.OffsetMismatch as refused:
        return _tus(JsonResponse({"ok": False, "error": str(refused)}, status=409), {"Upload-Offset": found.offset})
    except uploads.UploadTooLarge as refused:
        return _error(refused, 413)
    if result.state == UploadSession.State.REFUSED:
        return _error(result.message, 400)
    return _tus(HttpResponse(status=204), {"Upload-Offset": result.offset})


def outcome(found):
    """What the page shows of a session: still coming, being processed, added (with the image) or refused."""
    if found.state == UploadSession.State.DONE and found.image is not None:
        return {"state": found.state, **image_json(found.entry, found.image, found.message)}
    if found.state in (UploadSession.State.DONE, UploadSession.State.REFUSED):
        error = found.message if found.state == UploadSession.State.REFUSED else _("This image was removed.")
        return {"state": found.state, "ok": False, "error": error}
    return {"state": found.state, "offset": found.offset, "length": found.length, "maxImages": MAX_IMAGES_PER_ENTRY}
