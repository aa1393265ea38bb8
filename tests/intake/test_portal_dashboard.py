"""The portal's dashboard (what the facility has in each contest, drafts of closed contests archived, cards on a
phone) and the receipt: a page of its own, linked from the receipt email."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core import dates
from gallery.models import Entry
from tests.factories import ContestFactory, DraftEntryFactory, SubmittedEntryFactory


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_contest_cards_say_what_the_facility_has_there(staff_client, contest, facility, staff, other_facility):
    contest.max_entries_per_facility = 5
    contest.save()
    SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, title="Sent 1", notify=False)
    SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, title="Sent 2", notify=False)
    DraftEntryFactory(contest=contest, facility=facility, created_by=staff, title="Half done")
    DraftEntryFactory(contest=contest, facility=other_facility, title="Not ours", artist_code="X")
    html = staff_client.get(reverse("portal:dashboard")).content.decode()
    assert "2 of 5 entries used." in html
    assert "1 draft not yet submitted:" in html and "Half done" in html
    assert "Not ours" not in html


def test_a_full_quota_offers_no_new_entry(staff_client, contest, facility, staff):
    contest.max_entries_per_facility = 1
    contest.save()
    SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, notify=False)
    html = staff_client.get(reverse("portal:dashboard")).content.decode()
    assert "1 of 1 entries used." in html and "submitted all the entries" in html
    assert reverse("portal:entry_create", args=[contest.pk]) not in html


def test_drafts_of_closed_contests_are_archived(staff_client, contest, campaign, facility, staff, regions):
    DraftEntryFactory(contest=contest, facility=facility, created_by=staff, title="Open draft")
    closed = ContestFactory(parent=campaign, open_for_entries=True, code="OLD1", eligible_regions=[regions["KAR"]])
    old_draft = DraftEntryFactory(contest=closed, facility=facility, created_by=staff, title="Forgotten draft")
    closed.closes_at = timezone.now() - datetime.timedelta(days=2)
    closed.save()
    html = staff_client.get(reverse("portal:dashboard")).content.decode()
    table = html[html.index('class="portal-entries"') : html.index("</table>")]
    assert "Open draft" in table and "Forgotten draft" not in table
    archive = html[html.index('data-testid="archived-drafts"') :]
    assert "1 archived draft of a closed contest" in archive and "Forgotten draft" in archive
    assert reverse("portal:entry", args=[old_draft.pk]) in archive  # still reachable


def test_entry_rows_carry_their_column_names_for_phone_cards(staff_client, contest, facility, staff):
    DraftEntryFactory(contest=contest, facility=facility, created_by=staff, title="Card")
    html = staff_client.get(reverse("portal:dashboard")).content.decode()
    for label in ("Title", "Contest", "Reference", "State", "Review", "Images"):
        assert f'data-label="{label}"' in html


def test_submitting_leads_to_the_receipt_page_and_the_email_links_it(
    staff_client, contest, facility, staff, django_capture_on_commit_callbacks, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://vitrine.example.org"
    staff.email = "staff@example.org"
    staff.save()
    draft = DraftEntryFactory(contest=contest, facility=facility, created_by=staff, title="Steppe")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("portal:entry_submit", args=[draft.pk]))
    receipt_url = reverse("portal:entry_receipt", args=[draft.pk])
    assert response.status_code == 302 and response["Location"] == receipt_url
    draft.refresh_from_db()
    page = staff_client.get(receipt_url)
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    zone = f"({dates.zone_name(draft.submitted_at, contest.time_zone)})"
    assert draft.reference in html and "Steppe" in html and zone in html
    body = mail.outbox[-1].body
    assert f"https://vitrine.example.org{receipt_url}" in body
    assert zone in body and ".." not in body


def test_receipt_is_404_for_drafts_and_other_facilities(client, staff, other_staff, contest, facility):
    draft = DraftEntryFactory(contest=contest, facility=facility, created_by=staff)
    sent = SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, notify=False, image_seed=7)
    client.force_login(staff)
    assert client.get(reverse("portal:entry_receipt", args=[draft.pk])).status_code == 404
    client.force_login(other_staff)
    assert client.get(reverse("portal:entry_receipt", args=[sent.pk])).status_code == 404
    assert Entry.objects.count() == 2
