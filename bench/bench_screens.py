"""Benchmark: the busiest screens at scale, as the server sees them (Django test client, every middleware).

Creates its own throwaway test database (test_<name of DATABASE_URL's database>) and fills it with bulk_create:
a contest of 2,000 submitted entries from 20 facilities (one of them with 200), one to three images each (rows
pointing at one placeholder file and thumbnail), an open round of 1,000 of them, eight judges who judge every
entry and have scored part of them, a facility staff user and an officer. Then it times ~50 requests of each
screen after a warm-up and prints the figures (bench/figures.py) on its last line.
"""

import gc
import io
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vitrine.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vitrine_bench")

import django  # noqa: E402

django.setup()  # before the models below are imported

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image  # noqa: E402
from wagtail.models import Page  # noqa: E402

from bench.figures import at_most, emit, median, percentile  # noqa: E402
from core import roles  # noqa: E402
from core.storage import private_storage  # noqa: E402
from gallery.judging.models import (  # noqa: E402
    Assignment,
    Declaration,
    Round,
    RoundCriterion,
    RoundEntry,
    RoundJudge,
    Score,
)
from gallery.judging.models.rounds import new_anonymous_code  # noqa: E402
from gallery.models import ContestPage, Entry, EntryImage, Facility, FacilityMembership, Region  # noqa: E402

ENTRIES, FACILITIES, BIG_FACILITY = 2000, 20, 200  # facility 0 has BIG_FACILITY entries, the others share the rest
ROUND_ENTRIES, JUDGES, CRITERIA = 1000, 8, 5
SAMPLES, WARM_UP = 50, 5
JUDGE_BUDGET_MS, LIST_BUDGET_MS = 50, 80


def _placeholder_files():
    """One small JPEG stored as every original and one as every thumbnail: the screens measured never read them."""
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), (90, 120, 150)).save(buffer, "JPEG")
    storage = private_storage()
    original = storage.save("entries/bench-placeholder.jpg", ContentFile(buffer.getvalue()))
    thumbnail = storage.save("thumbnails/bench-placeholder.jpg", ContentFile(buffer.getvalue()))
    return original, thumbnail


def _users(prefix, count, group_name):
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"{prefix}{n}", email=f"{prefix}{n}@example.org") for n in range(count)
    )
    group = Group.objects.get(name=group_name)
    User.groups.through.objects.bulk_create(User.groups.through(user_id=user.pk, group_id=group.pk) for user in users)
    return users


def _contest(title, code, opens_at, closes_at):
    contest = ContestPage(
        title=title, slug=code.lower(), code=code, opens_at=opens_at, closes_at=closes_at, consent_statement="-"
    )
    return Page.get_first_root_node().add_child(instance=contest)


def _entries(contest, facilities, uploader, rng):
    owners = [0] * BIG_FACILITY + [1 + n % (FACILITIES - 1) for n in range(ENTRIES - BIG_FACILITY)]
    sequences = {}
    rows = []
    for n, owner in enumerate(owners):
        facility = facilities[owner]
        sequence = sequences[owner] = sequences.get(owner, 0) + 1
        disqualified = n % 40 == 7
        rows.append(
            Entry(
                contest=contest,
                facility=facility,
                sequence=sequence,
                reference=f"{contest.code}-{facility.code}-{sequence:04d}",
                title=f"Work {n}",
                artist_code=f"A{n}",
                medium="Oil on canvas",
                dimensions="40 × 30 cm",
                year=2019,
                statement="A statement about the work. " * 8,
                state=Entry.State.SUBMITTED,
                review=Entry.Review.DISQUALIFIED if disqualified else Entry.Review.ELIGIBLE,
                disqualification_reason="Not an original work." if disqualified else "",
                submitted_at=contest.closes_at - timedelta(days=rng.randint(1, 20)),
                imported=n % 50 == 3,
                created_by=uploader,
            )
        )
    return Entry.objects.bulk_create(rows, batch_size=1000)


def _images(entries, original, thumbnail):
    rows = [
        EntryImage(
            entry=entry,
            position=position,
            file=original,
            thumbnail=thumbnail,
            format="jpeg",
            width=3000,
            height=2000,
            byte_size=2_000_000,
            sha256=f"{entry.pk:032x}{position:032x}",
            phash=f"{entry.pk:016x}{position:016x}",
        )
        for n, entry in enumerate(entries)
        for position in range(1 + n % 3)
    ]
    images = EntryImage.objects.bulk_create(rows, batch_size=2000)
    flagged = images[5::97]  # a few near-duplicates for the officers' flags
    for image, other in zip(flagged, images[6::97], strict=False):
        image.near_duplicate_of_id = other.pk
    EntryImage.objects.bulk_update(flagged, ["near_duplicate_of"])
    return images


def _round(contest, entries, judges, rng):
    round_ = Round.objects.create(
        contest=contest,
        name="Scoring",
        position=1,
        status=Round.Status.OPEN,
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=14),
    )
    RoundJudge.objects.bulk_create(RoundJudge(round=round_, judge=judge) for judge in judges)
    criteria = RoundCriterion.objects.bulk_create(
        RoundCriterion(
            round=round_,
            name=f"Criterion {n}",
            description="What the judges look for in this criterion.",
            weight=1 + n % 3,
            scale_min=1,
            scale_max=10,
            required=n < 4,
            position=n,
        )
        for n in range(CRITERIA)
    )
    eligible = [entry for entry in entries if entry.review == Entry.Review.ELIGIBLE]
    eligible = sorted(rng.sample(eligible, ROUND_ENTRIES), key=lambda entry: entry.pk)
    codes = set()
    while len(codes) < len(eligible):
        codes.add(new_anonymous_code())
    order = list(range(len(eligible)))
    rng.shuffle(order)
    round_entries = RoundEntry.objects.bulk_create(
        RoundEntry(round=round_, entry=entry, code=code, position=position)
        for entry, code, position in zip(eligible, sorted(codes), order, strict=True)
    )
    Assignment.objects.bulk_create(
        (Assignment(round_entry=re, judge=judge) for re in round_entries for judge in judges), batch_size=5000
    )
    scores, declarations = [], []
    for index, judge in enumerate(judges):
        done = round_entries[: 300 + 60 * index]  # judges are at different stages
        for re in done:
            scores.extend(
                Score(round=round_, round_entry=re, criterion=c, judge=judge, value=rng.randint(1, 10))
                for c in criteria
            )
        declarations.extend(
            Declaration(round=round_, round_entry=re, judge=judge, kind="abstain", reason="Seen it before.")
            for re in round_entries[-3 - index :]
        )
    Score.objects.bulk_create(scores, batch_size=5000)
    Declaration.objects.bulk_create(declarations)
    return round_, round_entries, criteria


def build():
    rng = random.Random(2027)
    now = timezone.now()
    original, thumbnail = _placeholder_files()
    regions = Region.objects.bulk_create(Region(name=f"Region {n}", code=f"r{n}") for n in range(4))
    facilities = Facility.objects.bulk_create(
        Facility(name=f"Facility {n}", code=f"F{n:02d}", region=regions[n % 4]) for n in range(FACILITIES)
    )
    judged = _contest("Contest 2026", "C26", now - timedelta(days=60), now - timedelta(days=10))
    _contest("Contest 2027", "C27", now - timedelta(days=5), now + timedelta(days=25))  # open: a card on the portal
    (uploader,) = _users("bench-staff", 1, roles.FACILITY_STAFF)
    FacilityMembership.objects.create(user=uploader, facility=facilities[0])
    (officer,) = _users("bench-officer", 1, roles.OFFICERS)
    judges = _users("bench-judge", JUDGES, roles.JUDGES)
    entries = _entries(judged, facilities, uploader, rng)
    _images(entries, original, thumbnail)
    round_, round_entries, criteria = _round(judged, entries, judges, rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner's statistics, as autovacuum keeps them on a live database
    return {
        "contest": judged,
        "staff": uploader,
        "officer": officer,
        "judge": judges[0],
        "round": round_,
        "round_entries": round_entries,
        "criteria": criteria,
    }


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def measure(request):
    """request(i) -> response. Warm-up, one counted request, then SAMPLES timed ones: (ms samples, queries)."""
    for i in range(WARM_UP):
        assert request(i).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = request(WARM_UP)
    assert response.status_code == 200, response.status_code
    queries = len(captured)  # now: the log it reads is reset by the next request
    samples = []
    for i in range(SAMPLES):
        started = time.perf_counter()
        response = request(WARM_UP + 1 + i)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return samples, queries


def screens(data):
    """(name, budget in ms, request) of every screen measured."""
    judge, round_ = _client(data["judge"]), data["round"]
    # The judge's current work: entries they have not stepped aside from, in queue order.
    codes = [re.code for re in sorted(data["round_entries"][:900], key=lambda re: re.position)]
    criteria = [criterion.pk for criterion in data["criteria"]]
    portal, officer = _client(data["staff"]), _client(data["officer"])
    entries_url = reverse("entries:index")

    def entry_page(i):
        return judge.get(reverse("judging:entry", args=[round_.pk, codes[(i * 17) % len(codes)]]))

    def score_save(i):  # what judging.js sends: one criterion's value as JSON, Accept: application/json
        return judge.post(
            reverse("judging:score", args=[round_.pk, codes[(i * 13) % len(codes)]]),
            {"criterion": criteria[i % len(criteria)], "value": 1 + i % 10},
            content_type="application/json",
            headers={"Accept": "application/json"},
        )

    return [
        ("judge's entry page (1,000 entries in the round)", JUDGE_BUDGET_MS, entry_page),
        ("judge's score save (1,000 entries in the round)", JUDGE_BUDGET_MS, score_save),
        (
            f"portal dashboard ({BIG_FACILITY} of 2,000 entries)",
            LIST_BUDGET_MS,
            lambda i: portal.get(reverse("portal:dashboard")),
        ),
        ("officers' entry list (2,000 entries)", LIST_BUDGET_MS, lambda i: officer.get(entries_url)),
        (
            "officers' entry list by contest (2,000 entries)",
            LIST_BUDGET_MS,
            lambda i: officer.get(entries_url, {"contest": data["contest"].pk}),
        ),
    ]


def main():
    state = setup_databases(verbosity=0, interactive=False)
    try:
        started = time.perf_counter()
        data = build()
        build_seconds = round(time.perf_counter() - started, 1)
        # What the builder left in memory is no server's: keep the collector from walking it during the requests.
        gc.collect()
        gc.freeze()
        figures = []
        for name, budget, request in screens(data):
            samples, queries = measure(request)
            p95 = round(percentile(samples, 0.95), 1)
            # The query count is informative (tests guard it), so it rides on the figure rather than being a budget.
            figures.append(
                at_most(f"{name}: p95", p95, "ms", budget, median_ms=round(median(samples), 1), queries=queries)
            )
            print(f"{name}: p95 {p95} ms, median {median(samples):.1f} ms, {queries} queries")
        details = {"entries": ENTRIES, "round_entries": len(data["round_entries"]), "judges": JUDGES}
        details.update(database=connection.vendor, samples=SAMPLES, build_seconds=build_seconds)
    finally:
        teardown_databases(state, verbosity=0)
    return emit(figures, **details)


if __name__ == "__main__":
    sys.exit(main())
