"""Renditions made when a page is published, in a background task, so no visitor waits for AVIF encoding: the page's
own picture, its speakers' photos and the images of its StreamFields. Pages only read renditions (events.images);
one still missing when a page is shown is asked of the same task then.

The specs here are the ones the templates ask for (tests compare them by rendering a page after publishing).
"""

from django.db import transaction
from django_tasks import task
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from core.caching import purge_everything

CARD_SPECS = "format-{avif,webp,jpeg} fill-{400x225,800x450}"  # events/includes/picture.html, cards
HERO_SPECS = "format-{avif,webp,jpeg} fill-{640x360,1280x720,1920x1080}"  # events/includes/picture.html, heroes
SHARE_SPEC = "fill-1200x630|format-jpeg"  # includes/social_meta.html and the event JSON-LD
SPEAKER_SPECS = "format-{avif,webp,jpeg} fill-{160x160,320x320}"  # events/event_page.html
BLOCK_SPECS = {  # events/blocks/*.html, by the name of the block's image
    "image": "format-{avif,webp,jpeg} max-{480x480,960x960,1600x1600}",  # captioned_image.html
    "logo": "format-{webp,png} max-{160x80,320x160}",  # partner_logos.html
}


def page_image_specs():
    return [*Filter.expand_spec(CARD_SPECS), *Filter.expand_spec(HERO_SPECS), SHARE_SPEC]


@task()
def make_renditions(image_id, specs):
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return
    before = image.renditions.count()
    image.get_renditions(*specs)
    if image.renditions.count() != before:
        # Pages shown while these were missing left the picture out; cached copies of them must go. Which pages
        # show an image is several hops away (speakers, page bodies, cards on listings): forget every page.
        purge_everything()


def images_of(page):
    """{image id: specs} of every image `page` shows."""
    wanted = {}
    image_id = getattr(page, "hero_image_id", None)
    if image_id:
        wanted[image_id] = page_image_specs()
    speakers = getattr(page, "speakers", None)
    for person in speakers.all() if speakers is not None else ():
        if person.photo_id:
            wanted.setdefault(person.photo_id, []).extend(Filter.expand_spec(SPEAKER_SPECS))
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            for name, image in _block_images(getattr(page, field.name)):
                wanted.setdefault(image.pk, []).extend(Filter.expand_spec(BLOCK_SPECS[name]))
    return {pk: list(dict.fromkeys(specs)) for pk, specs in wanted.items()}


def _block_images(value, name=None):
    """(name of the block, image) for each image in a StreamField value whose block name BLOCK_SPECS knows."""
    if isinstance(value, StreamValue):
        for child in value:
            yield from _block_images(child.value, child.block_type)
    elif isinstance(value, StructValue):
        for key, child in value.items():
            yield from _block_images(child, key)
    elif isinstance(value, ListValue | list):
        for child in value:
            yield from _block_images(child, name)
    elif name in BLOCK_SPECS and hasattr(value, "get_rendition"):
        yield name, value


def make_renditions_on_publish(sender, instance, **kwargs):
    for image_id, specs in images_of(instance).items():
        transaction.on_commit(lambda image_id=image_id, specs=specs: make_renditions.enqueue(image_id, specs))
