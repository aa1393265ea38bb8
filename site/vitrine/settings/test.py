"""Test runs: fast hashing, emails kept in memory, media in a temporary folder per process."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = False
SECRET_KEY = "vitrine-test-key-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# AVIF is covered by the renditions' own tests; pages and the demo use the quicker WebP.
VITRINE_EXHIBITION_FORMATS = ["WEBP", "JPEG"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests that sign in with a password alone keep working; the two-factor tests turn the requirement on.
VITRINE_REQUIRE_2FA = False
LOGGING["root"]["level"] = env.str("LOG_LEVEL", default="WARNING")  # noqa: F405

# Each test process gets its own media folders, so runs never touch ./media or each other.
_media = Path(tempfile.mkdtemp(prefix="vitrine-test-media-"))
MEDIA_ROOT = _media / "public"
PRIVATE_MEDIA_ROOT = _media / "private"
if MEDIA_STORAGE == "local":  # noqa: F405
    STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}  # noqa: F405
    STORAGES["private"] = {  # noqa: F405
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    }
STATIC_ROOT = _media / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# SQLite test databases live in a file (not memory), so tests can really take the database away.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"{DATABASES['default']['NAME']}-test"}  # noqa: F405
    # The live server answers the browser's parallel requests in threads that all write (sessions, pages):
    # writers queue for the lock instead of failing at once with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 30}  # noqa: F405

# The demo campaigns (`manage.py seed_demo`).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
