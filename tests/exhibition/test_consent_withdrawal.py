"""A facility withdraws an artist's consent in the portal: the work leaves the published exhibition at once, its
public files are deleted, the audit log says who and why; refusals write nothing."""

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from gallery.exhibition.models import Takedown
from gallery.models import Entry
from tests.exhibition.kit_fixtures import RU_TITLE, awarded_contest, public_names, publish_exhibition
from tests.factories import EntryFactory

pytestmark = pytest.mark.django_db
REASON = "The artist asked us to stop showing the work."


@pytest.fixture
def built():
    return awarded_contest()


def withdraw_url(entry):
    return reverse("portal:entry_withdraw_consent", args=[entry.pk])


def entry_page(client, entry):
    return client.get(reverse("portal:entry", args=[entry.pk])).content.decode()


def takedown_logs():
    return (
        ModelLogEntry.objects.filter(action="exhibition.take_down").count()
        + PageLogEntry.objects.filter(action="exhibition.take_down").count()
    )


def test_withdrawing_consent_takes_the_work_down_for_good(client, built, django_capture_on_commit_callbacks):
    page = publish_exhibition(built)
    visitor = Client()
    work = page.works.get(entry=built.winner)
    work_url = f"{page.url}works/{work.number}/"
    assert RU_TITLE in visitor.get(page.url).content.decode() and visitor.get(work_url).status_code == 200
    names = public_names(built.winner)
    assert names and all(names.values())

    client.force_login(built.staff)
    assert f'action="{withdraw_url(built.winner)}"' in entry_page(client, built.winner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(withdraw_url(built.winner), {"reason": f"  {REASON}\n"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("portal:entry", args=[built.winner.pk])
    assert "Consent withdrawn" in response.content.decode()

    takedown = Takedown.objects.get(entry=built.winner)
    assert (takedown.source, takedown.reason, takedown.taken_down_by) == ("consent", REASON, built.staff)
    assert not any(default_storage.exists(name) for name in names)
    assert RU_TITLE not in visitor.get(page.url).content.decode() and visitor.get(work_url).status_code == 404
    page_log = PageLogEntry.objects.get(page=page, action="exhibition.take_down")
    entry_log = ModelLogEntry.objects.get(action="exhibition.take_down", object_id=str(built.winner.pk))
    for log in (page_log, entry_log):
        assert log.user == built.staff and log.data["reason"] == REASON and log.data["source"] == "consent"
    # Other works are still shown with their files.
    assert (
        all(public_names(built.honourable).values()) and "Birds over the wall" in visitor.get(page.url).content.decode()
    )

    after = entry_page(client, built.winner)
    assert 'data-testid="takedown"' in after and "withdrawn from public view since" in after
    assert withdraw_url(built.winner) not in after
    again = client.post(withdraw_url(built.winner), {"reason": "Once more."}, follow=True)
    assert "already withdrawn from public view" in again.content.decode()
    assert Takedown.objects.count() == 1 and takedown_logs() == 2


def test_refusals_write_nothing(client, built):
    url = withdraw_url(built.unawarded)  # submitted and consented: its page offers the form
    anonymous = client.post(url, {"reason": REASON})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    client.force_login(built.other_staff)
    assert client.post(url, {"reason": REASON}).status_code == 404
    client.force_login(built.staff)
    assert 'name="reason"' in entry_page(client, built.unawarded)
    assert client.get(url).status_code == 405
    refusals = {
        "missing": ({}, "Say why consent is withdrawn"),
        "empty": ({"reason": ""}, "Say why consent is withdrawn"),
        "blank": ({"reason": " \n\t "}, "Say why consent is withdrawn"),
        "oversized": ({"reason": "x" * 2001}, "Keep the reason under 2000 characters"),
        "null character": ({"reason": "a\x00b"}, "Null characters are not allowed"),
    }
    for case, (data, message) in refusals.items():
        response = client.post(url, data, follow=True)
        assert response.redirect_chain[-1][0] == reverse("portal:entry", args=[built.unawarded.pk]), case
        assert message in response.content.decode(), case
    draft = EntryFactory(
        contest=built.contest, facility=built.facility, state=Entry.State.DRAFT, consent_confirmed=True
    )
    assert 'name="reason"' not in entry_page(client, draft)
    refused = client.post(withdraw_url(draft), {"reason": REASON}, follow=True)
    assert "only for a submitted entry" in refused.content.decode()
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(built.staff)
    assert csrf_client.post(url, {"reason": REASON}).status_code == 403
    assert not Takedown.objects.exists() and takedown_logs() == 0
