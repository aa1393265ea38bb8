"""Media storage: local folders by default, two S3 buckets (public and private) with MEDIA_STORAGE=s3."""

from pathlib import Path
from urllib.parse import urlsplit

import environ

env = environ.Env()
BASE_DIR = Path(__file__).resolve().parents[3]  # repository root

# Media. "default" holds public files (Wagtail images and their renditions, documents).
# "private" holds entry originals and consent forms: never under MEDIA_URL, read only through
# permission-checked views (or short-lived signed URLs on S3).
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media" / "public")))
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "media" / "private")))

if MEDIA_STORAGE == "s3":
    _s3_common = {
        "access_key": env.str("AWS_ACCESS_KEY_ID", default=""),
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=""),
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        "file_overwrite": False,
        "default_acl": None,
        "signature_version": "s3v4",
        "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="path"),
    }
    _public_media = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3_common,
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME", default="vitrine-public"),
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            # A bucket behind a CDN serves plain URLs; a closed bucket gets signed ones.
            "querystring_auth": env.bool("AWS_PUBLIC_QUERYSTRING_AUTH", default=True),
        },
    }
    _private_media = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3_common,
            "bucket_name": env.str("AWS_PRIVATE_BUCKET_NAME", default="vitrine-private"),
            "querystring_auth": True,
            "querystring_expire": env.int("PRIVATE_URL_EXPIRY_SECONDS", default=300),
        },
    }
else:
    _public_media = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    _private_media = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    }


def media_origins():
    """Where pages load media from besides our own origin: the custom (CDN) domain, the S3 endpoint (both buckets
    under virtual-host addressing; private files are reached by redirects to signed URLs), or AWS's own hosts."""
    if MEDIA_STORAGE != "s3":
        return []
    options = _public_media["OPTIONS"]
    buckets = [options["bucket_name"], _private_media["OPTIONS"]["bucket_name"]]
    origins = [f"https://{options['custom_domain']}"] if options["custom_domain"] else []
    endpoint = _s3_common["endpoint_url"]
    if endpoint:
        scheme, host = urlsplit(endpoint)[:2]
        hosts = [host] + [f"{bucket}.{host}" for bucket in buckets]
    else:
        region = _s3_common["region_name"]
        suffixes = ["s3.amazonaws.com"] + ([f"s3.{region}.amazonaws.com"] if region else [])
        scheme, hosts = "https", suffixes + [f"{bucket}.{suffix}" for bucket in buckets for suffix in suffixes]
    return origins + [f"{scheme}://{host}" for host in hosts]


STORAGES = {
    "default": _public_media,
    "private": _private_media,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads larger than this go to a temporary file instead of memory, so 40 MB images stream.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
