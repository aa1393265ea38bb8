"""The event page shows each time also in the visitor's own time zone (a real Chromium, a Berlin visitor)."""

import datetime
import zoneinfo

import pytest

from tests.events.conftest import at
from tests.factories import CampaignFactory, EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_local_time_script_shows_the_visitors_time(browser, live_server):
    campaign = CampaignFactory(title="Mandela Day", slug="mandela-day")
    start = at(2020, 7, 13, 11)  # 11:00 in Almaty (UTC+6 then) is 05:00 UTC and 07:00 in Berlin (summer time)
    event = EventFactory(parent=campaign, title="Master class", sessions=[(start, start + datetime.timedelta(hours=2))])
    assert start.astimezone(zoneinfo.ZoneInfo("Europe/Berlin")).strftime("%H:%M") == "07:00"

    context = browser.new_context(timezone_id="Europe/Berlin")
    try:
        page = context.new_page()
        page.goto(live_server.url + event.url)
        assert "13 July 2020, 11:00" in page.locator("li.session").inner_text()  # the event's zone, from the server
        local_start, local_end = page.locator("span.local-time").all()
        assert local_start.get_attribute("data-zone") == "Europe/Berlin"
        assert local_start.inner_text() == " (July 13, 2020 at 07:00)"  # <html lang="en">: English date format
        assert local_end.inner_text() == " (July 13, 2020 at 09:00)"
        note = page.locator("p.local-time-note")
        assert note.is_visible() and "Europe/Berlin" in note.inner_text()
    finally:
        context.close()
