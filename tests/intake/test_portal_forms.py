"""The portal's forms: submitting saves what was typed; deleting asks first; images are reordered and one is
the work itself."""

import re

import pytest
from django.urls import reverse

from gallery.domain.screening import screen
from gallery.models import Entry
from tests.factories import DraftEntryFactory, SubmittedEntryFactory
from tests.intake.test_portal import ENTRY_FIELDS


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def draft(contest, facility, staff):
    return DraftEntryFactory(contest=contest, facility=facility, created_by=staff, title="Old title", images=3)


def test_submit_saves_the_details_typed_before_it(staff_client, draft, django_capture_on_commit_callbacks):
    page = staff_client.get(reverse("portal:entry", args=[draft.pk])).content.decode()
    # The submit button belongs to the details form and sends it to the submit address.
    assert 'form="entry-details"' in page and 'id="entry-details"' in page
    assert f'formaction="{reverse("portal:entry_submit", args=[draft.pk])}"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("portal:entry_submit", args=[draft.pk]), {**ENTRY_FIELDS, "title": "Typed, never saved"}
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Typed, never saved" and draft.state == Entry.State.SUBMITTED


def test_submit_with_invalid_details_keeps_them_and_submits_nothing(staff_client, draft):
    response = staff_client.post(
        reverse("portal:entry_submit", args=[draft.pk]),
        {**ENTRY_FIELDS, "title": "Kept here", "credit_name": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "was not submitted" in html and 'value="Kept here"' in html and "initials or pseudonym" in html
    draft.refresh_from_db()
    assert draft.state == Entry.State.DRAFT and draft.title == "Old title"


def test_delete_and_remove_ask_for_confirmation(staff_client, draft):
    html = staff_client.get(reverse("portal:entry", args=[draft.pk])).content.decode()
    # Each destructive button sits inside a closed disclosure: the first click only opens it and says what happens.
    confirmations = re.findall(
        r'<details class="confirm">\s*<summary[^>]*>([^<]+)</summary>(.*?)</details>', html, re.S
    )
    summaries = [summary for summary, _body in confirmations]
    # Three images, and the template the page script fills for a new one.
    assert summaries.count("Delete draft") == 1 and summaries.count("Remove") == 3 + 1
    delete_body = next(body for summary, body in confirmations if summary == "Delete draft")
    assert reverse("portal:entry_delete", args=[draft.pk]) in delete_body and "Yes, delete this draft" in delete_body
    assert html.count(reverse("portal:entry_delete", args=[draft.pk])) == 1  # no unconfirmed delete button elsewhere
    assert "<details open" not in html


def test_reorder_and_make_an_image_the_work(staff_client, draft):
    first, second, third = draft.images.order_by("position")
    url = reverse("portal:image_move", args=[draft.pk, third.pk])
    assert staff_client.post(url, {"move": "first"}).status_code == 302
    assert list(draft.images.order_by("position").values_list("pk", flat=True)) == [third.pk, first.pk, second.pk]
    staff_client.post(reverse("portal:image_move", args=[draft.pk, first.pk]), {"move": "down"})
    assert list(draft.images.order_by("position").values_list("pk", flat=True)) == [third.pk, second.pk, first.pk]
    staff_client.post(reverse("portal:image_move", args=[draft.pk, first.pk]), {"move": "down"})  # already last
    staff_client.post(reverse("portal:image_move", args=[draft.pk, second.pk]), {"move": "up"})
    assert list(draft.images.order_by("position").values_list("position", "pk")) == [
        (0, second.pk),
        (1, third.pk),
        (2, first.pk),
    ]
    html = staff_client.get(reverse("portal:entry", args=[draft.pk])).content.decode()
    assert html.count('data-testid="the-work"') == 1
    assert html.index(f'data-image-id="{second.pk}"') < html.index('data-testid="the-work"')


@pytest.mark.parametrize("move", ["", "sideways", "١", "first" * 100])
def test_a_bad_move_is_400(staff_client, draft, move):
    image = draft.images.first()
    response = staff_client.post(reverse("portal:image_move", args=[draft.pk, image.pk]), {"move": move})
    assert response.status_code == 400


def test_moves_are_404_for_another_facility(client, draft, other_staff):
    client.force_login(other_staff)
    image = draft.images.last()
    response = client.post(reverse("portal:image_move", args=[draft.pk, image.pk]), {"move": "first"})
    assert response.status_code == 404
    assert draft.images.order_by("position").first().pk != image.pk


def test_changing_the_work_of_a_screened_entry_sends_it_back(staff_client, contest, facility, staff, officer):
    entry = SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, images=2, notify=False)
    screen(entry, officer, Entry.Review.ELIGIBLE, "")
    detail = entry.images.order_by("position").last()
    response = staff_client.post(
        reverse("portal:image_move", args=[entry.pk, detail.pk]), {"move": "first"}, follow=True
    )
    assert "goes back to them for screening" in response.content.decode()
    entry.refresh_from_db()
    assert entry.review == Entry.Review.RECEIVED
