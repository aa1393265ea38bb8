"""Public URLs of the events app that are not Wagtail pages: calendars, feeds, robots.txt and search."""

from django.urls import path

from events import feeds, views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("calendar/events.ics", views.site_calendar, name="site_calendar"),
    path("calendar/events/<int:page_id>.ics", views.event_calendar, name="event_calendar"),
    path("calendar/campaigns/<int:page_id>.ics", views.campaign_calendar, name="campaign_calendar"),
    path("feeds/stories.rss", feeds.StoriesFeed(), name="stories_rss"),
    path("feeds/stories.atom", feeds.StoriesAtomFeed(), name="stories_atom"),
]
