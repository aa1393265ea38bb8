"""Demo pages for the events app: the Nelson Mandela International Day 2020 campaign."""

from events.models import HomePage


def seed(context):
    home = HomePage.objects.get()
    intro = (
        "Vitrine runs outreach campaigns with correctional facilities: events, training and art contests "
        "that end in a public online exhibition."
    )
    if home.intro != intro:
        home.intro = intro
        home.save_revision().publish()
    context.objects["home"] = home
