"""Every URL of the site, plus /bench/minimal/: a Django view returning 18 KB through the same middleware."""

from django.http import HttpResponse
from django.urls import path

from vitrine.urls import urlpatterns as site_urlpatterns

BODY = ("<p>" + "x" * 60 + "</p>\n") * 272  # 18 KB, like a public page


def minimal(request):
    return HttpResponse(BODY)


urlpatterns = [path("bench/minimal/", minimal), *site_urlpatterns]
