"""What every public page shows and what changes only when every cached page is purged: the site menu and the
site identity. They are kept in the page cache's store under its generation token, so a page rendered anew (a
miss of the page cache, a signed-in visitor) reads them with one cache call instead of a query each, and the purge
that refreshes every page (core.cache_signals: a menu page published, the identity saved) refreshes them too.

Like the page cache, this is an accelerator: an unreachable cache means they are read from the database.
"""

import logging

from core import page_cache

logger = logging.getLogger(__name__)

FRAGMENT_SECONDS = 300  # bounded even without a purge, as the pages that show them


def remember(name, build, *parts):
    """The value that build() returns, kept per (name, parts) until the next site-wide purge."""
    store = page_cache.store_backend()
    try:
        generation = store.get(page_cache.GENERATION_KEY, "0")
        key = f"vitrine:shared:{name}:" + page_cache.digest(generation, *map(str, parts))
        value = store.get(key)
    except Exception:  # noqa: BLE001 - an unreachable cache means a database read, not an error page
        logger.warning("The shared fragment cache could not be read.", exc_info=True)
        return build()
    if value is None:
        value = build()
        try:
            store.set(key, value, FRAGMENT_SECONDS)
        except Exception:  # noqa: BLE001 - see above
            logger.warning("The shared fragment cache could not be written.", exc_info=True)
    return value
