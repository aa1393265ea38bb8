"""Views for the page cache's tests: each counts how often it really ran, so a test can tell a cached answer."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import cache_control

calls = {}


def _counted(name):
    calls[name] = calls.get(name, 0) + 1
    return HttpResponse(f"{name} {calls[name]}")


@cache_control(public=True, max_age=60)
def plain(request):
    return _counted("plain")


@cache_control(public=True, max_age=60)
def sets_cookie(request):
    response = _counted("sets_cookie")
    response.set_cookie("visitor", "42")
    return response


@cache_control(public=True, max_age=60)
def varies_by_agent(request):
    response = _counted("varies_by_agent")
    response["Vary"] = "User-Agent"
    return response


@cache_control(private=True)
def private(request):
    return _counted("private")


def undeclared(request):
    return _counted("undeclared")


@cache_control(public=True, max_age=60)
def not_found(request):
    response = _counted("not_found")
    response.status_code = 404
    return response


@cache_control(public=True, max_age=60)
def with_nonce(request):
    response = _counted("with_nonce")
    response.content = f'<script nonce="{request.csp_nonce}">1</script>'.encode()
    return response


urlpatterns = [
    path("plain/", plain),
    path("sets-cookie/", sets_cookie),
    path("varies/", varies_by_agent),
    path("private/", private),
    path("undeclared/", undeclared),
    path("not-found/", not_found),
    path("with-nonce/", with_nonce),
    path("portal/public/", plain, name="portal_public"),
    path("admin/public/", plain, name="admin_public"),
    path("judging/public/", plain, name="judging_public"),
    path("ru/portal/public/", plain, name="portal_public_ru"),
    path("accounts/public/", plain, name="accounts_public"),
]
