"""The facility portal's dashboard and the officers' entry list make the same number of queries for 3 entries and
for 15 (every state, two contests, two facilities, images, near-duplicates, imported entries)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gallery.models import Entry, EntryImage
from tests.factories import ContestFactory, EntryFactory

pytestmark = pytest.mark.django_db

# A little above today's counts: 3 entries must stay under them, 15 cost exactly the same.
DASHBOARD_CEILING = 13
LISTING_CEILING = 18

# (state, review) in turn: every row of the dashboard and the listing shows them.
KINDS = (
    (Entry.State.SUBMITTED, Entry.Review.ELIGIBLE),
    (Entry.State.DRAFT, Entry.Review.RECEIVED),
    (Entry.State.SUBMITTED, Entry.Review.DISQUALIFIED),
    (Entry.State.WITHDRAWN, Entry.Review.RECEIVED),
    (Entry.State.SUBMITTED, Entry.Review.RECEIVED),
)


def _add_entries(count, contests, facilities, staff):
    """`count` entries spread over the contests, the facilities and KINDS, with one or two images each; every third
    is imported, and the first image of every fourth (from the third on) is a near-duplicate of the previous entry's."""
    made = []
    for n in range(count):
        state, review = KINDS[n % len(KINDS)]
        entry = EntryFactory(
            contest=contests[n % len(contests)],
            facility=facilities[n % len(facilities)],
            created_by=staff,
            state=state,
            review=review,
            disqualification_reason="Not an original work." if review == Entry.Review.DISQUALIFIED else "",
            imported=n % 3 == 2,
            images=1 + n % 2,
        )
        if state == Entry.State.DRAFT:
            Entry.objects.filter(pk=entry.pk).update(reference=None)
        if made and n % 4 == 2:
            previous = made[-1].images.first()
            EntryImage.objects.filter(entry=entry, position=0).update(near_duplicate_of=previous)
        made.append(entry)
    return made


def _queries(client, url, data=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.fixture
def contests(contest):
    return [contest, ContestFactory(open_for_entries=True, title="Second contest")]


def test_the_dashboard_costs_the_same_queries_for_3_and_15_entries(client, contests, facility, other_facility, staff):
    client.force_login(staff)
    url = reverse("portal:dashboard")
    assert client.get(url).status_code == 200  # warms the per-process caches (site, settings)
    counts = {}
    for size in (3, 15):
        _add_entries(size - Entry.objects.filter(facility=facility).count(), contests, [facility], staff)
        others = _add_entries(2, contests, [other_facility], staff)  # another facility's: never shown
        counts[size], html = _queries(client, url)
        assert all(reverse("portal:entry", args=[entry.pk]) in html for entry in facility.entries.all())
        assert not any(reverse("portal:entry", args=[entry.pk]) in html for entry in others)
        assert "Second contest" in html and "Not an original work." in html and "Draft" in html
    assert counts[3] <= DASHBOARD_CEILING, counts
    assert counts[3] == counts[15], counts


@pytest.mark.parametrize("by_contest", [False, True], ids=["default", "by-contest"])
def test_the_entry_list_costs_the_same_queries_for_3_and_15_entries(
    client, officer, contests, facility, other_facility, staff, by_contest
):
    client.force_login(officer)
    url = reverse("entries:index")
    data = {"contest": contests[0].pk} if by_contest else None
    assert client.get(url, data).status_code == 200  # warms the per-process caches (site, settings)
    counts = {}
    for size in (3, 15):
        _add_entries(size - Entry.objects.count(), contests, [facility, other_facility], staff)
        counts[size], html = _queries(client, url, data)
        shown = Entry.objects.filter(contest=contests[0]) if by_contest else Entry.objects.all()
        # Each row's thumbnail is its first image's.
        firsts = EntryImage.objects.filter(entry__in=shown, position=0)
        assert all(reverse("portal:image_thumbnail", args=[image.pk]) in html for image in firsts)
        assert html.count("/thumbnail/") == shown.count()
        assert "near-duplicate image" in html and "imported" in html
    assert counts[3] <= LISTING_CEILING, counts
    assert counts[3] == counts[15], counts
