"""Hostile input through every door of intake: the portal's image upload and `import_entries`, with the whole
corpus of tests/support/hostile.py. Each item is stored clean and upright or refused with a message that names
the problem; never a 500 (the test client raises it), never a row or a file left behind.

The officers' door (Wagtail's image library) is in test_hostile_library.py.
"""

import csv
import functools
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from gallery.domain import entries as service
from gallery.domain.importer import COLUMNS
from gallery.models import Entry, EntryImage
from tests.intake.conftest import list_private
from tests.support import hostile

pytestmark = pytest.mark.django_db


@functools.cache
def corpus():
    return hostile.items_by_key()


def private_files():
    return set(list_private(EntryImage._meta.get_field("file").storage))


def check_stored(image, item):
    with image.file.open("rb") as handle:
        hostile.check_clean(handle.read(), item)
    if image.thumbnail:
        with image.thumbnail.open("rb") as handle:
            thumbnail = handle.read()
        assert not [planted for planted in hostile.PLANTED if planted in thumbnail]


@pytest.mark.parametrize("key", hostile.keys())
def test_portal_upload(key, client, contest, facility, staff, django_capture_on_commit_callbacks):
    item = corpus()[key]
    expect, says = hostile.expected(item, "portal")
    entry = service.create_draft(contest, facility, staff, title="Hostile", artist_code="H-1")
    client.force_login(staff)
    before = private_files()
    body, content_type = hostile.multipart({}, "image", item)
    with django_capture_on_commit_callbacks(execute=True):
        address = reverse("portal:image_add", args=[entry.pk])
        response = client.post(address, body, content_type=content_type, HTTP_ACCEPT="application/json")
    answer = response.json()
    image = EntryImage.objects.filter(entry=entry).first()
    if expect == hostile.CLEAN:
        assert response.status_code == 200, answer
        check_stored(image, item)
        assert private_files() - before == {image.file.name, image.thumbnail.name}
    else:
        assert response.status_code in (400, 413)
        assert says in answer["error"], answer["error"]
        assert image is None
        assert private_files() == before
    assert Entry.objects.count() == 1


def manifest_for(item, folder):
    """A one-row manifest whose image is the item, under its own name where a disk can hold that name."""
    name = item.filename
    if hostile.expected(item, "import")[0] == hostile.REFUSED and name.startswith(".."):
        pass  # a path leaving the folder: never written, the importer must refuse the name itself
    else:
        if len(name.encode()) > 255 or "/" in name:
            name = name[:100] + ".jpg"
        (folder / name).write_bytes(item.data)
    manifest = folder / "entries.csv"
    with manifest.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerow(
            {"title": "Hostile", "artist_code": "H-1", "credit": "anonymous", "credit_name": "",
             "show_facility": "no", "consent": "yes", "images": name}
        )  # fmt: skip
    return manifest


@pytest.mark.parametrize("key", hostile.keys())
def test_import_entries(key, contest, facility, officer, tmp_path, django_capture_on_commit_callbacks):
    item = corpus()[key]
    expect, says = hostile.expected(item, "import")
    folder = tmp_path / "usb"
    folder.mkdir()
    manifest = manifest_for(item, folder)
    before = private_files()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            call_command("import_entries", "--contest", contest.slug, "--facility", facility.code,
                         "--manifest", str(manifest), "--user", officer.username, stdout=out)  # fmt: skip
            failed = None
        except CommandError as error:
            failed = error
    report = out.getvalue()
    if expect == hostile.CLEAN:
        assert failed is None, report
        entry = Entry.objects.get()
        assert entry.state == Entry.State.SUBMITTED and entry.imported
        image = entry.images.get()
        check_stored(image, item)
        assert private_files() - before == {image.file.name, image.thumbnail.name}
    else:
        assert failed is not None and failed.returncode == 1
        assert "row 2: FAILED" in report and says in report, report
        assert not Entry.objects.exists() and not EntryImage.objects.exists()
        assert private_files() == before
