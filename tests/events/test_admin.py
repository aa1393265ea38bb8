"""The page editor: previews of every page type, and who may reach it."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from core import roles
from events.models import CampaignPage, EventIndexPage, EventPage, HomePage, StoryIndexPage, StoryPage
from tests.events.conftest import at
from tests.factories import EventFactory, FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_preview_of_every_page_type(home, campaign, story, event_index, story_index):
    event = EventFactory(
        parent=campaign, title="Webinar", sessions=[(at(2020, 5, 18), at(2020, 5, 18, 13))], summary="Preview me"
    )
    pages = {
        HomePage: home,
        CampaignPage: campaign,
        EventPage: event,
        StoryPage: story,
        EventIndexPage: event_index,
        StoryIndexPage: story_index,
    }
    for page in pages.values():
        page.title = f"{page.title} (edited)"
        response = page.make_preview_request()
        assert response.status_code == 200, page
        assert f"{page.title}" in response.content.decode(), page


def test_preview_of_a_new_event_without_sessions(campaign):
    event = EventPage(title="Not yet dated", slug="not-yet-dated", summary="Sessions come later")
    event.set_url_path(campaign)  # what the "add page" view does before previewing
    event.path, event.depth = campaign.path + "9999", campaign.depth + 1
    html = event.make_preview_request().content.decode()
    assert "Not yet dated" in html and "Date to be announced" in html


def test_admin_preview_endpoint_renders_an_event_being_edited_without_sessions(client, campaign):
    officer = UserFactory(username="aigerim", officer=True)
    event = EventFactory(parent=campaign, title="Webinar", sessions=[(at(2020, 5, 18), at(2020, 5, 18, 13))])
    client.force_login(officer)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[event.pk])
    session = event.sessions.get()
    data = nested_form_data(
        {
            "title": "Webinar, dates to follow",
            "slug": "webinar",
            "kind": "webinar",
            "status": "postponed",
            "status_note": "New dates soon",
            "summary": "",
            "time_zone": "Asia/Almaty",
            "attendance_mode": "online",
            "body": streamfield([]),
            "materials": streamfield([]),
            # The officer deletes the only session: the event has no sessions at all.
            "sessions": inline_formset(
                [
                    {
                        "id": session.pk,
                        "start": "2020-05-18 04:00",
                        "end": "2020-05-18 07:00",
                        "title": "",
                        "DELETE": "1",
                    }
                ],
                initial=1,
            ),
            "comments": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.json() == {"is_valid": True, "is_available": True}
    html = client.get(url).content.decode()
    assert "Webinar, dates to follow" in html
    assert "This event has been postponed." in html and "Date to be announced" in html
    event.refresh_from_db()
    assert event.title == "Webinar" and event.sessions.count() == 1  # previewing never saves


def test_officers_reach_the_page_editor(client, campaign):
    client.force_login(UserFactory(username="aigerim", officer=True))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[campaign.pk])).status_code == 200
    add_event = reverse("wagtailadmin_pages:add", args=["events", "eventpage", campaign.pk])
    assert client.get(add_event).status_code == 200
    assert client.get(reverse("wagtailsnippets_events_person:add")).status_code == 200  # speakers


@pytest.mark.parametrize("group_name", [roles.FACILITY_STAFF, roles.JUDGES])
def test_facility_staff_and_judges_cannot_reach_the_page_editor(client, campaign, group_name):
    if group_name == roles.FACILITY_STAFF:
        user = UserFactory(username="facility-kar9", facility=FacilityFactory())
    else:
        user = UserFactory(username="judge9", judge=True)
    client.force_login(user)
    for url in (
        reverse("wagtailadmin_pages:edit", args=[campaign.pk]),
        reverse("wagtailadmin_explore", args=[campaign.pk]),
        reverse("wagtailadmin_pages:add", args=["events", "eventpage", campaign.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("wagtailadmin_login")), url


def test_story_date_defaults_to_today(campaign):
    assert StoryPage(title="x").date == datetime.date.today()


def _event_form(title, time_zone, sessions):
    return nested_form_data(
        {
            "title": title,
            "slug": "webinar",
            "kind": "webinar",
            "status": "scheduled",
            "time_zone": time_zone,
            "attendance_mode": "online",
            "body": streamfield([]),
            "materials": streamfield([]),
            "sessions": inline_formset(sessions, initial=sum(1 for session in sessions if "id" in session)),
            "comments": inline_formset([]),
        }
    )


def test_officer_types_session_times_in_the_events_time_zone(client, campaign):
    """An officer whose admin runs in UTC types 10:00 for an Almaty event: it means 10:00 in Almaty."""
    client.force_login(UserFactory(username="aigerim", officer=True))
    event = EventFactory(parent=campaign, title="Webinar", sessions=[(at(2020, 5, 18), at(2020, 5, 18, 13))])
    session = event.sessions.get()
    edit_url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    html = client.get(edit_url).content.decode()
    assert 'value="2020-05-18 10:00"' in html and 'value="2020-05-18 13:00"' in html  # shown in Almaty time

    response = client.post(
        edit_url,
        _event_form(
            "Webinar",
            "Asia/Almaty",
            [
                {"id": session.pk, "start": "2020-05-18 10:00", "end": "2020-05-18 13:00", "title": ""},
                {"start": "2020-05-19 09:30", "end": "2020-05-19 12:00", "title": "Day 2"},
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    draft = event.get_latest_revision_as_object()
    times = sorted((s.start, s.end) for s in draft.sessions.all())
    assert times == [(at(2020, 5, 18), at(2020, 5, 18, 13)), (at(2020, 5, 19, 9, 30), at(2020, 5, 19, 12))]


def test_changing_the_time_zone_reads_the_typed_times_in_the_new_zone(client, campaign):
    client.force_login(UserFactory(username="aigerim", officer=True))
    event = EventFactory(parent=campaign, title="Webinar", sessions=[(at(2020, 5, 18), at(2020, 5, 18, 13))])
    session = event.sessions.get()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[event.pk]),
        _event_form(
            "Webinar",
            "Europe/Berlin",
            [{"id": session.pk, "start": "2020-05-18 10:00", "end": "2020-05-18 13:00", "title": ""}],
        ),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    draft = event.get_latest_revision_as_object()
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    assert [(s.start, s.end) for s in draft.sessions.all()] == [
        (at(2020, 5, 18, zone=berlin), at(2020, 5, 18, 13, zone=berlin))
    ]


def test_the_admin_asks_no_third_party_host_for_avatars(client, campaign):
    """On a closed network an avatar from Gravatar is a broken image: the admin shows Wagtail's own default."""
    client.force_login(UserFactory(username="aigerim", officer=True, email="aigerim@example.org"))
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_pages:edit", args=[campaign.pk])):
        page = client.get(url).content.decode()
        assert "gravatar" not in page.lower() and "avatar" in page, url
