"""Benchmark: computing a contest's results for 2,000 entries x 10 judges x 5 criteria on PostgreSQL.

Creates its own throwaway test database (test_<name of DATABASE_URL's database>), fills it with
bulk_create, times gallery.judging.domain.results.compute_results (queries included, best of three), and prints
its figures (bench/figures.py) on its last line.
"""

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
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402

from bench.figures import below, emit  # noqa: E402
from gallery.judging.domain import results  # noqa: E402
from gallery.judging.models import (  # noqa: E402
    JudgingSettings,
    Round,
    RoundCriterion,
    RoundEntry,
    RoundJudge,
    Score,
)
from gallery.judging.models.rounds import new_anonymous_code  # noqa: E402
from gallery.models import ContestPage, Entry, Facility, Region  # noqa: E402

ENTRIES, JUDGES, CRITERIA = 2000, 10, 5
LIMIT_SECONDS = 2.0


def build():
    User = get_user_model()
    now = timezone.now()
    contest = ContestPage(
        title="Bench contest",
        slug="bench-contest",
        code="BNCH",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
        consent_statement="-",
        number_of_winners=10,
    )
    Page.get_first_root_node().add_child(instance=contest)
    region = Region.objects.create(name="Bench region", code="bench")
    facilities = [Facility.objects.create(name=f"Facility {n}", code=f"BF{n}", region=region) for n in range(20)]
    uploader = User.objects.create(username="bench-uploader")
    entries = Entry.objects.bulk_create(
        Entry(
            contest=contest,
            facility=facilities[n % 20],
            sequence=n,
            reference=f"BNCH-{n:05d}",
            title=f"Work {n}",
            artist_code=f"A{n}",
            state=Entry.State.SUBMITTED,
            review=Entry.Review.ELIGIBLE,
            created_by=uploader,
        )
        for n in range(ENTRIES)
    )
    judges = User.objects.bulk_create(User(username=f"bench-judge{n}") for n in range(JUDGES))
    round_ = Round.objects.create(contest=contest, name="Scoring", position=1, status=Round.Status.OPEN)
    RoundJudge.objects.bulk_create(RoundJudge(round=round_, judge=judge) for judge in judges)
    criteria = RoundCriterion.objects.bulk_create(
        RoundCriterion(round=round_, name=f"C{n}", weight=1 + n % 3, scale_min=1, scale_max=10, position=n)
        for n in range(CRITERIA)
    )
    codes = set()
    while len(codes) < ENTRIES:
        codes.add(new_anonymous_code())
    round_entries = RoundEntry.objects.bulk_create(
        RoundEntry(round=round_, entry=entry, code=code, position=n)
        for n, (entry, code) in enumerate(zip(entries, sorted(codes), strict=True))
    )
    rng = random.Random(20)
    Score.objects.bulk_create(
        (
            Score(round=round_, round_entry=re, criterion=criterion, judge=judge, value=rng.randint(1, 10))
            for re in round_entries
            for judge in judges
            for criterion in criteria
        ),
        batch_size=5000,
    )
    return round_


def main():
    state = setup_databases(verbosity=0, interactive=False)
    try:
        started = time.perf_counter()
        round_ = build()
        build_seconds = time.perf_counter() - started
        timings = {}
        for label, method, normalise in (("mean", "mean", False), ("median_normalised", "median", True)):
            JudgingSettings.objects.update_or_create(
                contest=round_.contest, defaults={"method": method, "normalise": normalise}
            )
            best = None
            for _ in range(3):
                started = time.perf_counter()
                computed = results.compute_results(round_)
                elapsed = time.perf_counter() - started
                best = elapsed if best is None else min(best, elapsed)
            assert len(computed.rows) == ENTRIES and computed.rows[0].rank == 1
            timings[label] = round(best, 3)
        size = "2,000 entries × 10 judges × 5 criteria"
        figures = [
            below(f"results: {size}", timings["mean"], "s", LIMIT_SECONDS, method="mean"),
            below(
                f"results, median and normalised: {size}",
                timings["median_normalised"],
                "s",
                LIMIT_SECONDS,
                method="median",
                normalise=True,
            ),
        ]
        details = {"entries": ENTRIES, "judges": JUDGES, "criteria": CRITERIA, "scores": ENTRIES * JUDGES * CRITERIA}
        details.update(database=connection.vendor, build_seconds=round(build_seconds, 1))
    finally:
        teardown_databases(state, verbosity=0)
    return emit(figures, **details)


if __name__ == "__main__":
    sys.exit(main())
