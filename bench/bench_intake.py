"""Benchmark: intake of a 24-megapixel phone photo through the image pipeline, against Pillow's bare decode and
re-encode of the same file (budget: ≤ 2.0 × the bare time, ≤ 300 MB peak memory), and a 58 MP photo (reported).

What runs where:
- This process stays small (standard library only): it starts every other step as a fresh subprocess.
- A "prepare" subprocess paints two JPEGs in a temporary folder (6000 × 4000 and 9300 × 6240: a painting under
  uneven light with sensor noise, quality 90, EXIF with camera, GPS and orientation 6, as a phone held upright
  writes it) and a throwaway SQLite database built from the models (tables only, no migrations: the schema is
  what matters, and migrating takes half a minute), with an open contest, a facility, a staff account, a draft
  entry per measured upload and 300 images of other entries, so the near-duplicate scan has rows to read.
- Every sample is one fresh subprocess. "bare" (Pillow alone, no Django) is Image.open, load, save as JPEG to a
  temporary file with the pipeline's own JPEG options (gallery.imaging.SAVE_OPTIONS). "intake" is what a portal
  upload calls: gallery.domain.entry_images.add_entry_image with a Django TemporaryUploadedFile (uploads above
  2 MB stream to one), storing into private FileSystemStorage in the temporary folder, thumbnail included (it
  is stored when the row commits, inside the call, as in a request; whatever a thumbnail task would do later
  would count too, run inline by the test settings' immediate task backend). After the timed call, the child
  checks what was stored (JPEG, upright size, no metadata, a thumbnail, the repeated picture flagged as a
  near-duplicate); a failed check fails the bench.
- Time: wall-clock (perf_counter) of that one call; figures are medians over the samples.
- Memory: in each child, ru_maxrss (resource.getrusage, the process's peak resident set) is read once the
  child's imports are done (for intake also Django's set-up, the database connection and the upload's temporary
  file), then again after the call; the figure is the largest growth over the samples. ru_maxrss also counts
  the RSS of the process that started the child, which is why this parent imports nothing large. Details add
  the growth over the RSS at the baseline (VmRSS) as a stricter cross-check.

Figures for 58 MP are informative; the 24 MP ratio and peak memory are the budget.
"""

import gc
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from figures import at_most, emit, figure  # noqa: E402

SIZES = {"24 MP": ((6000, 4000), 3), "58 MP": ((9300, 6240), 2)}  # pixels, samples of each kind
EXISTING_IMAGES = 300


# --- Children ------------------------------------------------------------------------------------------------


def _django(folder):
    os.environ["DJANGO_SETTINGS_MODULE"] = "vitrine.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["MEDIA_STORAGE"] = "local"
    sys.path[:0] = [str(ROOT / "site")]
    import django
    from django.conf import settings

    django.setup()
    from django.test import override_settings

    shutil.rmtree(settings.MEDIA_ROOT.parent, ignore_errors=True)  # the test settings' own folder: unused
    private = {**settings.STORAGES["private"], "OPTIONS": {"location": f"{folder}/private", "base_url": None}}
    override_settings(STORAGES={**settings.STORAGES, "private": private}, MEDIA_ROOT=f"{folder}/public").enable()


def _photo(size, seed):
    """A painting photographed under uneven light with sensor noise: smooth areas, edges and grain that JPEG
    cannot squeeze away (about 0.4 bytes per pixel at quality 90, like a phone photo)."""
    from PIL import ExifTags, Image, ImageChops

    from demo.artwork import demo_exif, paint

    width, height = size
    picture = paint(seed, (width // 8, height // 8)).resize(size, Image.Resampling.BICUBIC)
    light = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR).point(lambda v: 180 + v * 75 // 255)
    picture = ImageChops.multiply(picture, Image.merge("RGB", [light] * 3))
    tile = Image.merge("RGB", [Image.effect_noise((1024, 1024), 14) for _ in range(3)])
    noise = Image.new("RGB", size)
    for x in range(0, width, 1024):
        for y in range(0, height, 1024):
            noise.paste(tile, (x, y))
    picture = ImageChops.add(picture, noise, scale=1.0, offset=-128)
    exif = demo_exif(49.8, 73.1)
    exif[ExifTags.Base.Orientation] = 6  # stored sideways: the pipeline must turn it upright
    return picture, exif


def prepare(folder):
    _django(folder)
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Page

    from gallery.domain import entries as entry_service
    from gallery.imaging import SAVE_OPTIONS
    from gallery.models import ContestPage, Entry, EntryImage, Facility, FacilityMembership, Region

    pictures = {}
    for seed, (label, (size, _samples)) in enumerate(SIZES.items(), start=11):
        picture, exif = _photo(size, seed)
        path = Path(folder) / f"{label.replace(' ', '')}.jpg"
        picture.save(path, "JPEG", quality=90, exif=exif)
        pictures[label] = str(path)
        del picture

    settings.MIGRATION_MODULES = {config.label: None for config in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0)  # post-migrate steps make the page tree and roles
    from django.contrib.auth import get_user_model

    now = timezone.now()
    contest = ContestPage(
        title="Bench contest",
        slug="bench-contest",
        code="BNCH",
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=10),
        consent_statement="-",
    )
    Page.objects.get(depth=2).add_child(instance=contest)
    region = Region.objects.create(name="Bench region", code="bench")
    facility = Facility.objects.create(name="Bench facility", code="BF1", region=region)
    user = get_user_model().objects.create(username="bench-staff")
    FacilityMembership.objects.create(user=user, facility=facility)
    others = [Facility.objects.create(name=f"Other {n}", code=f"BO{n}", region=region) for n in range(6)]
    rng = random.Random(5)
    other_entries = Entry.objects.bulk_create(
        Entry(contest=contest, facility=others[n % 6], title=f"Work {n}", artist_code=f"A{n}", created_by=user)
        for n in range(EXISTING_IMAGES // 5)
    )
    EntryImage.objects.bulk_create(
        EntryImage(
            entry=other_entries[n // 5],
            position=n % 5,
            file=f"entries/BNCH/{n:032x}.jpg",
            format="JPEG",
            width=4000,
            height=3000,
            byte_size=5_000_000,
            sha256=f"{n:064x}",
            phash=f"{rng.getrandbits(64):016x}",
        )
        for n in range(EXISTING_IMAGES)
    )
    entries = {
        label: [
            entry_service.create_draft(contest, facility, user, title=f"{label} {n}", artist_code=f"B{n}").pk
            for n in range(samples)
        ]
        for label, (_size, samples) in SIZES.items()
    }
    sizes = {label: os.path.getsize(path) for label, path in pictures.items()}
    print(json.dumps({"pictures": pictures, "entries": entries, "bytes": sizes, "options": SAVE_OPTIONS["JPEG"]}))


def _memory():
    """(peak RSS so far, current RSS) of this process in MB."""
    import resource

    status = Path("/proc/self/status").read_text()
    current = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, current / 1024


def _timed(work):
    """Run `work()` once; returns its result and the sample: seconds and peak memory growth."""
    gc.collect()
    peak_before, rss_before = _memory()
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    peak_after, _rss = _memory()
    sample = {
        "seconds": seconds,
        "peak_growth_mb": peak_after - peak_before,
        "growth_over_rss_mb": peak_after - rss_before,
        "baseline_peak_mb": peak_before,
        "baseline_rss_mb": rss_before,
    }
    return result, sample


def measure_bare(folder, path, options):
    from PIL import Image

    def work():
        with Image.open(path) as image, tempfile.TemporaryFile(dir=folder) as output:
            image.load()
            image.save(output, "JPEG", **options)

    print(json.dumps(_timed(work)[1]))


def measure_intake(folder, path, entry_pk, expected_size):
    _django(folder)
    from django.core.files.uploadedfile import TemporaryUploadedFile

    from gallery.domain.entry_images import add_entry_image
    from gallery.models import Entry, EntryImage

    location = EntryImage._meta.get_field("file").storage.location
    assert str(location).startswith(folder), f"entry files would be stored in {location}"
    entry = Entry.objects.select_related("contest", "created_by").get(pk=entry_pk)
    upload = TemporaryUploadedFile("photo.jpg", "image/jpeg", os.path.getsize(path), None)
    with open(path, "rb") as source:
        shutil.copyfileobj(source, upload)
    upload.seek(0)
    stored, sample = _timed(lambda: add_entry_image(entry, upload, user=entry.created_by))
    sample["checks"] = _check(stored, expected_size)
    upload.close()
    print(json.dumps(sample))


def _check(stored, expected_size):
    """What intake must still guarantee, read back from storage; raises when a guarantee is broken."""
    from PIL import Image

    stored.refresh_from_db()
    with stored.file.storage.open(stored.file.name, "rb") as handle:
        data = handle.read()
    with Image.open(io.BytesIO(data)) as opened:
        assert opened.format == "JPEG" == stored.format, opened.format
        assert opened.size == tuple(expected_size) == (stored.width, stored.height), opened.size
        assert len(opened.getexif()) == 0 and not {"exif", "icc_profile", "xmp", "comment"} & set(opened.info)
        assert b"DemoCam" not in data and b"Exif\x00\x00" not in data
    assert stored.thumbnail.name, "no thumbnail was made"
    with stored.thumbnail.storage.open(stored.thumbnail.name, "rb") as handle, Image.open(handle) as thumb:
        assert max(thumb.size) == 480 and len(thumb.getexif()) == 0, thumb.size
    # Each sample uploads the same picture into its own entry ("24 MP 0", "24 MP 1", ...): from the second on,
    # the earlier upload must be found as a near-duplicate.
    label = stored.entry.title.rsplit(" ", 1)[0]
    siblings = type(stored).objects.filter(entry__contest=stored.entry.contest, entry__title__startswith=label)
    earlier = siblings.exclude(entry_id=stored.entry_id).exists()
    assert stored.near_duplicate_of_id is not None if earlier else stored.near_duplicate_of_id is None
    return {"bytes": stored.byte_size, "size": [stored.width, stored.height], "near_duplicate": earlier}


# --- This process ----------------------------------------------------------------------------------------------


def child(folder, *args):
    completed = subprocess.run(
        [sys.executable, __file__, "--child", folder, *map(str, args)], capture_output=True, text=True, cwd=ROOT
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr[-3000:])
        raise SystemExit(f"child {args[0]} failed")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main():
    folder = tempfile.mkdtemp(prefix="vitrine-bench-intake-")
    try:
        prepared = child(folder, "prepare")
        samples = {}
        for label, ((width, height), count) in SIZES.items():
            for n in range(count):  # alternated, so a slow moment of the machine hits both kinds alike
                path = prepared["pictures"][label]
                bare = child(folder, "bare", path, json.dumps(prepared["options"]))
                intake = child(folder, "intake", path, prepared["entries"][label][n], json.dumps([height, width]))
                samples.setdefault((label, "bare"), []).append(bare)
                samples.setdefault((label, "intake"), []).append(intake)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    def seconds(label, kind):
        return statistics.median(sample["seconds"] for sample in samples[label, kind])

    def memory(label, kind, key="peak_growth_mb"):
        return round(max(sample[key] for sample in samples[label, kind]))

    def info(name, value, unit, **details):
        return figure(name, value, unit, "(reported)", True, **details)

    figures = [
        at_most(
            "intake 24 MP: time ratio to bare Pillow",
            round(seconds("24 MP", "intake") / seconds("24 MP", "bare"), 2),
            "×",
            2.0,
        ),
        at_most(
            "intake 24 MP: peak memory",
            memory("24 MP", "intake"),
            "MB",
            300,
            growth_over_baseline_rss_mb=memory("24 MP", "intake", "growth_over_rss_mb"),
        ),
    ]
    for label in SIZES:
        figures += [
            info(f"intake {label}: time", round(seconds(label, "intake"), 3), "s"),
            info(f"bare Pillow {label}: time", round(seconds(label, "bare"), 3), "s"),
            info(f"bare Pillow {label}: peak memory", memory(label, "bare"), "MB"),
        ]
        if label != "24 MP":
            ratio = round(seconds(label, "intake") / seconds(label, "bare"), 2)
            figures += [info(f"intake {label}: time ratio to bare Pillow", ratio, "×")]
            figures += [info(f"intake {label}: peak memory", memory(label, "intake"), "MB")]
    return emit(figures, file_bytes=prepared["bytes"], samples={f"{k[0]} {k[1]}": v for k, v in samples.items()})


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        folder, step, *rest = sys.argv[2:]
        if step == "prepare":
            prepare(folder)
        elif step == "bare":
            measure_bare(folder, rest[0], json.loads(rest[1]))
        else:
            measure_intake(folder, rest[0], int(rest[1]), json.loads(rest[2]))
    else:
        sys.exit(main())
