"""Hostile input through the officers' door: Wagtail's image library (/admin/images/), where officers add the
pictures of pages. The same corpus as the portal and the import; what is stored is the intake pipeline's clean
copy, or the file is refused with its message. Never a 500, never an image row or a file left behind."""

import functools

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.intake.conftest import list_private
from tests.support import hostile

pytestmark = pytest.mark.django_db
Image = get_image_model()


@functools.cache
def corpus():
    return hostile.items_by_key()


def public_files():
    return set(list_private(default_storage))


@pytest.mark.parametrize("key", hostile.keys())
def test_library_upload(key, client, officer):
    item = corpus()[key]
    expect, says = hostile.expected(item, "admin")
    client.force_login(officer)
    before = public_files()
    body, content_type = hostile.multipart({"collection": str(Collection.get_first_root_node().pk)}, "files[]", item)
    response = client.post(reverse("wagtailimages:add_multiple"), body, content_type=content_type)
    assert response.status_code == 200
    answer = response.json()
    if expect == hostile.CLEAN:
        assert answer["success"], answer
        image = Image.objects.get()
        with image.file.open("rb") as handle:
            hostile.check_clean(handle.read(), item)
        assert (image.width, image.height) == (800, 600) or item.key == "ratio-bomb-png"
        assert image.file.name.startswith("original_images/") and ".." not in image.file.name
        added = public_files() - before
        assert image.file.name in added
        for name in added:  # the original and the admin's thumbnail renditions
            with default_storage.open(name) as handle:
                data = handle.read()
            assert not [planted for planted in hostile.PLANTED if planted in data], name
    else:
        assert not answer["success"]
        assert says in answer["error_message"], answer["error_message"]
        assert not Image.objects.exists()
        assert public_files() == before


def test_the_single_upload_form_stores_the_clean_copy_too(client, officer):
    item = corpus()["exif-rotated-6"]
    client.force_login(officer)
    body, content_type = hostile.multipart(
        {"title": "Training centre", "collection": str(Collection.get_first_root_node().pk)}, "file", item
    )
    response = client.post(reverse("wagtailimages:add"), body, content_type=content_type)
    assert response.status_code == 302
    image = Image.objects.get(title="Training centre")
    with image.file.open("rb") as handle:
        hostile.check_clean(handle.read(), item)
    assert (image.width, image.height, image.file_size) == (800, 600, image.file.size)
