"""Images on public pages: renditions are read, never made, while a page is rendered (events.renditions makes
them in a background task when a page is published), and a page's renditions come in one query.

A rendition that is missing anyway (an image changed after publication, a speaker's new photo) is asked of the
background task and left out of the page until it exists; the immediate task backend of development and tests
makes it at once, so the page shows it.
"""

import functools
import hashlib
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from events.renditions import make_renditions

PENDING_SECONDS = 600  # a missing rendition is asked for once in this time, not by every visitor


def with_renditions(queryset, image_field="hero_image"):
    """Listings: the image rows and their renditions come in two queries, whatever the number of items."""
    renditions = get_image_model().get_rendition_model().objects.all()
    return queryset.select_related(image_field).prefetch_related(
        Prefetch(f"{image_field}__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )


def attach_renditions(images):
    """Prefetch the renditions of every image a page shows in one query (None and already prefetched ones are
    skipped). Images loaded through select_related may be several objects for one row: each gets the list."""
    by_pk = defaultdict(list)
    for image in images:
        if image is not None and not hasattr(image, "prefetched_renditions"):
            by_pk[image.pk].append(image)
    if not by_pk:
        return
    found = defaultdict(list)
    for rendition in get_image_model().get_rendition_model().objects.filter(image_id__in=by_pk):
        rendition.image = by_pk[rendition.image_id][0]  # Rendition.alt and .url read their image
        found[rendition.image_id].append(rendition)
    for pk, same_row in by_pk.items():
        for image in same_row:
            image.prefetched_renditions = found[pk]


def existing_renditions(image, specs):
    """{spec: rendition} of the renditions of `image` that exist among `specs` (strings or Filters), in the order
    asked; the missing ones are requested from the background task (see the module's docstring)."""
    filters = list(dict.fromkeys(image.clean_filter_for_svg(_filter(spec)) for spec in specs))
    found = image.find_existing_renditions(*filters)
    missing = [item for item in filters if item not in found]
    if missing and _request(image, [item.spec for item in missing]):
        # Look again: the immediate backend (development, tests) has made them by now; a queued task has not.
        made = image.renditions.filter(filter_spec__in=[item.spec for item in missing])
        keys = {(item.spec, item.get_cache_key(image)): item for item in missing}
        for rendition in made:
            item = keys.get((rendition.filter_spec, rendition.focal_point_key))
            if item is not None:
                rendition.image = image
                found[item] = rendition
    return {item.spec: found[item] for item in filters if item in found}


def existing_rendition(image, spec):
    """The rendition of `image` for `spec` when it exists, else None (and it is requested)."""
    return next(iter(existing_renditions(image, [spec]).values()), None)


@functools.lru_cache(maxsize=256)
def _filter_for(spec):
    # A Filter parses its spec into operations once; templates ask for the same few specs on every page.
    return Filter(spec=spec)


def _filter(spec):
    return spec if isinstance(spec, Filter) else _filter_for(spec)


def _request(image, specs):
    """Enqueue the missing renditions once per PENDING_SECONDS; True when this call enqueued them."""
    digest = hashlib.blake2b("+".join(sorted(specs)).encode(), digest_size=8).hexdigest()
    key = f"vitrine:renditions:pending:{image.pk}:{digest}"
    if not cache.add(key, True, PENDING_SECONDS):
        return False
    make_renditions.enqueue(image.pk, specs)
    return True
