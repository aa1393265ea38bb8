"""Changes to an entry go through services that lock it and log them: editing its details, adding and removing
images, deleting a draft. A change to an entry the officers have already screened sends it back to screening."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from gallery.domain import entries as service
from gallery.domain.eligibility import EntryRefused
from gallery.domain.entry_images import add_entry_image, remove_entry_image
from gallery.domain.screening import screen
from gallery.models import Entry
from tests.factories import DraftEntryFactory, SubmittedEntryFactory
from tests.intake import files
from tests.intake.conftest import list_private, upload

pytestmark = pytest.mark.django_db


def actions(entry):
    return list(ModelLogEntry.objects.filter(object_id=str(entry.pk)).order_by("pk").values_list("action", flat=True))


@pytest.fixture
def disqualified(contest, facility, staff, officer):
    entry = SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, images=2, notify=False)
    return screen(entry, officer, Entry.Review.DISQUALIFIED, "A face is recognisable.")


def test_editing_a_draft_is_logged_and_leaves_its_review_alone(contest, facility, staff):
    entry = DraftEntryFactory(contest=contest, facility=facility, created_by=staff, title="Before")
    saved = service.edit_entry(entry, staff, {"title": "After", "year": 2021})
    assert not saved.sent_back_to_screening
    entry.refresh_from_db()
    assert (entry.title, entry.year, entry.review) == ("After", 2021, Entry.Review.RECEIVED)
    logged = ModelLogEntry.objects.get(action="gallery.entry.edit", object_id=str(entry.pk))
    assert logged.user == staff and sorted(logged.data["fields"]) == ["title", "year"]


def test_editing_a_screened_entry_sends_it_back_to_screening(disqualified, staff):
    saved = service.edit_entry(disqualified, staff, {"title": "Cropped", "medium": disqualified.medium})
    assert saved.sent_back_to_screening
    disqualified.refresh_from_db()
    assert disqualified.title == "Cropped" and disqualified.review == Entry.Review.RECEIVED
    assert disqualified.disqualification_reason == ""
    assert actions(disqualified)[-2:] == ["gallery.entry.edit", "gallery.entry.rescreen"]
    rescreen = ModelLogEntry.objects.get(action="gallery.entry.rescreen", object_id=str(disqualified.pk))
    assert rescreen.user == staff
    assert (rescreen.data["from"], rescreen.data["reason"]) == ("disqualified", "A face is recognisable.")
    assert ModelLogEntry.objects.get(action="gallery.entry.edit", object_id=str(disqualified.pk)).data["fields"] == [
        "title"
    ]


def test_saving_the_same_values_changes_nothing(disqualified, staff):
    before = actions(disqualified)
    saved = service.edit_entry(disqualified, staff, {"title": disqualified.title, "year": disqualified.year})
    assert not saved.sent_back_to_screening
    disqualified.refresh_from_db()
    assert disqualified.review == Entry.Review.DISQUALIFIED and actions(disqualified) == before


def test_a_submitted_entry_keeps_its_consent(disqualified, staff):
    with pytest.raises(EntryRefused, match="keeps the artist's consent"):
        service.edit_entry(disqualified, staff, {"title": "Changed", "consent_confirmed": False})
    disqualified.refresh_from_db()
    assert disqualified.title != "Changed" and disqualified.consent_confirmed
    assert disqualified.review == Entry.Review.DISQUALIFIED and "gallery.entry.edit" not in actions(disqualified)


def test_values_are_validated_by_the_service_too(disqualified, staff):
    with pytest.raises(ValidationError, match="not a valid choice"):
        service.edit_entry(disqualified, staff, {"title": "Changed", "credit": "nobody"})
    disqualified.refresh_from_db()
    assert disqualified.title != "Changed" and disqualified.credit != "nobody"


def test_editing_after_the_deadline_or_a_withdrawn_entry_is_refused(contest, facility, staff):
    entry = SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, notify=False)
    with pytest.raises(EntryRefused, match="deadline"):
        service.edit_entry(entry, staff, {"title": "Late"}, now=contest.closes_at + timedelta(seconds=1))
    service.withdraw(entry, staff)
    with pytest.raises(EntryRefused, match="withdrawn"):
        service.edit_entry(entry, staff, {"title": "Withdrawn"})
    entry.refresh_from_db()
    assert entry.title == "Work"


def test_only_the_facilitys_fields_can_be_edited(disqualified, staff):
    with pytest.raises(ValueError, match="review"):
        service.edit_entry(disqualified, staff, {"review": Entry.Review.WINNER})
    disqualified.refresh_from_db()
    assert disqualified.review == Entry.Review.DISQUALIFIED


def test_a_new_consent_form_replaces_the_old_file(contest, facility, staff, django_capture_on_commit_callbacks):
    entry = DraftEntryFactory(contest=contest, facility=facility, created_by=staff)
    storage = Entry._meta.get_field("consent_form").storage
    first = upload(files.PDF, "first.pdf", "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        service.edit_entry(entry, staff, {"consent_form": first})
    entry.refresh_from_db()
    old_name = entry.consent_form.name
    assert old_name.startswith("consent/") and storage.exists(old_name)
    with django_capture_on_commit_callbacks(execute=True):
        service.edit_entry(entry, staff, {"consent_form": upload(files.PDF, "second.pdf", "application/pdf")})
    entry.refresh_from_db()
    assert entry.consent_form.name != old_name and storage.exists(entry.consent_form.name)
    assert not storage.exists(old_name)
    with django_capture_on_commit_callbacks(execute=True):
        service.edit_entry(entry, staff, {"consent_form": False})  # the form's "clear" box
    removed = entry.consent_form.name
    entry.refresh_from_db()
    assert not entry.consent_form and not storage.exists(removed)


def test_a_refused_edit_stores_no_consent_form(contest, facility, staff):
    entry = DraftEntryFactory(contest=contest, facility=facility, created_by=staff)
    storage = Entry._meta.get_field("consent_form").storage
    before = list_private(storage)
    with pytest.raises(EntryRefused):
        service.edit_entry(
            entry,
            staff,
            {"consent_form": upload(files.PDF, "late.pdf", "application/pdf")},
            now=contest.closes_at + timedelta(seconds=1),
        )
    assert list_private(storage) == before


# --- Images --------------------------------------------------------------------------------------------------


def test_adding_an_image_to_a_screened_entry_sends_it_back(disqualified, staff):
    image = add_entry_image(disqualified, upload(files.jpeg(seed=30)), user=staff)
    assert image.sent_back_to_screening
    disqualified.refresh_from_db()
    assert disqualified.review == Entry.Review.RECEIVED and disqualified.images.count() == 3
    assert actions(disqualified)[-2:] == ["gallery.entry.image_add", "gallery.entry.rescreen"]


def test_image_changes_of_a_draft_are_not_logged(contest, facility, staff):
    entry = DraftEntryFactory(contest=contest, facility=facility, created_by=staff, images=2)
    image = entry.images.first()
    assert remove_entry_image(entry, image.pk, staff) is False
    assert entry.images.count() == 1 and actions(entry) == ["gallery.entry.create"]


def test_removing_an_image_of_a_screened_entry_sends_it_back(disqualified, staff):
    image = disqualified.images.order_by("position").last()
    assert remove_entry_image(disqualified, image.pk, staff) is True
    disqualified.refresh_from_db()
    assert disqualified.review == Entry.Review.RECEIVED and disqualified.images.count() == 1
    assert actions(disqualified)[-2:] == ["gallery.entry.image_remove", "gallery.entry.rescreen"]


def test_a_submitted_entry_keeps_its_last_image(disqualified, staff):
    first, second = disqualified.images.order_by("position")
    remove_entry_image(disqualified, second.pk, staff)
    with pytest.raises(EntryRefused, match="at least one image"):
        remove_entry_image(disqualified, first.pk, staff)
    assert list(disqualified.images.all()) == [first]


def test_an_image_cannot_be_added_after_the_deadline(contest, facility, staff):
    entry = DraftEntryFactory(contest=contest, facility=facility, created_by=staff)
    with pytest.raises(EntryRefused, match="deadline"):
        add_entry_image(entry, upload(files.jpeg(seed=31)), user=staff, now=contest.closes_at + timedelta(seconds=1))
    assert entry.images.count() == 1


# --- Deleting a draft ----------------------------------------------------------------------------------------


def test_a_draft_submitted_from_another_tab_is_not_deleted(contest, facility, staff):
    in_this_tab = DraftEntryFactory(contest=contest, facility=facility, created_by=staff)
    service.submit(Entry.objects.get(pk=in_this_tab.pk), staff, notify=False)  # the other tab
    with pytest.raises(EntryRefused, match="Only a draft"):
        service.delete_draft(in_this_tab, staff)
    assert Entry.objects.get(pk=in_this_tab.pk).state == Entry.State.SUBMITTED


def test_a_draft_deleted_from_another_tab_cannot_be_submitted(contest, facility, staff):
    in_this_tab = DraftEntryFactory(contest=contest, facility=facility, created_by=staff)
    service.delete_draft(Entry.objects.get(pk=in_this_tab.pk), staff)  # the other tab
    with pytest.raises(EntryRefused, match="no longer exists"):
        service.submit(in_this_tab, staff)
    assert not Entry.objects.filter(pk=in_this_tab.pk).exists()


# --- Through the portal ----------------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_the_portal_tells_the_facility_its_edit_goes_back_to_screening(staff_client, disqualified):
    fields = {
        "title": "Cropped",
        "artist_code": disqualified.artist_code,
        "credit": disqualified.credit,
        "consent_confirmed": "on",
    }
    page = staff_client.post(reverse("portal:entry", args=[disqualified.pk]), fields, follow=True).content.decode()
    assert "Changes saved." in page and "goes back to them for screening" in page
    disqualified.refresh_from_db()
    assert disqualified.title == "Cropped" and disqualified.review == Entry.Review.RECEIVED


def test_the_portal_refuses_to_remove_the_last_image(staff_client, contest, facility, staff):
    entry = SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, notify=False)
    image = entry.images.get()
    response = staff_client.post(reverse("portal:image_delete", args=[entry.pk, image.pk]), follow=True)
    assert "keeps at least one image" in response.content.decode()
    assert entry.images.get() == image


def test_the_portal_says_when_an_image_change_sends_the_entry_back(staff_client, disqualified):
    image = disqualified.images.order_by("position").last()
    page = staff_client.post(reverse("portal:image_delete", args=[disqualified.pk, image.pk]), follow=True)
    assert "Image removed." in page.content.decode() and "goes back to them" in page.content.decode()
    added = staff_client.post(
        reverse("portal:image_add", args=[disqualified.pk]),
        {"image": upload(files.jpeg(seed=40))},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert added.json()["ok"] and added.json()["message"] == "Image added."  # already back in screening
