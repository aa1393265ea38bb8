"""The judge's queue and the entry's strip of views load the small thumbnail made at intake, not the screen-sized
rendition, through a URL keyed only by the round's anonymous code and the image position."""

import io
import re
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from gallery.domain.thumbnails import ensure_thumbnail
from gallery.judging.domain.renditions import ensure_renditions
from gallery.judging.views import judge_images
from gallery.models import EntryImage
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, jpeg_bytes, rubric

pytestmark = pytest.mark.django_db

FULL_SIZE = (1200, 900)


@pytest.fixture
def round_with_large_images(client):
    contest = ContestFactory()
    work = EntryFactory(contest=contest, facility=FacilityFactory(), images=2)
    for stored in EntryImage.objects.filter(entry=work):
        stored.file.save(f"large-{stored.position}.jpg", ContentFile(jpeg_bytes(size=FULL_SIZE)))
        ensure_thumbnail(stored)  # what a first view of an image stored without a thumbnail does
        ensure_renditions(stored)  # what opening the round queues
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    client.force_login(judge)
    return round_, round_.round_entries.get(), judge


def image_size(response):
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(response.content)) as image:
        return image.size


def test_queue_loads_the_thumbnail_not_the_full_image(client, round_with_large_images):
    round_, round_entry, _ = round_with_large_images
    html = client.get(reverse("judging:queue", args=[round_.pk])).content.decode()
    sources = re.findall(r'<img src="([^"]+)"', html)
    thumb_url = reverse("judging:image_thumb", args=[round_.pk, round_entry.code, 0])
    assert sources == [thumb_url]

    thumb = client.get(thumb_url)
    full = client.get(reverse("judging:image", args=[round_.pk, round_entry.code, 0]))
    assert image_size(full) == FULL_SIZE
    width, height = image_size(thumb)
    assert max(width, height) <= 480 and (width, height) != FULL_SIZE
    assert len(thumb.content) < len(full.content) / 2
    assert thumb["Cache-Control"] == "private, max-age=3600" and thumb["X-Content-Type-Options"] == "nosniff"


def test_entry_page_strip_uses_thumbnails_and_opens_screen_renditions(client, round_with_large_images):
    round_, round_entry, _ = round_with_large_images
    html = client.get(reverse("judging:entry", args=[round_.pk, round_entry.code])).content.decode()
    for position in (0, 1):
        full_url = reverse("judging:image", args=[round_.pk, round_entry.code, position])
        thumb_url = reverse("judging:image_thumb", args=[round_.pk, round_entry.code, position])
        assert f'data-src="{full_url}"' in html  # a click shows the screen-sized rendition
        assert f'<img src="{thumb_url}"' in html


def test_without_a_thumbnail_the_screen_rendition_stands_in(client, round_with_large_images, monkeypatch):
    round_, round_entry, _ = round_with_large_images
    EntryImage.objects.filter(entry_id=round_entry.entry_id).update(thumbnail="")
    queued = []
    monkeypatch.setattr(judge_images, "make_thumbnail", SimpleNamespace(enqueue=queued.append))
    response = client.get(reverse("judging:image_thumb", args=[round_.pk, round_entry.code, 0]))
    assert image_size(response) == FULL_SIZE  # the screen rendition of a 1200 px image is 1200 px
    assert response["Cache-Control"] == "private, no-store" and len(queued) == 1


def test_thumbnail_url_has_the_same_permission_checks(client, round_with_large_images):
    round_, round_entry, judge = round_with_large_images
    url = reverse("judging:image_thumb", args=[round_.pk, round_entry.code, 0])
    assert client.get(reverse("judging:image_thumb", args=[round_.pk, round_entry.code, 5])).status_code == 404

    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page

    client.force_login(UserFactory(judge=True))  # not a judge of this round
    assert client.get(url).status_code == 404

    client.force_login(judge)
    client.post(
        reverse("judging:declare", args=[round_.pk, round_entry.code]),
        {"kind": "conflict", "reason": "I know them.", "confirmed": "yes"},
    )
    assert client.get(url).status_code == 404
