# Vitrine: one image for app servers (gunicorn), background workers (manage.py db_worker) and the scheduler
# (manage.py run_scheduler); docker-compose.yml runs a whole installation from it.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /build
COPY requirements.txt .
RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt

FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/venv/bin:$PATH" \
    PYTHONPATH="/app:/app/site" \
    DJANGO_SETTINGS_MODULE=vitrine.settings.production \
    PORT=8000
# Award certificates (WeasyPrint) need Pango and HarfBuzz's subsetter; their fonts ship with the app. Backups need
# pg_dump and pg_restore. Versions are pinned to bookworm's upstream releases, so Debian's security fixes still install.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        "libpango-1.0-0=1.50.*" "libpangoft2-1.0-0=1.50.*" "libharfbuzz-subset0=6.0.*" "postgresql-client-15=15.*" \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 vitrine \
    && useradd --system --uid 10001 --gid vitrine --home-dir /app --shell /usr/sbin/nologin vitrine
COPY --from=build /venv /venv
WORKDIR /app
COPY --chown=10001:10001 . .
# Static files are collected at build time; a throwaway key and host satisfy production settings for this step only.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown 10001:10001 /app/media
USER 10001
EXPOSE 8000
# Liveness only (/healthz touches nothing): a database or S3 outage must not get healthy containers restarted.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]
# Access log lines are JSON too, with the request id the app sent back (X-Request-ID); the path is in the app's own
# JSON log (a request's path, decoded by gunicorn, could forge a line here).
CMD ["sh", "-c", "exec gunicorn vitrine.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --access-logfile - --access-logformat '{\"time\": \"%(t)s\", \"request_id\": \"%({x-request-id}o)s\", \"method\": \"%(m)s\", \"status\": %(s)s, \"bytes\": \"%(B)s\", \"ms\": %(M)s}'"]
