"""Events URLs that speak the visitor's language, served under /ru/ and /kk/ as well (see vitrine.urls)."""

from django.urls import path

from events import views

urlpatterns = [
    path("search/", views.search, name="search"),
]
