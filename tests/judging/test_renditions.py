"""Judges get sized, metadata-free renditions of entry images, made once in the background when a round opens,
under opaque names in private storage; a judge's page and image views never open an original."""

import io
import re
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from gallery.domain.thumbnails import ensure_thumbnail
from gallery.judging.domain import renditions
from gallery.judging.models import JudgingRendition
from gallery.judging.views import judge_images
from gallery.models import EntryImage
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = pytest.mark.django_db

BIG = (3000, 2000)  # larger than the screen size: a screen and a zoom rendition


def with_exif(size):
    """A JPEG that carries EXIF (a camera's make and a GPS-like comment), as an original might."""
    exif = Image.Exif()
    exif[0x010F] = "Prison camera"  # Make
    exif[0x010E] = "Facility KAR1, cell 12"  # ImageDescription
    output = io.BytesIO()
    Image.new("RGB", size, (90, 120, 150)).save(output, "JPEG", exif=exif)
    return output.getvalue()


@pytest.fixture
def big_round(client, django_capture_on_commit_callbacks):
    contest = ContestFactory()
    work = EntryFactory(contest=contest, facility=FacilityFactory(), images=2, title="Steppe at dawn")
    for stored in EntryImage.objects.filter(entry=work):
        stored.file.save(f"{work.reference}-original-{stored.position}.jpg", ContentFile(with_exif(BIG)))
        EntryImage.objects.filter(pk=stored.pk).update(width=BIG[0], height=BIG[1])
        stored.refresh_from_db()
        ensure_thumbnail(stored)
    rubric(contest)
    judge = UserFactory(judge=True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        round_ = RoundFactory(contest=contest, judges=[judge])  # opening queues the renditions (run inline here)
    assert len(callbacks) >= 1
    client.force_login(judge)
    return round_, round_.round_entries.get(), judge, work


def size_of(response):
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg", response.status_code
    with Image.open(io.BytesIO(response.content)) as image:
        assert not image.getexif() and "icc_profile" not in image.info and "exif" not in image.info
        return image.size


def test_opening_a_round_makes_screen_and_zoom_renditions_without_metadata(big_round):
    round_, round_entry, judge, work = big_round
    made = JudgingRendition.objects.filter(image__entry=work)
    assert sorted(made.values_list("image__position", "size", "width", "height")) == [
        (0, "view", 2560, 1707),
        (0, "zoom", 3000, 2000),
        (1, "view", 2560, 1707),
        (1, "zoom", 3000, 2000),
    ]
    for rendition in made:
        assert re.fullmatch(r"judging/[0-9a-f]{32}\.jpg", rendition.file.name)  # opaque: no reference, no code
        with rendition.file.open("rb") as handle, Image.open(handle) as image:
            assert not image.getexif() and "exif" not in image.info
    # Made once: a second run makes nothing.
    assert sum(renditions.ensure_renditions(image) for image in EntryImage.objects.filter(entry=work)) == 0


def test_the_judges_page_and_image_switching_never_open_an_original(client, big_round, opened_files):
    round_, round_entry, judge, work = big_round
    originals = set(EntryImage.objects.filter(entry=work).values_list("file", flat=True))
    html = client.get(reverse("judging:entry", args=[round_.pk, round_entry.code])).content.decode()
    urls = set(re.findall(r'(?:src|data-src|data-zoom-src)="(/judging/[^"]+)"', html))
    assert len(urls) == 6  # two views, two zooms, two thumbnails
    sizes = {url: size_of(client.get(url)) for url in sorted(urls)}
    assert sizes[reverse("judging:image", args=[round_.pk, round_entry.code, 1])] == (2560, 1707)
    assert sizes[reverse("judging:image_zoom", args=[round_.pk, round_entry.code, 1])] == (3000, 2000)
    assert max(sizes[reverse("judging:image_thumb", args=[round_.pk, round_entry.code, 1])]) <= 480
    assert opened_files and not originals & set(opened_files)


def test_a_missing_rendition_is_queued_and_the_thumbnail_stands_in(client, big_round, opened_files, monkeypatch):
    round_, round_entry, judge, work = big_round
    JudgingRendition.objects.all().delete()
    queued = []
    monkeypatch.setattr(judge_images, "make_image_renditions", SimpleNamespace(enqueue=queued.append))
    originals = set(EntryImage.objects.filter(entry=work).values_list("file", flat=True))
    for name in ("image", "image_zoom"):
        response = client.get(reverse(f"judging:{name}", args=[round_.pk, round_entry.code, 0]))
        assert max(size_of(response)) <= 480 and response["Cache-Control"] == "private, no-store"
    assert queued == [EntryImage.objects.get(entry=work, position=0).pk] * 2
    # Without a thumbnail either: "being prepared", never the original.
    EntryImage.objects.filter(entry=work).update(thumbnail="")
    monkeypatch.setattr(judge_images, "make_thumbnail", SimpleNamespace(enqueue=queued.append))
    preparing = client.get(reverse("judging:image", args=[round_.pk, round_entry.code, 0]))
    assert preparing.status_code == 503 and preparing["Retry-After"] == "5"
    assert not originals & set(opened_files)


def test_a_small_image_has_one_rendition_which_also_serves_the_zoom(client):
    contest = ContestFactory()
    EntryFactory(contest=contest, facility=FacilityFactory(), images=1)
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    round_entry = round_.round_entries.get()
    image = EntryImage.objects.get()
    assert renditions.ensure_renditions(image) == 1
    client.force_login(judge)
    zoom = client.get(reverse("judging:image_zoom", args=[round_.pk, round_entry.code, 0]))
    assert size_of(zoom) == (image.width, image.height) and zoom["Cache-Control"] == "private, max-age=3600"
    assert "filename" not in zoom.get("Content-Disposition", "")


def test_the_zoom_url_has_the_same_checks(client, big_round):
    round_, round_entry, judge, work = big_round
    url = reverse("judging:image_zoom", args=[round_.pk, round_entry.code, 0])
    assert client.get(reverse("judging:image_zoom", args=[round_.pk, round_entry.code, 7])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(judge=True))
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(officer=True))
    assert client.get(url).status_code == 404
    client.force_login(judge)
    client.post(
        reverse("judging:declare", args=[round_.pk, round_entry.code]),
        {"kind": "conflict", "reason": "I know them.", "confirmed": "yes"},
    )
    assert client.get(url).status_code == 404
