"""Liveness (/healthz) and readiness (/readyz), answered before host validation and the HTTPS redirect.

/healthz: this process serves; it touches nothing else. For the container HEALTHCHECK and the load balancer.
/readyz: the database (SELECT 1), the cache (set and get) and both media storages (read only), through
django-health-check. Results are memoised per process, so a request loop cannot become backend traffic; only
a signed-in superuser sees which check failed and why.
"""

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import async_to_sync
from django.conf import settings
from django.contrib import auth
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from health_check.checks import Cache, Database
from health_check.views import HealthCheckView

from core.health_checks import ReadOnlyStorage

READINESS_TTL_SECONDS = 5

# Names shown to superusers, in the order the checks are given to django-health-check.
READINESS_CHECKS = {
    "database": (Database, {}),
    "cache": (Cache, {}),
    "media": (ReadOnlyStorage, {"alias": "default"}),
    "private_media": (ReadOnlyStorage, {"alias": "private"}),
}


class _Memo:
    """One value per process, recomputed at most once every `seconds`. Callers arriving while it is being
    computed wait for that result instead of starting their own."""

    def __init__(self, seconds, clock=time.monotonic):
        self.seconds = seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._value = None
        self._at = 0.0

    def get(self, compute):
        with self._lock:
            if self._value is None or self.clock() - self._at >= self.seconds:
                self._value = compute()
                self._at = self.clock()
            return self._value

    def forget(self):
        with self._lock:
            self._value = None


_readiness_memo = _Memo(READINESS_TTL_SECONDS)


@never_cache
@require_safe
def liveness(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


class ReadinessView(HealthCheckView):
    """django-health-check's view with our checks, so `manage.py health_check readyz --no-http` runs them too;
    the answer itself is ours: 503 on failure, memoised, details for superusers only."""

    checks = tuple(READINESS_CHECKS.values())
    http_method_names = ["get", "head"]

    def dispatch(self, request, *args, **kwargs):
        # Synchronous, unlike the parent's: the middleware that answers /readyz is; the checks still run
        # concurrently, in get().
        response = View.dispatch(self, request, *args, **kwargs)
        add_never_cache_headers(response)
        patch_vary_headers(response, ["Cookie"])
        return response

    def get(self, request, *args, **kwargs):
        results = readiness()
        ready = all(result["ok"] for result in results.values())
        body = {"status": "ok" if ready else "error"}
        if _shows_details(request):
            body["checks"] = results
        return JsonResponse(body, status=200 if ready else 503)

    async def run_checks(self):
        with self.get_executor() as executor:
            return await asyncio.gather(*(check.get_result(executor) for check in self.get_checks()))


def readiness():
    """{"database": {"ok": True}, "cache": {"ok": False, "error": "ConnectionError", "message": ...}, ...}"""
    return _readiness_memo.get(_run_readiness_checks)


def forget_readiness():
    """Drop the memoised result: the next readiness() runs the checks."""
    _readiness_memo.forget()


def _run_readiness_checks():
    # In a thread of its own: the calling thread may already run an event loop (an ASGI server, a browser
    # test's driver), and async_to_sync refuses to start a second one there.
    with ThreadPoolExecutor(max_workers=1) as pool:
        results = pool.submit(async_to_sync(ReadinessView().run_checks)).result()
    return {name: _summary(result) for name, result in zip(READINESS_CHECKS, results, strict=True)}


def _summary(result):
    if result.error is None:
        return {"ok": True}
    # django-health-check raises its own exception types; the class of the original error says more.
    cause = result.error.__cause__ or result.error
    return {"ok": False, "error": cause.__class__.__name__, "message": str(result.error)}


def _shows_details(request):
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # probes and anonymous loops cost no session lookup
    try:
        # This runs before the session and authentication middleware: read the session the way they do.
        SessionMiddleware(lambda request: None).process_request(request)
        return auth.get_user(request).is_superuser
    except Exception:  # noqa: BLE001 - a session store that is down (the database) must not turn this into a 500
        return False


readiness_view = ReadinessView.as_view()

PATHS = {"/healthz": liveness, "/readyz": readiness_view}


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before host validation and HTTPS redirects, so the container HEALTHCHECK
    and the load balancer can probe 127.0.0.1 over plain HTTP whatever ALLOWED_HOSTS says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = PATHS.get(request.path_info)
        if view is not None:
            return view(request)
        return self.get_response(request)
