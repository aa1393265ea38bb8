"""Publishing an exhibition: what the public sees, and which files exist, before and after."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from gallery.exhibition.models import ExhibitedWork, PublicRendition, ShareImage
from tests.factories import UserFactory, awarded_contest, exhibition_of

pytestmark = pytest.mark.django_db


def _public_names():
    return sorted(PublicRendition.objects.values_list("file", flat=True)) + sorted(
        ShareImage.objects.values_list("file", flat=True)
    )


def test_unpublished_exhibition_and_its_works_are_404_and_make_no_public_file(client):
    contest, _entries = awarded_contest(winners=2)
    page = exhibition_of(contest, publish=False)
    assert not ExhibitedWork.objects.filter(page=page).exists()  # rows exist only in the draft revision
    draft = page.get_latest_revision_as_object()
    assert [work.number for work in draft.works.all()] == [1, 2]

    assert client.get(f"{page.get_parent().url}{page.slug}/").status_code == 404
    assert client.get(f"{page.get_parent().url}{page.slug}/works/1/").status_code == 404
    assert _public_names() == []


def test_published_exhibition_shows_winners_in_rank_order_with_metadata_free_images(client):
    contest, entries = awarded_contest(winners=2, honourable=1, images=2)
    page = exhibition_of(contest)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(entries[0].title) < html.index(entries[1].title) < html.index(entries[2].title)
    assert entries[0].artist_code not in html and entries[0].reference not in html

    renditions = list(PublicRendition.objects.all())
    # 3 works x 2 images x 2 widths (480, 600) x 2 formats (WebP and JPEG in tests)
    assert len(renditions) == 24
    for rendition in renditions:
        assert rendition.file.url in html or rendition.width == 600 or rendition.entry_image.position == 1
        data = default_storage.open(rendition.file.name).read()
        with Image.open(io.BytesIO(data)) as image:
            assert image.size == (rendition.width, rendition.height)
            assert not (set(image.info) & {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"})
            assert not image.getexif()
        assert b"Exif" not in data[:4096] and b"http://ns.adobe.com/xap" not in data
        # The name says nothing of the entry: no reference, code, title or database id.
        assert rendition.file.name.startswith("exhibition/")
        for revealing in (entries[0].reference, str(rendition.entry_image.entry_id) + "-", "work"):
            assert revealing.lower() not in rendition.file.name.lower()


def test_each_work_has_its_own_page_with_consented_details_only(client):
    contest, entries = awarded_contest(winners=2)
    entries[0].show_facility = True
    entries[0].credit, entries[0].credit_name = "pseudonym", "Quiet Brush"
    entries[0].save()
    entries[1].credit, entries[1].credit_name = "anonymous", "Should not show"
    entries[1].save()
    page = exhibition_of(contest)

    first = client.get(f"{page.url}works/1/").content.decode()
    assert "Quiet Brush" in first and entries[0].facility.name in first and entries[0].facility.region.name in first
    second = client.get(f"{page.url}works/2/").content.decode()
    assert "Anonymous artist" in second and "Should not show" not in second
    assert entries[1].facility.name not in second
    assert 'property="og:title" content="' + entries[1].title in second
    card = ShareImage.objects.get(page=page, entry=entries[1])
    assert card.file.url in second  # the work's own share card


@pytest.mark.parametrize("path", ["works/3/", "works/0/", "works/99999999999999999999/", "works/١/", "works/x/"])
def test_unknown_or_malformed_work_numbers_are_404(client, path):
    contest, _entries = awarded_contest(winners=2)
    page = exhibition_of(contest)
    assert client.get(f"{page.url}{path}").status_code == 404


def test_originals_stay_private(client):
    contest, entries = awarded_contest(winners=1)
    exhibition_of(contest)
    image = entries[0].images.get()
    assert image.file.storage is not default_storage._wrapped
    response = client.get(reverse("portal:image_original", args=[image.pk]))
    assert response.status_code in (302, 404) and "login" in response.get("Location", "login")
    assert not default_storage.exists(image.file.name)


def test_unpublishing_deletes_every_public_file(client, django_capture_on_commit_callbacks):
    contest, _entries = awarded_contest(winners=2)
    page = exhibition_of(contest)
    names = _public_names()
    assert names and all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):  # files go once the database change is committed
        page.unpublish(user=UserFactory(is_superuser=True))
    assert _public_names() == []
    assert not any(default_storage.exists(name) for name in names)
    assert client.get(f"{page.get_parent().url}{page.slug}/").status_code == 404


def test_works_without_consent_or_eligible_section_off_are_not_shown(client):
    contest, entries = awarded_contest(winners=1, others=1)
    entries[0].consent_confirmed = False
    entries[0].save()
    page = exhibition_of(contest, show_all_eligible=False)
    html = client.get(page.url).content.decode()
    assert entries[0].title not in html and entries[1].title not in html
    assert not PublicRendition.objects.exists()  # nothing shown, nothing made public
