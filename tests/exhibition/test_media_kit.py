"""The officers' social media kit: one zip of square and landscape pictures and captions in three languages for
the awarded works of a published exhibition, read back with zipfile and Pillow; nobody else gets it.

The admin URL comes from a `register_admin_urls` hook; this module serves it under /admin/ itself, so the tests
do not depend on the hook being wired."""

import io
import zipfile

import pytest
from django.urls import include, path, reverse
from PIL import Image

from gallery.exhibition import admin_urls
from gallery.exhibition.domain.media_kit import source_renditions
from gallery.exhibition.models import PublicRendition
from tests.exhibition.kit_fixtures import NAMED_FACILITY, RU_CREDIT, RU_TITLE, awarded_contest, publish_exhibition
from vitrine import urls as site_urls

urlpatterns = [path("admin/", include(admin_urls.urlpatterns)), *site_urls.urlpatterns]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

SLUGS = ["01-свобода-внутри", "02-open-window", "03-birds-over-the-wall"]
CAPTIONS = ["captions-en.txt", "captions-ru.txt", "captions-kk.txt"]


@pytest.fixture
def built():
    return awarded_contest()


def kit_url(page_id):
    return reverse("exhibition_media_kit", args=[page_id])


def test_the_kit_holds_pictures_and_captions_and_nothing_of_the_artist_beyond_consent(client, built):
    page = publish_exhibition(built)
    client.force_login(built.officer)
    response = client.get(kit_url(page.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="media-kit-online-exhibition.zip"'
    assert set(response["Cache-Control"].replace(" ", "").split(",")) >= {"private", "no-store"}
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [
        *(f"{kind}/{slug}.jpg" for slug in SLUGS for kind in ("square", "landscape")),
        *CAPTIONS,
    ]
    contents = {name: archive.read(name) for name in archive.namelist()}
    for name, data in contents.items():
        if name.endswith(".jpg"):
            with Image.open(io.BytesIO(data)) as picture:
                assert picture.format == "JPEG"
                assert picture.size == ((1080, 1080) if name.startswith("square/") else (1200, 630)), name
                assert not picture.getexif() and "exif" not in picture.info, name
    texts = {name: contents[name].decode("utf-8") for name in CAPTIONS}
    english = texts["captions-en.txt"]
    for expected in (RU_TITLE, RU_CREDIT, "Winner, place 1", "Winner, place 2", "Honourable mention", "Blue Kite"):
        assert expected in english, expected
    assert "Artist: Anonymous artist" in english and f"Facility: {NAMED_FACILITY}" in english
    for language, text in texts.items():
        assert text.count("#MandelaDay") == 3 and text.count("/works/") == 3, language
        for number in (work.number for work in page.works.exclude(entry=built.unawarded)):
            assert f"/works/{number}/" in text
    # The address the site is served at (core.site_urls: the officer's request), in each caption's language.
    root = "http://testserver"
    assert page.get_site().root_url not in english  # never the Site row's "http://localhost"
    assert f"{root}{page.url}works/" in english
    assert f"{root}/ru{page.url}works/" in texts["captions-ru.txt"]
    assert f"{root}/kk{page.url}works/" in texts["captions-kk.txt"]
    everything = "\n".join([*contents, *texts.values()])
    for planted in built.planted:
        assert planted not in everything, planted
        if len(planted) >= 8:
            assert all(planted.encode() not in data for data in contents.values()), planted
    assert "Not this time" not in everything  # no award: not in the kit


def test_only_officers_get_the_kit_of_a_live_exhibition(client, built):
    page = publish_exhibition(built, publish=False)
    url = kit_url(page.pk)
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("wagtailadmin_login"))
    for user in (built.staff, built.judge):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code in (302, 403) and not response.has_header("Content-Disposition"), user
    client.force_login(built.officer)
    assert client.get(url).status_code == 404  # not published
    for page_id in (built.contest.pk, built.contest.get_parent().pk, 987654, 99999999999999999999):
        assert client.get(kit_url(page_id)).status_code == 404, page_id
    assert client.post(url).status_code == 405


def test_kit_source_rendition_and_admin_button(built):
    image = built.winner.images.get()
    for width in (960, 1440, 1920):
        PublicRendition.objects.create(
            entry_image=image, format="JPEG", width=width, height=width, file=f"k/{width}.jpg", byte_size=1
        )
    PublicRendition.objects.create(entry_image=image, format="WEBP", width=1500, height=1, file="k/w.webp", byte_size=1)
    other = built.honourable.images.get()
    for width in (480, 960):
        PublicRendition.objects.create(
            entry_image=other, format="JPEG", width=width, height=width, file=f"o/{width}.jpg", byte_size=1
        )
    chosen = source_renditions([image.pk, other.pk, built.unawarded.images.get().pk])
    assert {image_id: rendition.width for image_id, rendition in chosen.items()} == {image.pk: 1440, other.pk: 960}

    page = publish_exhibition(built, publish=False)
    assert admin_urls.media_kit_buttons(page, built.officer) == []  # not live yet
    page.live = True
    [button] = admin_urls.media_kit_buttons(page, built.officer)
    assert button.url == kit_url(page.pk)
    assert admin_urls.media_kit_buttons(page, built.staff) == []
    assert admin_urls.media_kit_buttons(built.contest.get_parent(), built.officer) == []
