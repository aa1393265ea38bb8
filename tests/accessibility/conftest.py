"""The site in Chromium, one of each kind of page: a campaign with an event, a contest judged in an open round,
its published exhibition, and a facility's draft entry in the portal."""

from dataclasses import dataclass

import pytest
from django.test import Client

from gallery.domain import entries as service
from tests.factories import (
    ContestFactory,
    EntryFactory,
    EventFactory,
    FacilityFactory,
    RoundFactory,
    UserFactory,
    awarded_contest,
    exhibition_of,
    rubric,
)


@dataclass
class Site:
    campaign: object
    event: object
    contest: object
    exhibition: object
    round: object
    judge: object
    staff: object
    draft: object


@pytest.fixture
def site(db):
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()  # a transactional test's flush brings content types back under new ids
    awarded, _entries = awarded_contest(winners=2)
    campaign = awarded.get_parent()
    exhibition = exhibition_of(awarded)
    event = EventFactory(parent=campaign, title="Master class: acrylic basics")
    contest = ContestFactory(parent=campaign, open_for_entries=True, title="Art and photo contest 2027")
    judged = ContestFactory(parent=campaign)
    facility = FacilityFactory()
    for _ in range(2):
        EntryFactory(contest=judged, facility=facility, images=1)
    rubric(judged)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=judged, judges=[judge])
    staff = UserFactory(facility=facility)
    draft = service.create_draft(contest, facility, staff, title="Birds over the wall", artist_code="A-1")
    return Site(campaign, event, contest, exhibition, round_, judge, staff, draft)


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}
    page.context.add_cookies([cookie])
