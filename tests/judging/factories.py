"""Builders for judging tests: a contest with entries, judges and an opened round, made directly in the DB."""

import io
import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image
from wagtail.models import Locale, Page

from core import roles
from gallery.judging.models import Criterion, Round, RoundJudge
from gallery.models import ContestPage, Entry, EntryImage, Facility, Region

_counter = itertools.count(1)


def user(username=None, *, judge=False, officer=False, **extra):
    username = username or f"user{next(_counter)}"
    account = get_user_model().objects.create_user(username=username, password="pw", **extra)
    if judge:
        account.groups.add(Group.objects.get_or_create(name=roles.JUDGES)[0])
    if officer:
        roles.ensure_roles()
        account.groups.add(Group.objects.get(name=roles.OFFICERS))
    return account


def contest(code=None, winners=3):
    code = code or f"T{next(_counter)}"
    root = _root_page()
    now = timezone.now()
    page = ContestPage(
        title=f"Contest {code}",
        slug=f"contest-{code.lower()}",
        code=code,
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
        consent_statement="Consent given.",
        number_of_winners=winners,
    )
    root.add_child(instance=page)
    return page


def _root_page():
    """The tree root, recreated when a transactional test before this one flushed the migration data."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(language_code="en")
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def facility(name=None, code=None, region=None):
    number = next(_counter)
    region = region or Region.objects.create(name=f"Region {number}", code=f"r{number}")
    return Facility.objects.create(name=name or f"Facility {number}", code=code or f"F{number}", region=region)


def jpeg_bytes(size=(40, 30), color=(180, 60, 60), exif=None):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    if exif:
        image.save(buffer, "JPEG", exif=exif)
    else:
        image.save(buffer, "JPEG")
    return buffer.getvalue()


def entry(contest_page, facility_obj, *, uploader=None, images=0, **fields):
    number = next(_counter)
    uploader = uploader or user()
    values = {
        "title": f"Work {number}",
        "artist_code": f"A-{number}",
        "medium": "Oil on canvas",
        "dimensions": "40 × 30 cm",
        "statement": "A statement about the work.",
        "state": Entry.State.SUBMITTED,
        "review": Entry.Review.ELIGIBLE,
        "reference": f"{contest_page.code}-{facility_obj.code}-{number:04d}",
        "sequence": number,
    }
    values.update(fields)
    created = Entry.objects.create(contest=contest_page, facility=facility_obj, created_by=uploader, **values)
    for position in range(images):
        data = jpeg_bytes(color=(40 * position % 255, 90, 120))
        image = EntryImage(entry=created, position=position, format="jpeg", width=40, height=30)
        image.byte_size, image.sha256, image.phash = len(data), f"{number:064d}", "0" * 16
        image.file.save(f"{created.reference}-{position}.jpg", ContentFile(data), save=False)
        image.save()
    return created


def rubric(contest_page, specs=(("Composition", 1, 1, 10), ("Technique", 1, 1, 10))):
    return [
        Criterion.objects.create(
            contest=contest_page, name=name, weight=weight, scale_min=low, scale_max=high, position=i
        )
        for i, (name, weight, low, high) in enumerate(specs)
    ]


def scoring_round(contest_page, judges, *, per_entry=None, open_it=True, **fields):
    from gallery.judging.domain import rounds

    created = Round.objects.create(
        contest=contest_page, name="Scoring", kind=Round.Kind.SCORING, position=1, judges_per_entry=per_entry, **fields
    )
    for judge in judges:
        RoundJudge.objects.create(round=created, judge=judge)
    if open_it:
        rounds.open_round(created)
        created.refresh_from_db()
    return created


def many_entries(contest_page, facility_obj, count):
    """Eligible entries in bulk (no images), for query-count and size tests."""
    uploader = user()
    start = next(_counter) * 10_000
    return Entry.objects.bulk_create(
        Entry(
            contest=contest_page,
            facility=facility_obj,
            created_by=uploader,
            title=f"Work {start + n}",
            artist_code=f"A-{start + n}",
            state=Entry.State.SUBMITTED,
            review=Entry.Review.ELIGIBLE,
            reference=f"{contest_page.code}-{facility_obj.code}-{start + n}",
            sequence=start + n,
        )
        for n in range(count)
    )
