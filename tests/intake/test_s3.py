"""With S3 in use: entry images land in the closed private bucket and are reached only by presigned links."""

import urllib.error
import urllib.request

import pytest
from django.urls import reverse

from gallery.domain import entries as service
from gallery.domain.entry_images import add_entry_image
from tests.intake import files
from tests.intake.conftest import upload

pytestmark = pytest.mark.s3


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_entry_image_in_private_bucket_served_by_presigned_redirect(
    s3_storages, client, contest, facility, staff, django_capture_on_commit_callbacks
):
    entry = service.create_draft(contest, facility, staff, title="On S3", artist_code="A")
    with django_capture_on_commit_callbacks(execute=True):
        image = add_entry_image(entry, upload(files.jpeg(seed=21)))

    s3 = s3_storages["server"].client()
    keys = {item["Key"] for item in s3.list_objects_v2(Bucket=s3_storages["private"]).get("Contents", [])}
    image.refresh_from_db()
    assert image.file.name in keys and image.thumbnail.name in keys
    public = s3.list_objects_v2(Bucket=s3_storages["public"]).get("Contents", [])
    assert public == []  # nothing of the entry went to the public bucket

    client.force_login(staff)
    response = client.get(reverse("portal:image_original", args=[image.pk]))
    assert response.status_code == 302
    presigned = response["Location"]
    assert "X-Amz-Signature=" in presigned and "X-Amz-Expires=60" in presigned
    status, body = _get(presigned)
    assert status == 200 and body[:3] == b"\xff\xd8\xff" and b"DemoCam" not in body

    plain = presigned.split("?", 1)[0]
    status, _ = _get(plain)
    assert status == 403  # the bucket is closed to anonymous readers

    thumbnail = client.get(reverse("portal:image_thumbnail", args=[image.pk]))
    assert thumbnail.status_code == 302 and "X-Amz-Signature=" in thumbnail["Location"]
