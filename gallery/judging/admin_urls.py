"""Officers' judging screens inside the Wagtail admin (mounted at /admin/judging/)."""

from django.urls import path

from gallery.judging.views import admin as views

urlpatterns = [
    path("", views.index, name="index"),
]
