"""The resumable upload endpoint (tus 1.0.0) through the Django test client: creation, offsets, resuming,
refusals of malformed or foreign requests, idempotency, duplicates, expiry; parts left in private storage."""

import base64
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gallery.domain import entries as service
from gallery.domain.uploads import delete_expired
from gallery.models import EntryImage, UploadSession
from gallery.models.upload import part_storage
from tests.factories import UserFactory
from tests.intake import files
from tests.intake.conftest import list_private

TUS = {"Tus-Resumable": "1.0.0"}
KEY = "k" * 8 + "0123456789abcdef"


def metadata(key=KEY, **extra):
    pairs = {"key": key, "filename": "Ivanov portrait.jpg", **extra}
    return ",".join(f"{name} {base64.b64encode(value.encode()).decode()}" for name, value in pairs.items())


@pytest.fixture
def entry(contest, facility, staff):
    return service.create_draft(contest, facility, staff, title="Resumed", artist_code="A-1")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def photo():
    return files.jpeg((1200, 900), seed=41)


def create(client, entry, length, key=KEY, **headers):
    return client.post(
        reverse("portal:upload_create", args=[entry.pk]),
        headers={**TUS, "Upload-Length": str(length), "Upload-Metadata": metadata(key), **headers},
    )


def patch(client, url, offset, data, **headers):
    return client.generic(
        "PATCH",
        url,
        data,
        content_type="application/offset+octet-stream",
        headers={**TUS, "Upload-Offset": str(offset), **headers},
    )


def parts_of(url):
    """The parts stored for the session at this URL."""
    token = url.rstrip("/").rsplit("/", 1)[-1].replace("-", "")
    return list_private(part_storage(), f"uploads/{token}")


def head_offset(client, url):
    response = client.head(url, headers=TUS)
    assert response.status_code == 200, response.status_code
    assert response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]
    return int(response["Upload-Offset"])


def test_upload_in_parts_resumes_at_the_stored_offset(staff_client, entry, photo, django_capture_on_commit_callbacks):
    options = staff_client.options(reverse("portal:upload_create", args=[entry.pk]))
    assert options.status_code == 204 and "creation" in options["Tus-Extension"]

    created = create(staff_client, entry, len(photo))
    assert created.status_code == 201 and created["Tus-Resumable"] == "1.0.0"
    url = created["Location"]
    assert head_offset(staff_client, url) == 0

    first = patch(staff_client, url, 0, photo[:10_000])
    assert first.status_code == 204 and first["Upload-Offset"] == "10000"
    # The link drops: the page is reloaded and asks where the upload stands, then sends only the rest.
    assert head_offset(staff_client, url) == 10_000
    stale = patch(staff_client, url, 0, photo[:10_000])
    assert stale.status_code == 409 and stale["Upload-Offset"] == "10000"
    second = patch(staff_client, url, 10_000, photo[10_000:30_000])
    assert second.status_code == 204
    with django_capture_on_commit_callbacks(execute=True):
        last = patch(staff_client, url, 30_000, photo[30_000:])
    assert last.status_code == 204 and last["Upload-Offset"] == str(len(photo))

    image = EntryImage.objects.get(entry=entry)
    assert image.upload_key == KEY and image.width == 1200
    result = staff_client.get(url).json()
    assert result["state"] == "done" and result["ok"] and result["id"] == image.pk
    assert result["message"] == "Image added."
    # The parts are gone; only the cleaned image and its thumbnail are in private storage.
    assert parts_of(url) == []
    assert part_storage().exists(image.file.name) and part_storage().exists(image.thumbnail.name)
    # No file name was kept anywhere (it may carry the artist's name).
    assert "Ivanov" not in image.file.name and not UploadSession.objects.filter(message__contains="Ivanov").exists()


def test_same_key_twice_gives_the_same_image(staff_client, entry, photo):
    url = create(staff_client, entry, len(photo))["Location"]
    patch(staff_client, url, 0, photo)
    again = create(staff_client, entry, len(photo))
    assert again.status_code == 201 and again["Location"] == url  # the same session, already complete
    assert head_offset(staff_client, url) == len(photo)
    assert patch(staff_client, url, 0, photo).status_code == 409  # a repeated last PATCH changes nothing
    assert EntryImage.objects.filter(entry=entry).count() == 1
    assert staff_client.get(url).json()["id"] == EntryImage.objects.get().pk


def test_byte_identical_image_in_the_same_entry_is_refused(
    staff_client, entry, photo, django_capture_on_commit_callbacks
):
    first = create(staff_client, entry, len(photo))["Location"]
    patch(staff_client, first, 0, photo)
    other_key = "another-key-0001"
    second = create(staff_client, entry, len(photo), key=other_key)["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        refused = patch(staff_client, second, 0, photo)
    assert refused.status_code == 400 and "already in this entry" in refused.json()["error"]
    assert staff_client.get(second).json() == {"state": "refused", "ok": False, "error": refused.json()["error"]}
    assert EntryImage.objects.filter(entry=entry).count() == 1
    assert parts_of(second) == []

    plain = staff_client.post(
        reverse("portal:image_add", args=[entry.pk]),
        {"image": files_upload(photo)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert plain.status_code == 400 and "already in this entry" in plain.json()["error"]


def files_upload(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("work.jpg", data, content_type="image/jpeg")


def test_plain_upload_with_the_same_key_stores_one_image(staff_client, entry, photo):
    url = reverse("portal:image_add", args=[entry.pk])
    json = {"x-requested-with": "XMLHttpRequest"}
    first = staff_client.post(url, {"image": files_upload(photo), "upload_key": KEY}, headers=json)
    again = staff_client.post(url, {"image": files_upload(photo), "upload_key": KEY}, headers=json)
    assert first.status_code == again.status_code == 200
    assert first.json()["id"] == again.json()["id"] and again.json()["repeated"]
    assert EntryImage.objects.filter(entry=entry).count() == 1


def test_removed_image_may_be_uploaded_again_under_the_same_key(staff_client, entry, photo):
    url = create(staff_client, entry, len(photo))["Location"]
    patch(staff_client, url, 0, photo)
    image = EntryImage.objects.get()
    staff_client.post(reverse("portal:image_delete", args=[entry.pk, image.pk]))
    again = create(staff_client, entry, len(photo))
    assert again.status_code == 201 and again["Location"] != url
    assert patch(staff_client, again["Location"], 0, photo).status_code == 204
    assert EntryImage.objects.filter(entry=entry).count() == 1


def test_oversize_is_refused_before_any_byte(staff_client, entry, settings):
    settings.VITRINE_MAX_UPLOAD_BYTES = 50_000
    response = create(staff_client, entry, 50_001)
    assert response.status_code == 413 and "larger than the limit" in response.json()["error"]
    assert not UploadSession.objects.exists()


def test_more_bytes_than_announced_are_refused(staff_client, entry, photo):
    url = create(staff_client, entry, 1000)["Location"]
    assert patch(staff_client, url, 0, photo[:1001]).status_code == 413
    assert head_offset(staff_client, url) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"Upload-Length": "abc"},
        {"Upload-Length": "-1"},
        {"Upload-Length": "٣٠٠"},
        {"Upload-Length": "1" * 40},
        {"Upload-Length": "1e3"},
        {"Upload-Length": ""},
        {"Upload-Metadata": "key !!!notbase64"},
        {"Upload-Metadata": "filename " + base64.b64encode(b"x.jpg").decode()},  # no key
        {"Upload-Metadata": "key " + base64.b64encode(b"short").decode()},
        {"Upload-Metadata": "key " + base64.b64encode("ключ-ключ-ключ".encode()).decode()},
        {"Upload-Metadata": "k,e,y" * 2000},
        {"Upload-Defer-Length": "1"},
    ],
)
def test_malformed_creation_headers_are_400(staff_client, entry, headers):
    sent = {**TUS, "Upload-Length": "1000", "Upload-Metadata": metadata(), **headers}
    response = staff_client.post(reverse("portal:upload_create", args=[entry.pk]), headers=sent)
    assert response.status_code == 400 and response.json()["error"]
    assert not UploadSession.objects.exists()


def test_missing_length_and_wrong_version(staff_client, entry):
    url = reverse("portal:upload_create", args=[entry.pk])
    assert staff_client.post(url, headers={**TUS, "Upload-Metadata": metadata()}).status_code == 400
    response = staff_client.post(url, headers={"Upload-Length": "10", "Upload-Metadata": metadata()})
    assert response.status_code == 412 and response["Tus-Version"] == "1.0.0"


@pytest.mark.parametrize("offset", ["abc", "-5", "٥", "9" * 30, "", "1.0"])
def test_malformed_patch_offset_is_400(staff_client, entry, offset):
    url = create(staff_client, entry, 1000)["Location"]
    response = patch(staff_client, url, offset, b"x" * 10)
    assert response.status_code == 400
    assert head_offset(staff_client, url) == 0


def test_patch_needs_the_tus_content_type(staff_client, entry):
    url = create(staff_client, entry, 1000)["Location"]
    response = staff_client.generic(
        "PATCH", url, b"x" * 10, content_type="application/octet-stream", headers={**TUS, "Upload-Offset": "0"}
    )
    assert response.status_code == 415


def test_foreign_facility_gets_404_and_other_users_session_404(client, entry, other_staff, facility, photo):
    staff_client = client
    staff_client.force_login(entry.created_by)
    url = create(staff_client, entry, len(photo))["Location"]

    client.force_login(other_staff)
    assert create(client, entry, len(photo)).status_code == 404
    assert client.head(url, headers=TUS).status_code == 404
    assert patch(client, url, 0, photo).status_code == 404
    assert client.delete(url, headers=TUS).status_code == 404

    colleague = UserFactory(username="staff-kar1-b", facility=facility)  # same facility, another person
    client.force_login(colleague)
    assert client.head(url, headers=TUS).status_code == 404
    assert patch(client, url, 0, photo).status_code == 404
    assert UploadSession.objects.get().offset == 0 and not EntryImage.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, entry):
    response = create(client, entry, 10)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unknown_session_ids_are_404(staff_client, entry):
    for token in ["00000000-0000-0000-0000-000000000000"]:
        assert staff_client.head(f"/portal/uploads/{token}/", headers=TUS).status_code == 404
    assert staff_client.head("/portal/uploads/not-a-uuid/", headers=TUS).status_code == 404
    assert staff_client.post(f"/portal/entries/{'9' * 30}/uploads/", headers=TUS).status_code == 404


def test_expired_session_is_404_and_cleaned_with_its_parts(
    staff_client, entry, photo, django_capture_on_commit_callbacks
):
    url = create(staff_client, entry, len(photo))["Location"]
    patch(staff_client, url, 0, photo[:5000])
    assert len(parts_of(url)) == 1
    UploadSession.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert staff_client.head(url, headers=TUS).status_code == 404
    assert patch(staff_client, url, 5000, photo[5000:]).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_expired_uploads")
    assert not UploadSession.objects.exists()
    assert parts_of(url) == []
    assert delete_expired() == 0


def test_cancel_deletes_the_session_and_its_parts(staff_client, entry, photo, django_capture_on_commit_callbacks):
    url = create(staff_client, entry, len(photo))["Location"]
    patch(staff_client, url, 0, photo[:5000])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.delete(url, headers=TUS)
    assert response.status_code == 204
    assert not UploadSession.objects.exists()
    assert parts_of(url) == []
    assert staff_client.head(url, headers=TUS).status_code == 404


def test_a_full_entry_refuses_a_new_upload(staff_client, entry):
    for seed in range(5):
        EntryImage.objects.create(
            entry=entry, position=seed, file=f"x{seed}.jpg", format="JPEG", width=1, height=1, byte_size=1,
            sha256=str(seed), phash="0",
        )  # fmt: skip
    response = create(staff_client, entry, 1000)
    assert response.status_code == 400 and "at most 5 images" in response.json()["error"]


def test_a_submitted_and_closed_entry_refuses_uploads(staff_client, entry, contest):
    contest.closes_at = timezone.now() - timedelta(minutes=1)
    contest.save()
    assert create(staff_client, entry, 1000).status_code == 403


def test_not_an_image_is_refused_with_the_pipelines_message(staff_client, entry):
    url = create(staff_client, entry, len(files.SVG))["Location"]
    response = patch(staff_client, url, 0, files.SVG)
    assert response.status_code == 400 and "SVG" in response.json()["error"]
    assert not EntryImage.objects.exists()


def test_csrf_is_required_for_patch(client, staff, entry):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff)
    response = create(strict, entry, 10)
    assert response.status_code == 403


@pytest.mark.s3
def test_resumable_upload_on_s3_keeps_parts_in_the_private_bucket(
    s3_storages, staff_client, entry, photo, django_capture_on_commit_callbacks
):
    url = create(staff_client, entry, len(photo))["Location"]
    assert patch(staff_client, url, 0, photo[:20_000]).status_code == 204
    s3 = s3_storages["server"].client()

    def keys(bucket):
        return {item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}

    assert [key for key in keys(s3_storages["private"]) if key.startswith("uploads/")]
    assert keys(s3_storages["public"]) == set()
    assert head_offset(staff_client, url) == 20_000  # what any app server reads back from the row and the bucket
    with django_capture_on_commit_callbacks(execute=True):
        assert patch(staff_client, url, 20_000, photo[20_000:]).status_code == 204
    image = EntryImage.objects.get(entry=entry)
    assert image.file.name in keys(s3_storages["private"])
    assert not [key for key in keys(s3_storages["private"]) if key.startswith("uploads/")]
    assert keys(s3_storages["public"]) == set()


@pytest.mark.parametrize("key", ["short", "x" * 65, "ключ-ключ-ключ", "a b c d e f g h"])
def test_plain_upload_with_a_malformed_key_is_400(staff_client, entry, photo, key):
    response = staff_client.post(
        reverse("portal:image_add", args=[entry.pk]),
        {"image": files_upload(photo), "upload_key": key},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 400 and "out of date" in response.json()["error"]
    assert not EntryImage.objects.exists()


def test_an_upload_abandoned_while_processing_is_finished_by_the_next_request(
    staff_client, entry, photo, django_capture_on_commit_callbacks
):
    url = create(staff_client, entry, len(photo))["Location"]
    patch(staff_client, url, 0, photo[:10_000])
    session = UploadSession.objects.get()
    part = list_private(part_storage(), f"uploads/{session.pk.hex}")
    # The server that took the last byte stopped before processing it, ten minutes ago.
    with part_storage().open(part[0], "rb") as first:
        assert first.read() == photo[:10_000]
    rest = part_storage().save(f"uploads/{session.pk.hex}/000000010000-test", files_upload(photo[10_000:]))
    UploadSession.objects.filter(pk=session.pk).update(
        parts=[part[0], rest],
        offset=len(photo),
        state=UploadSession.State.PROCESSING,
        expires_at=timezone.now() + timedelta(hours=24) - timedelta(minutes=10),
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = staff_client.get(url).json()
    assert result["state"] == "done" and result["ok"]
    assert EntryImage.objects.filter(entry=entry).count() == 1
    assert staff_client.get(url).json()["id"] == result["id"]  # asked again: the same image, not a second one
    assert parts_of(url) == []


def test_an_upload_processing_right_now_is_left_alone(staff_client, entry, photo):
    url = create(staff_client, entry, len(photo))["Location"]
    UploadSession.objects.update(state=UploadSession.State.PROCESSING, offset=len(photo))
    assert staff_client.get(url).json()["state"] == "processing"
    assert not EntryImage.objects.exists()


def test_unfinished_uploads_per_entry_are_capped(staff_client, entry):
    for number in range(10):
        assert create(staff_client, entry, 1000, key=f"unfinished-{number:04d}").status_code == 201
    response = create(staff_client, entry, 1000, key="one-too-many")
    assert response.status_code == 400 and "too many unfinished uploads" in response.json()["error"]
    assert UploadSession.objects.count() == 10


def test_only_the_entrys_own_staff_may_start_an_upload(client, entry, officer, django_user_model):
    client.force_login(officer)
    assert create(client, entry, 1000).status_code == 403
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    assert create(client, entry, 1000).status_code == 403  # the portal acts for a facility: a superuser has none
    assert not UploadSession.objects.exists()
