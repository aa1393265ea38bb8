"""Renditions made when a page is published, in a background task, so no visitor waits for AVIF encoding.

The specs here are the ones the templates ask for (tests compare them by rendering a page after publishing).
"""

from django.db import transaction
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter

CARD_SPECS = "format-{avif,webp,jpeg} fill-{400x225,800x450}"  # events/includes/picture.html, cards
HERO_SPECS = "format-{avif,webp,jpeg} fill-{640x360,1280x720,1920x1080}"  # events/includes/picture.html, heroes
SHARE_SPEC = "fill-1200x630|format-jpeg"  # includes/social_meta.html and the event JSON-LD


def page_image_specs():
    return [*Filter.expand_spec(CARD_SPECS), *Filter.expand_spec(HERO_SPECS), SHARE_SPEC]


@task()
def make_renditions(image_id, specs):
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        image.get_renditions(*specs)


def make_renditions_on_publish(sender, instance, **kwargs):
    image_id = getattr(instance, "hero_image_id", None)
    if image_id:
        specs = page_image_specs()
        transaction.on_commit(lambda: make_renditions.enqueue(image_id, specs))
