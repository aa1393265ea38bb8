"""With S3: public images go to the public bucket only, originals never; a takedown deletes the objects."""

import urllib.error
import urllib.request

import pytest
from django.core.files.storage import default_storage

from gallery.exhibition.domain.takedown import take_down
from gallery.exhibition.models import PublicRendition, ShareImage
from tests.factories import UserFactory, awarded_contest, exhibition_of

pytestmark = [pytest.mark.s3, pytest.mark.django_db]


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _keys(s3, bucket):
    return {item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}


def test_public_bucket_holds_only_renditions_and_takedown_deletes_them(
    s3_storages, client, django_capture_on_commit_callbacks
):
    s3 = s3_storages["server"].client()
    contest, entries = awarded_contest(winners=2)
    page = exhibition_of(contest)

    public = _keys(s3, s3_storages["public"])
    names = set(PublicRendition.objects.values_list("file", flat=True)) | set(
        ShareImage.objects.values_list("file", flat=True)
    )
    assert public == names and all(key.startswith("exhibition/") for key in public)
    originals = {image.file.name for entry in entries for image in entry.images.all()}
    assert originals <= _keys(s3, s3_storages["private"]) and not originals & public

    rendition = PublicRendition.objects.filter(entry_image__entry=entries[0], format="JPEG").first()
    assert rendition.file.url.split("?")[0] in client.get(page.url).content.decode()
    assert _status(rendition.file.url) == 200
    guessed = default_storage.url(rendition.file.name.replace(rendition.file.name[14:20], "000000"))
    assert _status(guessed) == 404

    with django_capture_on_commit_callbacks(execute=True):
        take_down(entries[0], UserFactory(officer=True), "Consent withdrawn.")
    current = set(PublicRendition.objects.values_list("file", flat=True)) | set(
        ShareImage.objects.values_list("file", flat=True)
    )
    gone = names - current
    assert rendition.file.name in gone
    assert _keys(s3, s3_storages["public"]) == current
    assert _status(rendition.file.url) == 404
