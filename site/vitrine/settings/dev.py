"""Local development: DEBUG on, a throwaway secret key, any localhost name."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-vitrine-local-development-only")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# The demo campaigns (`manage.py seed_demo`).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

# The demo's exhibition is made while `make run` waits: WebP is eight times quicker to make than AVIF.
VITRINE_EXHIBITION_FORMATS = env.list("VITRINE_EXHIBITION_FORMATS", default=["WEBP", "JPEG"])
