"""The judges' screens at /judging/: their rounds, the queue of a round, and one entry at a time."""

from django.urls import path

from gallery.judging.views import judge as views
from gallery.judging.views import judge_images as images
from gallery.judging.views import judge_steps as steps

app_name = "judging"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:round_id>/", views.queue, name="queue"),
    path("<int:round_id>/submit/", steps.submit, name="submit"),
    path("<int:round_id>/<str:code>/", views.entry, name="entry"),
    path("<int:round_id>/<str:code>/score/", views.score, name="score"),
    path("<int:round_id>/<str:code>/note/", views.note, name="note"),
    path("<int:round_id>/<str:code>/declare/", steps.declare, name="declare"),
    path("<int:round_id>/<str:code>/withdraw/", steps.withdraw, name="withdraw"),
    path("<int:round_id>/<str:code>/image/<int:position>/", images.image, name="image"),
    path("<int:round_id>/<str:code>/image/<int:position>/zoom/", images.image_zoom, name="image_zoom"),
    path("<int:round_id>/<str:code>/image/<int:position>/thumb/", images.image_thumb, name="image_thumb"),
]
