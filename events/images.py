"""Images in listings: the image row and its renditions come in two queries, whatever the number of items."""

from django.db.models import Prefetch
from wagtail.images import get_image_model


def with_renditions(queryset, image_field="hero_image"):
    renditions = get_image_model().get_rendition_model().objects.all()
    return queryset.select_related(image_field).prefetch_related(
        Prefetch(f"{image_field}__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )
