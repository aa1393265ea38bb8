"""/healthz: is this app server able to serve? Checked by the container HEALTHCHECK and the load balancer."""

import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _storage(alias):
    # Write and delete a tiny file: proves the storage is reachable and writable, not only configured.
    storage = storages[alias]
    name = storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    storage.delete(name)


def _cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return the value it was given")
    cache.delete(key)


CHECKS = {
    "database": _database,
    "media": lambda: _storage("default"),
    "private_media": lambda: _storage("private"),
    "cache": _cache,
}


class HealthCheckMiddleware:
    """Answers /healthz before host validation and HTTPS redirects, so the container HEALTHCHECK and the
    load balancer can probe 127.0.0.1 over plain HTTP whatever ALLOWED_HOSTS says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)


@never_cache
def healthz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = {"ok": True}
        except Exception as error:  # noqa: BLE001 - any failure means "not healthy", reported by kind
            results[name] = {"ok": False, "error": error.__class__.__name__}
    healthy = all(result["ok"] for result in results.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": results}, status=200 if healthy else 503)
