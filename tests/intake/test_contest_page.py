from datetime import timedelta

from django.utils import timezone

from tests.factories import ContestFactory


def test_open_contest_page_shows_rules_deadline_countdown_and_state(client, contest):
    contest.rules = "<p>Up to five works per facility.</p>"
    contest.save_revision().publish()
    html = client.get(contest.url).content.decode()
    assert "Up to five works per facility." in html
    assert "Open for entries" in html
    assert "data-countdown=" in html and "countdown.js" in html
    assert contest.listing_status_key() == "open"


def test_listing_status_follows_the_clock(campaign, regions):
    now = timezone.now()
    upcoming = ContestFactory(
        parent=campaign,
        code="UP",
        slug="up",
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=5),
        eligible_regions=[regions["KAR"], regions["PAV"]],
    )
    assert upcoming.listing_status_key() == "upcoming"
    assert upcoming.listing_status_key(now + timedelta(days=2)) == "open"
    assert upcoming.listing_status_key(upcoming.closes_at + timedelta(seconds=1)) == "closed"
    assert str(upcoming.listing_status(upcoming.closes_at + timedelta(seconds=1))) == "Closed for entries"


def test_officer_types_times_in_the_contests_time_zone(client, officer, campaign, settings):
    from datetime import UTC, datetime

    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    from gallery.models import ContestPage

    client.force_login(officer)
    url = reverse("wagtailadmin_pages:add", args=["gallery", "contestpage", campaign.pk])
    data = nested_form_data(
        {
            "title": "Spring contest",
            "slug": "spring-contest",
            "code": "sp26",
            "theme": "",
            "rules": rich_text("<p>Rules</p>"),
            "opens_at": "2026-06-01 09:00",
            "closes_at": "2026-06-01 08:00",
            "time_zone": "Asia/Almaty",
            "max_entries_per_facility": "5",
            "accepted_formats": "jpeg, png",
            "min_image_side": "600",
            "categories": "",
            "consent_statement": "Consent given.",
            "number_of_winners": "10",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200 and "close after they open" in response.content.decode()

    data["closes_at"] = "2026-07-01 18:00"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    contest = ContestPage.objects.get(slug="spring-contest")
    assert contest.code == "SP26" and contest.accepted_formats == "JPEG,PNG"
    # 09:00 in Almaty (UTC+5) is 04:00 UTC, whatever the officer's own time zone.
    assert contest.opens_at == datetime(2026, 6, 1, 4, 0, tzinfo=UTC)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[contest.pk])).content.decode()
    assert "2026-06-01 09:00" in edit
