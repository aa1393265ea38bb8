"""Public URLs of the events app that are not Wagtail pages (calendar feeds and the like)."""

urlpatterns = []
