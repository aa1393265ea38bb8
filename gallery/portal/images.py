"""How the portal describes an entry's image to its page script: the same JSON after a plain or a resumable upload."""

from django.urls import reverse


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
