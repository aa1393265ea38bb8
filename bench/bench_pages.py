"""Benchmark: uncached server time and queries of the public pages, with the demo and with 1,000 more of each.

Budget (the speed issue): home, campaign, event, exhibition and work pages render uncached in p50 ≤ 15 ms of
server time (the Django test client's call, in-process, every middleware included) with ≤ 12 queries, and the
same number of queries with the demo's handful of events and works as with 1,000 more.

Creates its own throwaway test database (test_<name of DATABASE_URL's database>), loads the demo (seed_demo),
measures, adds 1,000 events (with sessions) under the 2020 campaign and 1,000 works to its exhibition in bulk,
measures again, and prints one JSON object on its last line (bench/figures.py). Each measurement runs in a fresh
interpreter, as an app server would, with the page cache off (VITRINE_PAGE_CACHE_SECONDS = 0); `cpu_ms` beside a
p50 is the process's own CPU time, the rest is waiting for the database or for a busy machine.
"""

import datetime
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site"), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vitrine.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vitrine_bench")

import django  # noqa: E402

django.setup()  # before the models below are imported

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402
from figures import at_most, emit, figure, median  # noqa: E402
from treebeard.mp_tree import MP_Node  # noqa: E402
from wagtail.models import Page  # noqa: E402

from events.models import CampaignPage, EventPage, EventSession  # noqa: E402
from gallery.exhibition.models import ExhibitedImage, ExhibitedWork, ExhibitionPage, PublicRendition  # noqa: E402
from gallery.models import Entry, EntryImage, Facility  # noqa: E402

GROWTH = 1000
REQUESTS, LARGE_REQUESTS, WARM_UP = 50, 5, 3
P50_LIMIT_MS, QUERY_LIMIT = 15, 12
CAMPAIGN_SLUG, EVENT_SLUG, EXHIBITION_SLUG = (
    "nelson-mandela-day-2020",
    "master-class-abstract-acrylic-painting",
    "online-exhibition",
)


def page_urls():
    campaign = CampaignPage.objects.get(slug=CAMPAIGN_SLUG)
    exhibition = ExhibitionPage.objects.get(slug=EXHIBITION_SLUG)
    work = exhibition.works.order_by("sort_order", "pk").first()
    return {
        "home": "/",
        "campaign": campaign.url,
        "event": EventPage.objects.get(slug=EVENT_SLUG).url,
        "exhibition": exhibition.url,
        "work": f"{exhibition.url}works/{work.number}/",
    }


def measure(client, url, requests):
    """p50 of the server time (and of this process's CPU time) of `requests` GETs after a few warm-up ones, the
    queries of one more, and its HTML."""
    for _ in range(WARM_UP):
        assert client.get(url).status_code == 200, url
    samples, cpu = [], []
    for _ in range(requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return {
        "p50": round(median(samples), 1),
        "cpu_p50": round(median(cpu), 1),
        "queries": len(captured),
        "work_tiles": response.content.decode().count('class="work-tile"'),
        "event_cards": response.content.decode().count('class="card event-card'),
    }


def measure_all(requests):
    """Measure every page as an app server would serve it: anonymous visitors, the page cache off (it is off at 0
    seconds: the uncached render is what is measured)."""
    client = Client()
    with override_settings(VITRINE_PAGE_CACHE_SECONDS=0):
        return {name: measure(client, url, requests) for name, url in page_urls().items()}


def measure_in_fresh_process(requests):
    """Run measure_all in a new interpreter on the same database: a server process, not this one, whose heap holds
    everything the demo built (the garbage collector would walk it during the measurement)."""
    url = urlsplit(os.environ["DATABASE_URL"])
    name = connection.settings_dict["NAME"]
    database_url = urlunsplit((url.scheme, url.netloc, name if url.scheme == "sqlite" else f"/{name}", "", ""))
    completed = subprocess.run(
        [sys.executable, __file__, "--measure", str(requests)],
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr[-3000:])
    return json.loads(completed.stdout.strip().splitlines()[-1])


def analyze():
    """Fresh planner statistics, as autovacuum would have them on a live database."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _page_rows(parent, pages):
    """Give unsaved `pages` their tree paths under `parent` (treebeard's own path arithmetic), in one go."""
    now = timezone.now()
    parent = Page.objects.get(pk=parent.pk)
    for offset, page in enumerate(pages, start=1):
        page.path = MP_Node._get_path(parent.path, parent.depth + 1, parent.numchild + offset)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = now
        page.locale_id = parent.locale_id
        page.draft_title = page.title
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return pages


def bulk_pages(parent, pages):
    """Insert specific pages (a multi-table model) in two statements: the Page rows, then the model's own rows."""
    model = type(pages[0])
    _page_rows(parent, pages)
    content_type = ContentType.objects.get_for_model(model)
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    bases = Page.objects.bulk_create(
        Page(
            content_type=content_type,
            **{f.attname: getattr(page, f.attname) for f in base_fields if f.attname != "content_type_id"},
        )
        for page in pages
    )
    for page, base in zip(pages, bases, strict=True):
        page.pk = page.page_ptr_id = base.pk
    model._base_manager._insert(pages, fields=model._meta.local_concrete_fields, using="default")
    return pages


def grow_events(campaign, count):
    """`count` events under the campaign, half of them past, half upcoming, two sessions each, sharing the
    campaign's hero image (its renditions exist, as after publishing)."""
    now = timezone.now()
    events = bulk_pages(
        campaign,
        [
            EventPage(
                title=f"Bench event {n:04d}",
                slug=f"bench-event-{n:04d}",
                summary="A generated event.",
                hero_image_id=campaign.hero_image_id,
                kind=EventPage.Kind.WEBINAR,
            )
            for n in range(count)
        ],
    )
    sessions = []
    for n, event in enumerate(events):
        start = now + datetime.timedelta(days=n - count // 2, hours=1)
        for day in range(2):
            begins = start + datetime.timedelta(days=day)
            sessions.append(EventSession(page_id=event.pk, start=begins, end=begins + datetime.timedelta(hours=1)))
    EventSession.objects.bulk_create(sessions)


def grow_works(exhibition, count):
    """`count` eligible entries shown in the exhibition's "all eligible entries" section, each with one image and
    JPEG and WebP rows for three widths pointing at placeholder names (no image is encoded)."""
    ExhibitionPage.objects.filter(pk=exhibition.pk).update(show_all_eligible=True)
    facility = Facility.objects.order_by("pk").first()
    uploader = get_user_model().objects.order_by("pk").first()
    entries = Entry.objects.bulk_create(
        Entry(
            contest_id=exhibition.contest_id, facility=facility, sequence=100_000 + n, reference=f"BNCH-{n:05d}",
            title=f"Bench work {n:04d}", artist_code=f"B{n}", credit=Entry.Credit.INITIALS, credit_name="B. W.",
            medium="Acrylic", state=Entry.State.SUBMITTED, review=Entry.Review.ELIGIBLE, consent_confirmed=True,
            show_facility=True, created_by=uploader,
        )
        for n in range(count)
    )  # fmt: skip
    images = EntryImage.objects.bulk_create(
        EntryImage(
            entry=entry, file=f"entries/bench-{entry.pk}.jpg", format="jpeg", width=1600, height=1200,
            byte_size=1, sha256=f"bench{entry.pk}", phash="0",
        )
        for entry in entries
    )  # fmt: skip
    first = ExhibitedWork.objects.filter(page=exhibition).order_by("-number").values_list("number", flat=True)
    start = (first.first() or 0) + 1
    works = ExhibitedWork.objects.bulk_create(
        ExhibitedWork(page=exhibition, entry=entry, number=start + n, award="", sort_order=start + n)
        for n, entry in enumerate(entries)
    )
    ExhibitedImage.objects.bulk_create(
        ExhibitedImage(work=work, entry_image=image, alt_text="A generated work.", sort_order=0)
        for work, image in zip(works, images, strict=True)
    )
    PublicRendition.objects.bulk_create(
        PublicRendition(
            entry_image=image, format=fmt, width=width, height=width * 3 // 4, byte_size=1,
            file=f"exhibition/bench/{image.pk}-{width}.{fmt.lower()}",
        )
        for image in images
        for fmt in ("WEBP", "JPEG")
        for width in (480, 960, 1440)
    )  # fmt: skip


def main():
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure_all(int(sys.argv[2]))))
        return 0
    started = time.perf_counter()
    state = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("seed_demo", force=True, verbosity=0, stdout=io.StringIO())  # its log would end up in the table
        analyze()
        seeded = time.perf_counter()
        small = measure_in_fresh_process(REQUESTS)
        grow_started = time.perf_counter()
        grow_events(CampaignPage.objects.get(slug=CAMPAIGN_SLUG), GROWTH)
        grow_works(ExhibitionPage.objects.get(slug=EXHIBITION_SLUG), GROWTH)
        analyze()
        grown = time.perf_counter()
        large = measure_in_fresh_process(LARGE_REQUESTS)
        for count in ("work_tiles", "event_cards"):  # the pages really show the added works and events
            page = "exhibition" if count == "work_tiles" else "campaign"
            assert large[page][count] == small[page][count] + GROWTH, (count, small[page][count], large[page][count])
        figures = []
        for name, few in small.items():
            many = large[name]
            figures += [
                at_most(
                    f"{name}: uncached p50",
                    few["p50"],
                    "ms",
                    P50_LIMIT_MS,
                    cpu_ms=few["cpu_p50"],
                    at_1000_ms=many["p50"],
                ),
                at_most(f"{name}: queries", few["queries"], "", QUERY_LIMIT),
                figure(
                    f"{name}: queries at 1,000",
                    many["queries"],
                    "",
                    "= queries at 10",
                    many["queries"] == few["queries"],
                ),
            ]
        details = {
            "database": connection.vendor,
            "urls": page_urls(),
            "events_listed": [small["campaign"]["event_cards"], large["campaign"]["event_cards"]],
            "works_shown": [small["exhibition"]["work_tiles"], large["exhibition"]["work_tiles"]],
            "seed_seconds": round(seeded - started, 1),
            "grow_seconds": round(grown - grow_started, 1),
        }
    finally:
        teardown_databases(state, verbosity=0)
    details["total_seconds"] = round(time.perf_counter() - started, 1)
    return emit(figures, **details)


if __name__ == "__main__":
    sys.exit(main())
