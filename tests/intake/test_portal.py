"""The facility portal through the Django test client: the whole flow, isolation between facilities, files."""

import pytest
from django.core import mail
from django.urls import reverse

from gallery.domain import entries as service
from gallery.domain.screening import screen
from gallery.models import Entry, EntryImage
from tests.factories import DraftEntryFactory, SubmittedEntryFactory, UserFactory
from tests.intake import files
from tests.intake.conftest import list_private, upload

# A ceiling a little above today's count for the dashboard with 2 drafts; 12 drafts must then cost exactly as much.
DASHBOARD_CEILING = 16

ENTRY_FIELDS = {
    "title": "Steppe at dawn",
    "artist_code": "KAR1-017",
    "credit": "initials",
    "credit_name": "A. B.",
    "medium": "Acrylic on cardboard",
    "dimensions": "40 × 30 cm",
    "year": "2020",
    "statement": "The first light over the steppe.",
    "show_facility": "on",
    "consent_confirmed": "on",
}


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    page = client.get(response["Location"])
    assert page.status_code == 200 and b'name="password"' in page.content


def test_sign_in_page_signs_staff_in(client, staff, contest):
    response = client.post(
        "/accounts/login/?next=/portal/", {"username": "staff-kar1", "password": "pw", "next": "/portal/"}
    )
    assert response.status_code == 302 and response["Location"] == "/portal/"
    assert contest.title.encode() in client.get("/portal/").content


def test_users_without_a_facility_are_refused_or_sent_on(client, officer, contest):
    from django.contrib.auth import get_user_model

    client.force_login(officer)
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("portal:entry_create", args=[contest.pk])).status_code == 403
    client.force_login(get_user_model().objects.create_user("nobody", password="pw"))
    assert client.get(reverse("portal:dashboard")).status_code == 403


def test_sign_in_without_next_lands_on_the_portal(client, staff):
    response = client.post("/accounts/login/", {"username": "staff-kar1", "password": "pw"})
    assert response.status_code == 302 and response["Location"] == reverse("portal:dashboard")


def test_full_flow_draft_images_submit_withdraw(staff_client, contest, staff, django_capture_on_commit_callbacks):
    dashboard = staff_client.get(reverse("portal:dashboard"))
    assert contest.title in dashboard.content.decode()

    response = staff_client.post(reverse("portal:entry_create", args=[contest.pk]), ENTRY_FIELDS)
    entry = Entry.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("portal:entry", args=[entry.pk])
    assert entry.state == Entry.State.DRAFT and entry.facility.code == "KAR1" and entry.created_by == staff

    # One image at a time, the way the progress-bar script sends it.
    with django_capture_on_commit_callbacks(execute=True):
        added = staff_client.post(
            reverse("portal:image_add", args=[entry.pk]),
            {"image": upload(files.jpeg(seed=5))},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
    assert added.status_code == 200 and added.json()["ok"]
    refused = staff_client.post(
        reverse("portal:image_add", args=[entry.pk]),
        {"image": upload(files.SVG, "x.svg", "image/svg+xml")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert refused.status_code == 400 and "SVG" in refused.json()["error"]
    assert entry.images.count() == 1

    thumb = staff_client.get(added.json()["thumbnail"])
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    assert "private" in thumb["Cache-Control"]
    assert b"".join(thumb.streaming_content)[:3] == b"\xff\xd8\xff"

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("portal:entry_submit", args=[entry.pk]), follow=True)
    entry.refresh_from_db()
    assert entry.state == Entry.State.SUBMITTED and entry.reference == "MD20-KAR1-0001"
    assert "MD20-KAR1-0001" in response.content.decode()
    assert len(mail.outbox) == 1 and "MD20-KAR1-0001" in mail.outbox[0].body

    # Still editable until the deadline.
    staff_client.post(reverse("portal:entry", args=[entry.pk]), {**ENTRY_FIELDS, "title": "Steppe at noon"})
    entry.refresh_from_db()
    assert entry.title == "Steppe at noon" and entry.state == Entry.State.SUBMITTED

    no_consent = {key: value for key, value in ENTRY_FIELDS.items() if key != "consent_confirmed"}
    refused = staff_client.post(reverse("portal:entry", args=[entry.pk]), no_consent)
    assert refused.status_code == 200 and "withdraw the entry instead" in refused.content.decode()
    entry.refresh_from_db()
    assert entry.consent_confirmed

    staff_client.post(reverse("portal:entry_withdraw", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.state == Entry.State.WITHDRAWN
    page = staff_client.get(reverse("portal:dashboard")).content.decode()
    assert "MD20-KAR1-0001" in page and "Withdrawn" in page


def test_entry_form_errors_keep_what_was_typed(staff_client, contest):
    response = staff_client.post(
        reverse("portal:entry_create", args=[contest.pk]), {**ENTRY_FIELDS, "credit_name": "", "title": "Kept"}
    )
    assert response.status_code == 200
    assert "initials or pseudonym" in response.content.decode()
    assert 'value="Kept"' in response.content.decode()
    assert not Entry.objects.exists()


def test_submit_without_image_explains_why(staff_client, contest):
    staff_client.post(reverse("portal:entry_create", args=[contest.pk]), ENTRY_FIELDS)
    entry = Entry.objects.get()
    response = staff_client.post(reverse("portal:entry_submit", args=[entry.pk]), follow=True)
    assert "at least one image" in response.content.decode()
    entry.refresh_from_db()
    assert entry.state == Entry.State.DRAFT


def test_disqualification_reason_is_shown_to_the_facility(staff_client, contest, facility, staff, officer):
    entry = SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, title="W", artist_code="A")
    screen(entry, officer, Entry.Review.DISQUALIFIED, "A face is recognisable.")
    page = staff_client.get(reverse("portal:entry", args=[entry.pk])).content.decode()
    assert "Disqualified" in page and "A face is recognisable." in page


def test_consent_form_is_private_and_checked(staff_client, client, contest, other_staff):
    fields = {**ENTRY_FIELDS, "consent_form": upload(files.scan_pdf(), "Ivanov signed.pdf", "application/pdf")}
    staff_client.post(reverse("portal:entry_create", args=[contest.pk]), fields)
    entry = Entry.objects.get()
    assert entry.consent_form.name.startswith("consent/") and "Ivanov" not in entry.consent_form.name
    assert entry.consent_form.storage.exists(entry.consent_form.name)
    response = staff_client.get(reverse("portal:consent_form", args=[entry.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment") and "sandbox" in response["Content-Security-Policy"]
    client.force_login(other_staff)
    assert client.get(reverse("portal:consent_form", args=[entry.pk])).status_code == 404

    bad = staff_client.post(
        reverse("portal:entry_create", args=[contest.pk]), {**ENTRY_FIELDS, "consent_form": upload(files.HTML, "a.pdf")}
    )
    assert "PDF, JPEG or PNG" in bad.content.decode()


def test_facility_isolation_gives_404(client, contest, facility, staff, other_staff):
    entry = DraftEntryFactory(contest=contest, facility=facility, created_by=staff, title="Ours", artist_code="A")
    image = entry.images.get()
    client.force_login(other_staff)
    for name, args in [
        ("portal:entry", [entry.pk]),
        ("portal:image_thumbnail", [image.pk]),
        ("portal:image_original", [image.pk]),
        ("portal:consent_form", [entry.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    for name, args in [
        ("portal:image_add", [entry.pk]),
        ("portal:image_delete", [entry.pk, image.pk]),
        ("portal:entry_submit", [entry.pk]),
        ("portal:entry_withdraw", [entry.pk]),
        ("portal:entry_delete", [entry.pk]),
    ]:
        assert client.post(reverse(name, args=args)).status_code == 404, name
    entry.refresh_from_db()
    assert entry.state == Entry.State.DRAFT and entry.images.count() == 1
    assert "Ours" not in client.get(reverse("portal:dashboard")).content.decode()


def test_contest_not_open_to_the_facility_is_refused(client, contest, outside_facility):
    client.force_login(UserFactory(username="outsider", facility=outside_facility))
    assert contest.title not in client.get(reverse("portal:dashboard")).content.decode()
    assert client.post(reverse("portal:entry_create", args=[contest.pk]), ENTRY_FIELDS).status_code == 403
    assert not Entry.objects.exists()


def test_refused_upload_through_the_portal_leaves_no_file(staff_client, contest):
    staff_client.post(reverse("portal:entry_create", args=[contest.pk]), ENTRY_FIELDS)
    entry = Entry.objects.get()
    storage = EntryImage._meta.get_field("file").storage
    before = list_private(storage)
    response = staff_client.post(
        reverse("portal:image_add", args=[entry.pk]), {"image": upload(files.png_bomb(), "bomb.png")}, follow=True
    )
    assert "too many pixels" in response.content.decode()
    assert list_private(storage) == before and not EntryImage.objects.exists()


def test_dashboard_queries_do_not_grow_with_entries(
    staff_client, contest, facility, staff, django_assert_max_num_queries, django_assert_num_queries
):
    url = reverse("portal:dashboard")
    for n in range(2):
        service.create_draft(contest, facility, staff, title=f"W{n}", artist_code="A")
    assert staff_client.get(url).status_code == 200  # warm the per-process caches (site, settings)
    with django_assert_max_num_queries(DASHBOARD_CEILING) as few:
        assert staff_client.get(url).status_code == 200
    for n in range(2, 12):
        service.create_draft(contest, facility, staff, title=f"W{n}", artist_code="A")
    with django_assert_num_queries(len(few), info=f"{len(few)} queries for 2 drafts"):
        assert staff_client.get(url).status_code == 200


def _oversized_jpeg(size):
    data = files.jpeg()
    return data + b"\0" * (size - len(data))


@pytest.mark.parametrize("extra", [10_000, 500_000])  # caught while streaming / refused from the declared length
def test_oversized_upload_is_stopped(staff_client, contest, settings, extra):
    settings.VITRINE_MAX_UPLOAD_BYTES = 200_000
    staff_client.post(reverse("portal:entry_create", args=[contest.pk]), ENTRY_FIELDS)
    entry = Entry.objects.get()
    storage = EntryImage._meta.get_field("file").storage
    before = list_private(storage)
    response = staff_client.post(
        reverse("portal:image_add", args=[entry.pk]),
        {"image": upload(_oversized_jpeg(200_000 + extra))},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 413 and "larger than the limit" in response.json()["error"]
    assert not EntryImage.objects.exists() and list_private(storage) == before


def test_image_upload_still_checks_csrf(contest, staff):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff)
    entry = service.create_draft(contest, staff.facility_membership.facility, staff, title="W", artist_code="A")
    response = browser.post(reverse("portal:image_add", args=[entry.pk]), {"image": upload(files.jpeg())})
    assert response.status_code == 403
    assert not EntryImage.objects.exists()
