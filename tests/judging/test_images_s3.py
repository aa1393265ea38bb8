"""Judges get entry images from the closed S3 bucket through the permission-checked view, never a bucket URL: the
renditions made for them, stored in the private bucket under opaque names."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from gallery.judging.models import JudgingRendition
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = [pytest.mark.s3, pytest.mark.django_db]


def test_judge_receives_image_bytes_from_private_s3(client, s3_storages):
    contest = ContestFactory()
    work = EntryFactory(contest=contest, facility=FacilityFactory(), images=1)
    stored = work.images.get()
    assert stored.file.storage.bucket_name == s3_storages["private"]
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    code = round_.round_entries.get().code
    client.force_login(judge)

    html = client.get(reverse("judging:entry", args=[round_.pk, code])).content.decode()
    assert s3_storages["private"] not in html and "X-Amz" not in html
    response = client.get(reverse("judging:image", args=[round_.pk, code, 0]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.size == (40, 30)
    rendition = JudgingRendition.objects.get(image=stored)
    assert rendition.file.storage.bucket_name == s3_storages["private"] and rendition.file.name.startswith("judging/")
    with rendition.file.open("rb") as handle:
        assert handle.read() == response.content  # the rendition's clean bytes are passed through unchanged

    client.force_login(UserFactory(judge=True))
    assert client.get(reverse("judging:image", args=[round_.pk, code, 0])).status_code == 404
