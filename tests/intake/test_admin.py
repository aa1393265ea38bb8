"""The officers' side in the Wagtail admin: entries with thumbnails and filters, screening, CSV, extensions."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from gallery.domain.eligibility import deadline_for
from gallery.models import ContestExtension, Entry
from tests.factories import SubmittedEntryFactory

# A ceiling a little above today's count for the listing with 3 entries; 7 entries must then cost exactly as much.
LISTING_CEILING = 20


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def entries(contest, facility, other_facility, staff, other_staff):
    # Steppe and Irtysh share a picture (seed 6): the listing also shows a near-duplicate across facilities.
    return [
        SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, title="Steppe", image_seed=6),
        SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, title="River", image_seed=5),
        SubmittedEntryFactory(
            contest=contest, facility=other_facility, created_by=other_staff, title="Irtysh", image_seed=6
        ),
    ]


def test_entries_listing_has_thumbnails_and_filters(officer_client, entries, regions):
    response = officer_client.get(reverse("entries:index"))
    html = response.content.decode()
    assert response.status_code == 200
    for entry in entries:
        assert entry.reference in html
        assert reverse("portal:image_thumbnail", args=[entry.images.get().pk]) in html
    filtered = officer_client.get(reverse("entries:index"), {"facility__region": regions["PAV"].pk}).content.decode()
    assert "MD20-PAV1-0001" in filtered and "MD20-KAR1-0001" not in filtered
    by_facility = officer_client.get(reverse("entries:index"), {"facility": entries[0].facility_id}).content.decode()
    assert "MD20-KAR1-0002" in by_facility and "MD20-PAV1-0001" not in by_facility


def test_officer_sees_entry_thumbnails(officer_client, entries):
    response = officer_client.get(reverse("portal:image_thumbnail", args=[entries[2].images.get().pk]))
    assert response.status_code == 200


def test_entries_listing_query_count_does_not_grow(
    officer_client, entries, contest, facility, staff, django_assert_max_num_queries, django_assert_num_queries
):
    url = reverse("entries:index")
    assert officer_client.get(url).status_code == 200  # warm the per-process caches (site, settings)
    with django_assert_max_num_queries(LISTING_CEILING) as few:
        assert officer_client.get(url).status_code == 200
    for n in range(4):
        SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, title=f"More {n}", image_seed=6)
    with django_assert_num_queries(len(few), info=f"{len(few)} queries for 3 entries"):
        assert officer_client.get(url).status_code == 200


def test_csv_export(officer_client, entries):
    response = officer_client.get(reverse("entries:index"), {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert {row["Reference"] for row in rows} == {e.reference for e in entries}
    assert {row["Region"] for row in rows} == {"KAR", "PAV"}


def test_screening_in_the_admin_is_logged_and_needs_a_reason(officer_client, officer, entries, staff, client):
    entry = entries[0]
    url = reverse("entries:edit", args=[entry.pk])
    page = officer_client.get(url).content.decode()
    assert reverse("portal:image_thumbnail", args=[entry.images.get().pk]) in page and entry.reference in page
    refused = officer_client.post(url, {"review": "disqualified", "disqualification_reason": ""})
    assert refused.status_code == 200 and "reason for the disqualification" in refused.content.decode()
    entry.refresh_from_db()
    assert entry.review == Entry.Review.RECEIVED

    officer_client.post(url, {"review": "disqualified", "disqualification_reason": "Face visible."})
    entry.refresh_from_db()
    assert entry.review == Entry.Review.DISQUALIFIED and entry.disqualification_reason == "Face visible."
    log_entry = ModelLogEntry.objects.get(action="gallery.entry.screen", object_id=str(entry.pk))
    assert log_entry.user == officer and log_entry.data["reason"] == "Face visible."
    history = officer_client.get(reverse("entries:history", args=[entry.pk])).content.decode()
    assert "Screen entry" in history or "review status" in history


def test_officers_cannot_add_or_delete_entries(officer_client, entries):
    assert officer_client.get(reverse("entries:add")).status_code in (302, 403)
    assert officer_client.post(reverse("entries:delete", args=[entries[0].pk])).status_code in (302, 403)
    assert Entry.objects.filter(pk=entries[0].pk).exists()


def test_facilities_admin_lists_filters_and_exports(officer_client, facility, other_facility, regions):
    html = officer_client.get(reverse("facilities:index"), {"region": regions["KAR"].pk}).content.decode()
    assert "Steppe Light" in html and "Irtysh Bank" not in html
    response = officer_client.get(reverse("facilities:index"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "KAR1" in content and "PAV1" in content


def test_extension_records_who_granted_it(officer_client, officer, contest, facility):
    closes = (contest.closes_at + timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    response = officer_client.post(
        reverse("deadline_extensions:add"),
        {"contest": contest.pk, "facility": facility.pk, "closes_at": closes, "reason": "Power cut"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    extension = ContestExtension.objects.get()
    assert extension.granted_by == officer
    assert deadline_for(contest, facility) == extension.closes_at


def test_staff_cannot_reach_the_admin(client, staff):
    client.force_login(staff)
    response = client.get(reverse("entries:index"))
    assert response.status_code in (302, 403)


def test_officer_creates_a_staff_account_for_a_facility(officer_client, facility, client):
    from django.contrib.auth import get_user_model

    from core import roles

    url = reverse("facility_staff:add")
    assert officer_client.get(url).status_code == 200
    weak = officer_client.post(url, {"facility": facility.pk, "username": "new-staff", "password": "123"})
    assert weak.status_code == 200 and not get_user_model().objects.filter(username="new-staff").exists()
    response = officer_client.post(
        url,
        {"facility": facility.pk, "username": "new-staff", "email": "n@example.org", "password": "steppe-light-42x"},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="new-staff")
    assert user.facility_membership.facility == facility
    assert user.groups.filter(name=roles.FACILITY_STAFF).exists()
    assert client.login(username="new-staff", password="steppe-light-42x")
    assert client.get(reverse("portal:dashboard")).status_code == 200
