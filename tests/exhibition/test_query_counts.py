"""The exhibition and a work's page make the same number of queries with 0, 1, 10 or 100 works, and at most 12
(the speed budget of public pages, measured with 1,000 works by bench/bench_pages.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gallery.exhibition.models import ExhibitedImage, ExhibitedWork, ExhibitionPage, PublicRendition
from gallery.models import EntryImage
from tests.factories import ContestFactory, FacilityFactory, bulk_entries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]

QUERY_LIMIT = 12


def _exhibition_with(count, award="winner", **fields):
    """A live exhibition of `count` works (winners unless `award` says otherwise), each with a work image and a
    detail, rows written in bulk."""
    contest = ContestFactory()
    page = ExhibitionPage(
        title=f"Exhibition {contest.code}", slug=f"exhibition-{contest.code.lower()}", contest=contest, **fields
    )
    contest.get_parent().add_child(instance=page)
    entries = bulk_entries(count, contest=contest, facility=FacilityFactory(), consent_confirmed=True)
    images = EntryImage.objects.bulk_create(
        EntryImage(
            entry=entry, position=position, file=f"entries/{entry.pk}-{position}.jpg", format="jpeg", width=1600,
            height=1200, byte_size=1, sha256=f"{entry.pk}-{position}", phash="0",
        )
        for entry in entries
        for position in range(2)
    )  # fmt: skip
    works = ExhibitedWork.objects.bulk_create(
        ExhibitedWork(page=page, entry=entry, number=number, award=award, rank=number, sort_order=number)
        for number, entry in enumerate(entries, start=1)
    )
    by_entry = {work.entry_id: work for work in works}
    ExhibitedImage.objects.bulk_create(
        ExhibitedImage(work=by_entry[image.entry_id], entry_image=image, alt_text="Alt", sort_order=image.position)
        for image in images
    )
    PublicRendition.objects.bulk_create(
        PublicRendition(
            entry_image=image, format=fmt, width=width, height=width * 3 // 4,
            file=f"exhibition/{image.pk:02d}/{image.pk}-{width}.{fmt.lower()}", byte_size=1,
        )
        for image in images
        for fmt in ("WEBP", "JPEG")
        for width in (480, 960, 1440)
    )  # fmt: skip
    return page


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_same_queries_for_0_1_10_and_100_works(client):
    counts, work_counts = {}, {}
    for size in (0, 1, 10, 100):
        page = _exhibition_with(size)
        client.get(page.url)  # the site and its settings are cached after the first request
        counts[size], html = _queries(client, page.url)
        assert html.count('class="work-tile"') == size
        if size:
            work_counts[size], work_html = _queries(client, f"{page.url}works/{size}/")
            assert "1440w" in work_html
    assert len(set(counts.values())) == 1, counts
    assert len(set(work_counts.values())) == 1, work_counts
    assert counts[0] <= QUERY_LIMIT and work_counts[1] <= QUERY_LIMIT, (counts, work_counts)


def test_all_eligible_entries_section_reads_as_many_queries_for_2_and_12_works(client):
    """Eligible entries without an award are shown only when the page says so, in as many queries."""
    counts = {}
    for size in (2, 12):
        page = _exhibition_with(size, award="", show_all_eligible=True)
        client.get(page.url)
        counts[size], html = _queries(client, page.url)
        assert html.count('class="work-tile"') == size and "All eligible entries" in html
        _, work_html = _queries(client, f"{page.url}works/{size}/")
        assert "1440w" in work_html
    assert counts[2] == counts[12] <= QUERY_LIMIT, counts
    hidden = _exhibition_with(2, award="")
    client.get(hidden.url)
    assert 'class="work-tile"' not in _queries(client, hidden.url)[1]
