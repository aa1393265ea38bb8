"""Settings shared by every environment. Values come from environment variables with safe local defaults.

The embedded default needs no service: SQLite and media on the local disk. PostgreSQL, Redis and S3 are
switched on by DATABASE_URL, REDIS_URL and MEDIA_STORAGE=s3 (see the README's table of variables).
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/vitrine
BASE_DIR = PROJECT_DIR.parent.parent  # repository root

env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "events",
    "gallery",
    "gallery.judging",
    "gallery.exhibition",
    # After the domain apps: its post-migrate step grants roles on the page tree that "events" ensures.
    "core",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rules",
    "django_tasks",
    "django_tasks_db",
    "axes",  # django-axes: failed sign-ins, lockouts (core.signin.throttle)
    "django_otp",  # django-otp: two-factor sign-in (core.signin.two_factor)
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "health_check",  # django-health-check: its checks and `manage.py health_check readyz --no-http`
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: every log line of a request carries its id (and X-Request-ID goes back to the proxy).
    "core.request_log.RequestIdMiddleware",
    "core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache: a cached page gets its policy on the way out like a fresh one.
    "core.csp.ContentSecurityPolicyMiddleware",
    "core.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.request_log.SignedInUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Idle sign-out of officers and judges, and the second factor they owe (core.signin).
    "core.signin.middleware.SignInMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vitrine.urls"
WSGI_APPLICATION = "vitrine.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite in the repository by default; DATABASE_URL=postgres://... in production and CI.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers at once (parallel uploads, two tabs submitting): readers never wait for a writer (WAL), each
    # transaction takes the write lock when it starts (IMMEDIATE), so it cannot fail half-way when it first writes,
    # and a writer waits its turn instead of answering "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every app server), else a per-process memory cache.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="vitrine"),
            # A Redis that hangs must not hang every request: the page cache then serves pages uncached.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Email: EMAIL_URL (smtp://user:pass@host:587/?tls=True) or the console in local use.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Vitrine <noreply@vitrine.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Object rules of each app's rule book (django-rules) next to the model permissions that roles grant.
# django-axes' backend comes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "core.signin.throttle.SignInBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"  # the site's own sign-in page; officers also have the Wagtail admin's
# After the shared sign-in page: staff land in the portal, which sends judges and officers on to their own pages.
LOGIN_REDIRECT_URL = "portal:dashboard"
# Signing out (the portal's button) lands on the sign-in page, in the language of the page it was sent from.
LOGOUT_REDIRECT_URL = "login"

from .security import *  # noqa: E402, F403 - sign-in protection and the Content-Security-Policy

# Languages: the interface speaks Kazakh, Russian and English, chosen by the URL prefix (/ru/, /kk/), so each
# language of a page is its own cacheable URL and no cookie or form is needed to switch.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
# Page trees per language (Wagtail's content translation) are off until content is translated: with them on,
# an untranslated page would link back to its English URL and drop the visitor's language.
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
# One way to write dates per language, on every screen and in emails (core.dates; Django has none for Kazakh).
FORMAT_MODULE_PATH = ["core.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# Campaigns are run from Central Asia: events and contests default to this zone.
VITRINE_DEFAULT_TIME_ZONE = env.str("VITRINE_DEFAULT_TIME_ZONE", default="Asia/Almaty")

# Static files are served by the app itself (WhiteNoise): no CDN, works on a closed network.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]

from .storage import *  # noqa: E402, F403 - media storage: local folders or two S3 buckets

# Background work (emails, image processing, reminders). The database backend needs no extra service;
# run workers with `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# Formats of an exhibition's public images besides JPEG (gallery.exhibition.renditions): AVIF is the smallest
# (about 60 % below JPEG) but slow to make (about 2 s for a 1600 px work, in the background); WEBP is quick.
VITRINE_EXHIBITION_FORMATS = env.list("VITRINE_EXHIBITION_FORMATS", default=["AVIF", "JPEG"])

# How long a proxy or CDN may keep a public page for visitors who are not signed in (core.caching).
VITRINE_PUBLIC_PAGE_MAX_AGE = env.int("VITRINE_PUBLIC_PAGE_MAX_AGE", default=300)
# Views whose responses are public for visitors without a session unless they say otherwise (URL names).
VITRINE_PUBLIC_URL_NAMES = ["wagtail_serve", "sitemap", "stories_rss", "stories_atom"]

# The server's own cache of public pages for visitors without a session (core.page_cache): how long a stored page
# lives (0 turns the cache off; publishing purges what changed long before), in which Django cache, which cookies
# mean the visitor may see something personal, and which paths are never cached whatever they answer.
VITRINE_PAGE_CACHE_SECONDS = env.int("VITRINE_PAGE_CACHE_SECONDS", default=300)
VITRINE_PAGE_CACHE_ALIAS = "default"
VITRINE_PAGE_CACHE_BYPASS_COOKIES = ["messages"]
VITRINE_PAGE_CACHE_EXCLUDED_PREFIXES = [
    "/admin/",
    "/portal/",
    "/judging/",
    "/accounts/",
    "/documents/",
    "/search/",
    "/healthz",
    "/readyz",
]
# Models shown on many pages: saving or deleting one purges every cached page (core.cache_signals).
VITRINE_PAGE_CACHE_PURGE_MODELS = [
    "core.SiteIdentity",
    "events.Person",
    "gallery.Facility",
    "gallery.Region",
    "wagtailimages.Image",
]

# A CDN or caching proxy in front (Wagtail's frontend cache): purged with the page cache when content changes.
# FRONTEND_CACHE_URL is one of cloudflare://ZONE_ID (with CLOUDFLARE_BEARER_TOKEN), cloudfront://DISTRIBUTION_ID
# (AWS credentials from the environment) or the http(s):// address of a Varnish or nginx that accepts PURGE.
FRONTEND_CACHE_URL = env.str("FRONTEND_CACHE_URL", default="")
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_URL.startswith("cloudflare://"):
    WAGTAILFRONTENDCACHE["cdn"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": FRONTEND_CACHE_URL.removeprefix("cloudflare://"),
        "BEARER_TOKEN": env.str("CLOUDFLARE_BEARER_TOKEN", default=""),
    }
elif FRONTEND_CACHE_URL.startswith("cloudfront://"):
    WAGTAILFRONTENDCACHE["cdn"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": FRONTEND_CACHE_URL.removeprefix("cloudfront://"),
    }
elif FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE["cdn"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_URL,
    }

# Wagtail
WAGTAIL_SITE_NAME = "Vitrine"
WAGTAILADMIN_BASE_URL = env.str("BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("VITRINE_MAX_IMAGE_PIXELS", default=60_000_000)
# Library uploads go through the intake image pipeline (stored clean, upright, without metadata): only the
# formats it reads are offered (no GIF, SVG or AVIF).
WAGTAILIMAGES_IMAGE_FORM_BASE = "gallery.library_images.CleanLibraryImageForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic", "heif"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No request to a third-party host, from the admin either: avatars are the uploaded ones or Wagtail's own default.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Officers cannot publish by themselves; the second officer's approval publishes (events.workflow).
WAGTAIL_FINISH_WORKFLOW_ACTION = "events.workflow.publish_approved_revision"
# A draft saved during moderation restarts the approval: only what the second officer saw can go live.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

# Contest intake limits (overridable per contest where the contest model allows).
VITRINE_MAX_UPLOAD_BYTES = env.int("VITRINE_MAX_UPLOAD_BYTES", default=40 * 1024 * 1024)
VITRINE_MAX_IMAGE_PIXELS = WAGTAILIMAGES_MAX_IMAGE_PIXELS
# Decompression bombs under the pixel limit: an image whose decoded pixels (3 bytes each at least) exceed this many
# times its file size is refused from its header (photos expand about 10 times, scans and screenshots up to 120;
# images under 32 MB decoded are never refused for it). At most VITRINE_PARALLEL_DECODES images are decoded at once
# per process; an upload waits VITRINE_DECODE_WAIT_SECONDS for a turn, then is answered "busy, try again".
VITRINE_MAX_DECODE_RATIO = env.int("VITRINE_MAX_DECODE_RATIO", default=250)
VITRINE_PARALLEL_DECODES = env.int("VITRINE_PARALLEL_DECODES", default=2)
VITRINE_DECODE_WAIT_SECONDS = env.float("VITRINE_DECODE_WAIT_SECONDS", default=15)
# Resumable portal uploads (tus): bytes per PATCH request (what a dropped link loses at most), seconds without
# progress before the browser calls the upload stalled, hours an unfinished upload is kept after its last byte.
VITRINE_UPLOAD_CHUNK_BYTES = env.int("VITRINE_UPLOAD_CHUNK_BYTES", default=512 * 1024)
VITRINE_UPLOAD_STALL_SECONDS = env.int("VITRINE_UPLOAD_STALL_SECONDS", default=30)
VITRINE_UPLOAD_EXPIRY_HOURS = env.int("VITRINE_UPLOAD_EXPIRY_HOURS", default=24)

# Periodic jobs of `manage.py run_scheduler` (core.scheduling): management commands, every N minutes or daily at a
# time of VITRINE_DEFAULT_TIME_ZONE. Each runs once per slot, however many schedulers are running.
VITRINE_PERIODIC_JOBS = [
    {"name": "publish_scheduled", "command": ("publish_scheduled",), "every_minutes": 5},
    {"name": "entry_digest", "command": ("send_entry_digest", "--hours", "24"), "daily_at": "08:00"},
    {"name": "deadline_reminders", "command": ("send_deadline_reminders", "--days", "3"), "daily_at": "09:00"},
    {"name": "expired_uploads", "command": ("delete_expired_uploads",), "every_minutes": 60},
    {"name": "expired_sessions", "command": ("clearsessions",), "daily_at": "03:00"},
]

# Demo content: the password shared by the demo users that `seed_demo` creates.
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="vitrine-demo")

# LOG_FORMAT=json (the default in production) writes one JSON object a line, with the request's id and the signed-in
# user's id (core.request_log); "text" is for reading in a terminal.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "core.request_log.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_FORMAT == "json" else "text"}
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Task start/finish lines and PDF rendering steps are noise in the console; failures still show.
    "loggers": {name: {"level": "WARNING"} for name in ("django_tasks", "django.tasks", "wagtail", "weasyprint")},
}

# Errors to a Sentry-compatible service (Sentry, GlitchTip) when SENTRY_DSN is set: no personal data is sent.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        send_default_pii=False,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
