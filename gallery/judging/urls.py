"""The judges' screens at /judging/."""

app_name = "judging"
urlpatterns = []
