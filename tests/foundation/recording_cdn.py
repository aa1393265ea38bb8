"""A front-end cache backend for tests: records the URLs Wagtail asks a CDN to purge."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

purged = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        purged.append(url)
