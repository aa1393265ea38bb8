"""Takedown: the work leaves every page, the sitemap and the share images; its public files are deleted."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from wagtail.models import PageLogEntry

from core.errors import DomainError
from gallery.exhibition.domain.takedown import take_down
from gallery.exhibition.models import PublicRendition, ShareImage, Takedown
from tests.factories import UserFactory, awarded_contest, exhibition_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibition():
    contest, entries = awarded_contest(winners=3)
    return exhibition_of(contest), entries


def _collage():
    return ShareImage.objects.get(entry=None)


def test_takedown_deletes_files_and_removes_the_work_everywhere(client, exhibition, django_capture_on_commit_callbacks):
    page, entries = exhibition
    gone = entries[1]
    names = list(PublicRendition.objects.filter(entry_image__entry=gone).values_list("file", flat=True))
    card = ShareImage.objects.get(entry=gone).file.name
    old_collage = _collage()
    assert gone.images.first().public_renditions.exists() and old_collage.source_name.count(",") == 2
    assert all(default_storage.exists(name) for name in [*names, card])
    assert f"{page.url}works/2/" in client.get("/sitemap.xml").content.decode()
    officer = UserFactory(officer=True)

    with django_capture_on_commit_callbacks(execute=True):
        take_down(gone, officer, "The artist's family asked us to remove it.")

    assert not any(default_storage.exists(name) for name in [*names, card, old_collage.file.name])
    assert not PublicRendition.objects.filter(entry_image__entry=gone).exists()
    html = client.get(page.url).content.decode()
    assert gone.title not in html and entries[0].title in html
    assert client.get(f"{page.url}works/2/").status_code == 404
    assert client.get(f"{page.url}works/3/").status_code == 200  # numbers do not shift
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"{page.url}works/2/" not in sitemap and f"{page.url}works/1/" in sitemap
    # The collage was made again (in the background task) from the two works still shown.
    collage = _collage()
    assert collage.file.name != old_collage.file.name and collage.source_name.count(",") == 1
    assert all(name not in collage.source_name for name in names)
    assert collage.file.url in html
    log = PageLogEntry.objects.get(page=page, action="exhibition.take_down")
    assert log.user == officer and log.data["reason"] == "The artist's family asked us to remove it."


def test_takedown_survives_a_later_publication_of_the_page(client, exhibition, django_capture_on_commit_callbacks):
    page, entries = exhibition
    with django_capture_on_commit_callbacks(execute=True):
        take_down(entries[0], UserFactory(officer=True), "Consent withdrawn by phone.")
        page.get_latest_revision_as_object().save_revision().publish()
    assert entries[0].title not in client.get(page.url).content.decode()
    assert not PublicRendition.objects.filter(entry_image__entry=entries[0]).exists()


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_takedown_needs_a_reason_and_changes_nothing_without_one(exhibition, reason):
    page, entries = exhibition
    with pytest.raises(DomainError):
        take_down(entries[0], UserFactory(officer=True), reason)
    assert not Takedown.objects.exists() and PublicRendition.objects.filter(entry_image__entry=entries[0]).exists()


def test_a_second_takedown_is_refused(exhibition):
    _page, entries = exhibition
    take_down(entries[0], UserFactory(officer=True), "First.")
    with pytest.raises(DomainError, match="already"):
        take_down(entries[0], UserFactory(officer=True), "Second.")


def test_officers_take_down_from_the_admin_and_see_the_list(client, exhibition, django_capture_on_commit_callbacks):
    page, entries = exhibition
    officer = UserFactory(officer=True)
    client.force_login(officer)
    add_url = reverse("exhibition_takedowns:add")
    form = client.get(add_url)
    assert form.status_code == 200 and entries[2].title in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url, {"entry": entries[2].pk, "reason": "Shows a recognisable tattoo."})
    assert response.status_code == 302
    takedown = Takedown.objects.get()
    assert takedown.taken_down_by == officer and takedown.source == "officer"
    listing = client.get(reverse("exhibition_takedowns:index")).content.decode()
    assert str(entries[2]) in listing
    # A takedown is final: no edit or delete view answers.
    assert client.get(reverse("exhibition_takedowns:edit", args=[takedown.pk])).status_code in (302, 403)
    assert client.post(reverse("exhibition_takedowns:delete", args=[takedown.pk])).status_code in (302, 403)
    assert Takedown.objects.filter(pk=takedown.pk).exists()


@pytest.mark.parametrize("entry", ["", "abc", "99999999999999999999", "١"])
def test_admin_takedown_form_refuses_malformed_input(client, exhibition, entry):
    client.force_login(UserFactory(officer=True))
    response = client.post(reverse("exhibition_takedowns:add"), {"entry": entry, "reason": "Because."})
    assert response.status_code == 200 and not Takedown.objects.exists()


def test_facility_staff_and_judges_cannot_take_down(client, exhibition):
    _page, entries = exhibition
    for user in (UserFactory(judge=True), UserFactory(facility=entries[0].facility)):
        client.force_login(user)
        response = client.post(reverse("exhibition_takedowns:add"), {"entry": entries[0].pk, "reason": "No."})
        assert response.status_code in (302, 403)
    assert not Takedown.objects.exists()
