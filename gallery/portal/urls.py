"""The facility portal at /portal/: where facility staff submit entries for their own facility."""

app_name = "portal"
urlpatterns = []
