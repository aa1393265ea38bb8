"""The event page shows the visitor's own time once, discreetly, and only when their zone differs from the
event's (a real Chromium, visitors in Berlin and in Almaty)."""

import datetime
import zoneinfo

import pytest

from tests.events.conftest import at
from tests.factories import CampaignFactory, EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(browser, url, zone):
    context = browser.new_context(timezone_id=zone)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page


def test_the_visitors_time_is_shown_once_when_their_zone_differs(browser, live_server):
    campaign = CampaignFactory(title="Mandela Day", slug="mandela-day")
    start = at(2030, 7, 13, 11)  # 11:00 in Almaty (UTC+5) is 06:00 UTC and 08:00 in Berlin (summer time)
    sessions = [(start, start + datetime.timedelta(hours=2)), (start + datetime.timedelta(days=1),
                start + datetime.timedelta(days=1, hours=2))]  # fmt: skip
    event = EventFactory(parent=campaign, title="Master class", sessions=sessions)
    assert start.astimezone(zoneinfo.ZoneInfo("Europe/Berlin")).strftime("%H:%M") == "08:00"

    context, page = _open(browser, live_server.url + event.url, "Europe/Berlin")
    try:
        first = page.locator("li.session").first.inner_text()
        assert "13 July 2030, 11:00" in first and "(UTC+5)" in first  # the event's zone, from the server
        notes = page.locator("p.local-time")
        assert notes.count() == 1 and notes.is_visible()
        # Once, for the next session, in the page's language (<html lang="en">).
        assert notes.inner_text() == "In your time zone (Europe/Berlin): July 13, 2030 at 08:00 – 10:00"
        assert page.locator("span.local-time").count() == 0  # no time repeated after every time
    finally:
        context.close()

    context, page = _open(browser, live_server.url + event.url, "Asia/Almaty")
    try:
        assert page.locator("p.local-time").is_hidden()  # the same zone: nothing to add
    finally:
        context.close()
