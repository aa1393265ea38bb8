"""Every aria-describedby and aria-labelledby on the portal's pages points at an element that exists, so screen
readers read the help ("Never write the artist's name") and the names of the sections."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from gallery.domain import entries as service
from tests.factories import DraftEntryFactory, SubmittedEntryFactory

REFERENCING = ("aria-describedby", "aria-labelledby", "aria-controls", "for")


class References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.references = set(), []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        for name in REFERENCING:
            for target in (attributes.get(name) or "").split():
                self.references.append((tag, name, target))


def dangling(html):
    parser = References()
    parser.feed(html)
    return [(tag, name, target) for tag, name, target in parser.references if target not in parser.ids], parser


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def portal_pages(staff_client, contest, facility, staff):
    draft = DraftEntryFactory(contest=contest, facility=facility, created_by=staff, title="Draft", images=2)
    submitted = SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, title="Sent", notify=False)
    empty = service.create_draft(contest, facility, staff, title="Empty", artist_code="A")
    pages = {
        "dashboard": staff_client.get(reverse("portal:dashboard")),
        "new entry": staff_client.get(reverse("portal:entry_create", args=[contest.pk])),
        "new entry with errors": staff_client.post(reverse("portal:entry_create", args=[contest.pk]), {"title": ""}),
        "draft": staff_client.get(reverse("portal:entry", args=[draft.pk])),
        "draft with errors": staff_client.post(reverse("portal:entry", args=[draft.pk]), {"title": ""}),
        "submitted": staff_client.get(reverse("portal:entry", args=[submitted.pk])),
        "receipt": staff_client.get(reverse("portal:entry_receipt", args=[submitted.pk])),
        "empty draft": staff_client.get(reverse("portal:entry", args=[empty.pk])),
    }
    return pages


def test_every_aria_reference_on_portal_pages_exists(staff_client, contest, facility, staff):
    for name, response in portal_pages(staff_client, contest, facility, staff).items():
        assert response.status_code == 200, name
        missing, parser = dangling(response.content.decode())
        assert missing == [], f"{name}: {missing}"
    # The help that matters most is really referenced (the check above would pass on a page without any).
    html = staff_client.get(reverse("portal:entry_create", args=[contest.pk])).content.decode()
    _missing, parser = dangling(html)
    described = {target for _tag, name, target in parser.references if name == "aria-describedby"}
    assert "id_artist_code_helptext" in described and "id_artist_code_helptext" in parser.ids
    assert "Never write the artist" in html


def test_the_checker_finds_a_dangling_reference():
    missing, _parser = dangling('<input aria-describedby="nowhere"><p id="elsewhere"></p>')
    assert missing == [("input", "aria-describedby", "nowhere")]
