"""What the portal tells its upload script: an entry's image as JSON (the same after a plain or a resumable upload),
and the script's messages, translated on the server."""

from django.urls import reverse
from django.utils.translation import gettext as _


def image_json(entry, image, message):
    return {
        "ok": True,
        "message": message,
        "repeated": bool(getattr(image, "repeated", False)),
        "id": image.pk,
        "thumbnail": reverse("portal:image_thumbnail", args=[image.pk]),
        "original": reverse("portal:image_original", args=[image.pk]),
        "delete": reverse("portal:image_delete", args=[entry.pk, image.pk]),
        "width": image.width,
        "height": image.height,
        "format": image.format,
    }


def upload_messages():
    """What the upload script says, translated here: %(name)s placeholders are filled in by the script."""
    return {
        "choose": _("Choose an image file to upload."),
        "starting": _("Starting the upload…"),
        "resuming": _("Continuing the upload from where it stopped…"),
        "processing": _("Processing… the server is checking the image and removing its metadata."),
        "failed": _("The upload stopped: the connection failed. Retry continues from where it stopped."),
        "offline": _("The upload stopped: this computer is offline. Retry continues from where it stopped."),
        "stalled": _(
            "The upload stalled: no data got through for %(seconds)s seconds. Retry continues from where it stopped."
        ),
        "slowServer": _("The server is taking long to process the image. Retry to ask again."),
        "tooBig": _("This file is larger than the limit."),
        "cancelled": _("Upload cancelled. Nothing was added."),
        "added": _("Image added."),
        "image": _("Image %(number)s"),
    }
