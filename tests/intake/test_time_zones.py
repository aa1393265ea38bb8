"""Every time an officer types or a facility reads in the intake is in the contest's own time zone, with its name:
the contest editor, deadline extensions, the portal and the emails."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, rich_text

from core import dates
from gallery.models import ContestExtension, ContestPage
from tests.factories import SubmittedEntryFactory

pytestmark = pytest.mark.django_db
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def shown(moment, zone=ALMATY):
    """How the site writes a moment in a zone, with the zone named (core.dates), in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return dates.format_moment(moment, zone)


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def test_a_contest_time_zone_must_be_a_known_zone(officer_client, campaign):
    url = reverse("wagtailadmin_pages:add", args=["gallery", "contestpage", campaign.pk])
    assert '<option value="Asia/Almaty"' in officer_client.get(url).content.decode()
    data = nested_form_data(
        {
            "title": "Spring contest",
            "slug": "spring-contest",
            "code": "SP26",
            "rules": rich_text("<p>Rules</p>"),
            "opens_at": "2026-06-01 09:00",
            "closes_at": "2026-07-01 18:00",
            "time_zone": "Mars/Olympus_Mons",
            "max_entries_per_facility": "5",
            "accepted_formats": "JPEG",
            "min_image_side": "600",
            "consent_statement": "Consent given.",
            "number_of_winners": "10",
        }
    )
    response = officer_client.post(url, data)
    assert response.status_code == 200 and "is not a known time zone" in response.content.decode()
    assert not ContestPage.objects.filter(slug="spring-contest").exists()
    with pytest.raises(ValidationError):
        ContestPage._meta.get_field("time_zone").run_validators("Mars/Olympus_Mons")


def test_an_extension_is_typed_in_the_chosen_contests_zone(officer_client, contest, facility):
    contest.time_zone = "Asia/Almaty"
    contest.save()
    response = officer_client.post(
        reverse("deadline_extensions:add"),
        {"contest": contest.pk, "facility": facility.pk, "closes_at": "2099-07-01 18:00", "reason": "Power cut"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    extension = ContestExtension.objects.get()
    # 18:00 in Almaty (UTC+5) is 13:00 UTC, whatever the officer's own time zone.
    assert extension.closes_at == datetime(2099, 7, 1, 13, 0, tzinfo=UTC)

    edit = officer_client.get(reverse("deadline_extensions:edit", args=[extension.pk])).content.decode()
    assert 'value="2099-07-01 18:00"' in edit and "(Asia/Almaty)" in edit
    listing = officer_client.get(reverse("deadline_extensions:index")).content.decode()
    assert shown(extension.closes_at) in listing  # "…, 18:00 (UTC+5)"


def test_the_add_form_says_whose_zone_applies(officer_client):
    page = officer_client.get(reverse("deadline_extensions:add")).content.decode()
    assert "In the chosen contest&#x27;s time zone." in page or "In the chosen contest's time zone." in page


def test_the_receipt_gives_times_in_the_contests_zone_with_the_facilitys_deadline(
    contest, facility, staff, django_capture_on_commit_callbacks
):
    later = contest.closes_at + timedelta(days=2)
    ContestExtension.objects.create(contest=contest, facility=facility, closes_at=later)
    with django_capture_on_commit_callbacks(execute=True):
        entry = SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff)
    body = mail.outbox[0].body
    assert shown(entry.submitted_at) in body
    assert f"until {shown(later)}" in body


def test_the_portal_shows_the_facilitys_deadline_in_the_contests_zone(client, contest, facility, staff):
    later = contest.closes_at + timedelta(days=2)
    ContestExtension.objects.create(contest=contest, facility=facility, closes_at=later)
    entry = SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, notify=False)
    client.force_login(staff)
    page = client.get(reverse("portal:entry", args=[entry.pk])).content.decode()
    assert shown(later) in page
    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    assert f"Closes {shown(later)}" in dashboard
