from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.models import CampaignPage, EventIndexPage, EventPage, HomePage, Person, StoryIndexPage


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "role"]
    search_fields = ["name", "role"]


register_snippet(PersonViewSet)


@hooks.register("page_cache_listing_pages")
def pages_listing_the_whole_site():
    """The home page and the indexes list pages from anywhere in the tree: they change when any page does."""
    return [
        *HomePage.objects.live(),
        *EventIndexPage.objects.live(),
        *StoryIndexPage.objects.live(),
    ]


@hooks.register("page_cache_site_wide_paths")
def calendars_and_feeds():
    """Calendars and feeds list many pages; each event and campaign calendar is its own path."""
    paths = [reverse("site_calendar"), reverse("stories_rss"), reverse("stories_atom")]
    for name, model in (("event_calendar", EventPage), ("campaign_calendar", CampaignPage)):
        paths += [reverse(name, args=[pk]) for pk in model.objects.live().values_list("pk", flat=True)]
    return paths
