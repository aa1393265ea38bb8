"""Images as judges receive them: found by the round's anonymous code and the image's position, after the same
checks as the entry page, without a file name. Judges get sized renditions (gallery.judging.domain.renditions),
never an original: while a rendition is missing its making is queued and the intake's thumbnail stands in (or a
"being prepared" answer), so no request ever decodes or sends a 20-megapixel file."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from gallery.judging.domain.renditions import rendition_for, sizes_for
from gallery.judging.images import clean_image_bytes
from gallery.judging.models import JudgingRendition
from gallery.judging.tasks import make_image_renditions
from gallery.judging.views.judge import entry_for, judge_required
from gallery.models import EntryImage
from gallery.tasks import make_thumbnail

KEEP = "private, max-age=3600"
STAND_IN = "private, no-store"  # a stand-in must not outlive the real rendition in the browser's cache


def _image_response(stored_file, cache_control=KEEP):
    with stored_file.open("rb") as handle:
        data, content_type = clean_image_bytes(handle.read())
    response = HttpResponse(data, content_type=content_type)
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _preparing():
    response = HttpResponse(
        _("This image is being prepared. Please try again in a moment."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = "5"
    response["Cache-Control"] = STAND_IN
    return response


def _stored_image(request, round_id, code, position):
    round_, membership, round_entry, declaration = entry_for(request, round_id, code)
    return get_object_or_404(
        EntryImage.objects.only("pk", "thumbnail", "width", "height"), entry_id=round_entry.entry_id, position=position
    )


def _serve(request, round_id, code, position, size):
    stored = _stored_image(request, round_id, code, position)
    rendition = rendition_for(stored, size)
    if rendition is None or (rendition.size != size and size in sizes_for(stored)):
        make_image_renditions.enqueue(stored.pk)
        rendition = rendition_for(stored, size)  # an inline task backend (development) has made it already
    if rendition is not None:
        return _image_response(rendition.file)
    if stored.thumbnail:
        return _image_response(stored.thumbnail, STAND_IN)
    make_thumbnail.enqueue(stored.pk)
    return _preparing()


@judge_required
def image(request, round_id, code, position):
    """The screen-sized rendition (2560 px on the long side at most)."""
    return _serve(request, round_id, code, position, JudgingRendition.Size.VIEW)


@judge_required
def image_zoom(request, round_id, code, position):
    """The zoom rendition, fetched only when the judge zooms in; the screen size for images no larger."""
    return _serve(request, round_id, code, position, JudgingRendition.Size.ZOOM)


@judge_required
def image_thumb(request, round_id, code, position):
    """The small image made at intake, for the queue and the entry's strip of views; the screen rendition until
    the thumbnail exists."""
    stored = _stored_image(request, round_id, code, position)
    if not stored.thumbnail:
        make_thumbnail.enqueue(stored.pk)
        stored.refresh_from_db(fields=["thumbnail"])  # an inline task backend (development) has made it already
    if stored.thumbnail:
        return _image_response(stored.thumbnail)
    return _serve_stand_in(stored)


def _serve_stand_in(stored):
    rendition = rendition_for(stored, JudgingRendition.Size.VIEW)
    if rendition is None:
        make_image_renditions.enqueue(stored.pk)
        rendition = rendition_for(stored, JudgingRendition.Size.VIEW)
    if rendition is not None:
        return _image_response(rendition.file, STAND_IN)
    return _preparing()
