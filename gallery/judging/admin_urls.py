"""Officers' judging screens inside the Wagtail admin (mounted at /admin/judging/)."""

from django.urls import path

from gallery.judging.views import admin as views

urlpatterns = [
    path("", views.index, name="index"),
    path("round/<int:round_id>/", views.round_results, name="round"),
    path("round/<int:round_id>/open/", views.open_round, name="open"),
    path("round/<int:round_id>/close/", views.close_round, name="close"),
    path("round/<int:round_id>/remind/", views.remind, name="remind"),
    path("round/<int:round_id>/approve/", views.approve, name="approve"),
    path("round/<int:round_id>/decide/", views.decide_ties, name="decide"),
    path("round/<int:round_id>/shortlist/", views.shortlist, name="shortlist"),
    path("round/<int:round_id>/export/<str:table>.<str:fmt>", views.export, name="export"),
]
