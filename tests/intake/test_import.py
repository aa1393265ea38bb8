"""`manage.py import_entries`: offline entries from a CSV manifest, through the same pipeline."""

import csv
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from gallery.domain.importer import COLUMNS
from gallery.models import Entry, EntryImage
from tests.intake import files
from tests.intake.conftest import list_private


def row(**values):
    base = {
        "title": "Letters home",
        "artist_code": "KAR1-101",
        "credit": "initials",
        "credit_name": "A. K.",
        "medium": "Gouache",
        "dimensions": "30 × 40 cm",
        "year": "2020",
        "statement": "Written in colour.",
        "show_facility": "yes",
        "consent": "yes",
        "images": "works/one.jpg",
    }
    return {**base, **values}


def write_manifest(folder, rows):
    (folder / "works").mkdir(exist_ok=True)
    (folder / "works" / "one.jpg").write_bytes(files.jpeg(seed=11))
    (folder / "works" / "detail.png").write_bytes(files.png(seed=12))
    (folder / "works" / "drawing.jpg").write_bytes(files.SVG)
    (folder.parent / "outside.jpg").write_bytes(files.jpeg(seed=13))
    manifest = folder / "entries.csv"
    with manifest.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return manifest


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "usb"
    path.mkdir()
    return path


def run(contest, manifest, *extra):
    from io import StringIO

    out = StringIO()
    call_command(
        "import_entries", "--contest", contest.slug, "--facility", "KAR1", "--manifest", str(manifest), *extra,
        stdout=out,
    )  # fmt: skip
    return out.getvalue()


def test_import_after_the_deadline_submits_marks_and_records_who(contest, facility, officer, folder):
    contest.closes_at = timezone.now() - timedelta(days=1)  # post that arrived in time, opened late
    contest.opens_at = timezone.now() - timedelta(days=30)
    contest.save()
    manifest = write_manifest(
        folder,
        [row(), row(title="Two views", credit="anonymous", credit_name="", images="works/one.jpg; works/detail.png")],
    )
    output = run(contest, manifest, "--user", "officer")
    assert output.count("OK") == 2 and "2 imported, 0 failed" in output
    entries = list(Entry.objects.order_by("sequence"))
    assert [e.reference for e in entries] == ["MD20-KAR1-0001", "MD20-KAR1-0002"]
    assert all(e.state == Entry.State.SUBMITTED and e.imported and e.imported_by == officer for e in entries)
    assert entries[1].images.count() == 2 and entries[1].credit_name == ""
    assert ModelLogEntry.objects.filter(action="gallery.entry.import", user=officer).count() == 2
    stored = entries[0].images.get()
    with stored.file.open("rb") as handle:
        assert b"DemoCam" not in handle.read()  # the USB photo's EXIF is gone too


def test_default_importer_is_an_officer(contest, facility, officer, folder):
    run(contest, write_manifest(folder, [row()]))
    assert Entry.objects.get().imported_by == officer


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"images": "../outside.jpg"}, "outside the manifest's folder"),
        ({"images": "/etc/passwd"}, "outside the manifest's folder"),
        ({"images": "works/missing.jpg"}, "not found"),
        ({"images": "works/one.jpg;works/drawing.jpg"}, "SVG"),  # first image fine, second refused
        ({"images": ""}, "1 to 5 images"),
        ({"consent": "no"}, "consent"),
        ({"credit": "real name"}, "initials, pseudonym or anonymous"),
        ({"credit": "pseudonym", "credit_name": ""}, "credit_name is required"),
        ({"show_facility": "maybe"}, "yes or no"),
        ({"year": "twenty"}, "four-digit year"),
    ],
)
def test_a_failed_row_stores_nothing_and_fails_the_command(contest, facility, officer, folder, bad, message):
    storage = EntryImage._meta.get_field("file").storage
    before = list_private(storage)
    manifest = write_manifest(folder, [row(**bad), row(title="Good one")])
    with pytest.raises(CommandError) as failed:
        run(contest, manifest)
    assert failed.value.returncode == 1 and "1 imported, 1 failed" in str(failed.value)
    entry = Entry.objects.get()
    assert entry.title == "Good one"
    assert sorted(list_private(storage)) == sorted(before + [entry.images.get().file.name])


def test_row_messages_name_the_line(contest, facility, officer, folder, capsys):
    manifest = write_manifest(folder, [row(images="../outside.jpg")])
    from io import StringIO

    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_entries", "--contest", "MD20", "--facility", "kar1", "--manifest", str(manifest), stdout=out
        )
    assert "row 2: FAILED" in out.getvalue()


def test_unknown_contest_facility_or_bad_header(contest, facility, officer, folder):
    manifest = folder / "bad.csv"
    manifest.write_text("title,images\nX,a.jpg\n")
    with pytest.raises(CommandError, match="lacks the columns"):
        run(contest, manifest)
    with pytest.raises(CommandError, match="No facility"):
        call_command("import_entries", "--contest", contest.slug, "--facility", "NOPE", "--manifest", str(manifest))
    with pytest.raises(CommandError, match="No contest"):
        call_command("import_entries", "--contest", "nope", "--facility", "KAR1", "--manifest", str(manifest))


def test_quota_still_applies_to_imports(contest, facility, officer, folder):
    contest.max_entries_per_facility = 1
    contest.save()
    with pytest.raises(CommandError):
        run(contest, write_manifest(folder, [row(), row(title="Too many")]))
    assert Entry.objects.count() == 1 and not EntryImage.objects.filter(entry__title="Too many").exists()
