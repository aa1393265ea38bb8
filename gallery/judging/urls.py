"""The judges' screens at /judging/: their rounds, the queue of a round, and one entry at a time."""

from django.urls import path

from gallery.judging.views import judge as views

app_name = "judging"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:round_id>/", views.queue, name="queue"),
    path("<int:round_id>/submit/", views.submit, name="submit"),
    path("<int:round_id>/<str:code>/", views.entry, name="entry"),
    path("<int:round_id>/<str:code>/score/", views.score, name="score"),
    path("<int:round_id>/<str:code>/note/", views.note, name="note"),
    path("<int:round_id>/<str:code>/declare/", views.declare, name="declare"),
    path("<int:round_id>/<str:code>/image/<int:position>/", views.image, name="image"),
    path("<int:round_id>/<str:code>/image/<int:position>/thumb/", views.image_thumb, name="image_thumb"),
]
