"""The officers' entries list: each row opens its entry, shows its contest, and the newest contest comes first."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import ContestFactory, SubmittedEntryFactory, UserFactory


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def newer_contest(contest):
    return ContestFactory(
        parent=contest.get_parent(),
        title="Photo contest 2027",
        code="PH27",
        opens_at=contest.opens_at + timedelta(days=5),
        closes_at=contest.closes_at,
    )


@pytest.fixture
def listed(contest, newer_contest, facility, staff):
    old = SubmittedEntryFactory(contest=contest, facility=facility, created_by=staff, title="Old steppe")
    new = SubmittedEntryFactory(contest=newer_contest, facility=facility, created_by=staff, title="New river")
    return old, new


def _row_links(html):
    """The href of every title link in the listing, in row order."""
    return re.findall(r'<td class="[^"]*title">\s*<div class="title-wrapper">\s*<a href="([^"]+)"', html)


def test_officer_opens_an_entry_from_the_list(officer_client, listed):
    html = officer_client.get(reverse("entries:index")).content.decode()
    links = _row_links(html)
    assert links == [reverse("entries:edit", args=[entry.pk]) for entry in reversed(listed)]
    opened = officer_client.get(links[0])
    assert opened.status_code == 200 and listed[1].reference in opened.content.decode()
    # The row keeps the thumbnail, inside the link, and the usual row actions.
    assert reverse("portal:image_thumbnail", args=[listed[1].images.get().pk]) in html
    assert reverse("entries:inspect", args=[listed[1].pk]) in html


def test_the_list_shows_the_contest_and_puts_the_newest_contest_first(officer_client, listed, newer_contest):
    page = officer_client.get(reverse("entries:index")).content.decode()
    assert re.search(r"<th[^>]*>\s*(<a[^>]*>)?\s*Contest", page)
    html = page[page.index("title-wrapper") :]  # the rows, not the filters
    assert html.index("Photo contest 2027") < html.index("Art and photo contest")
    assert html.index("New river") < html.index("Old steppe")
    # Sorting by a column still works, and the contest column sorts by the contests' dates.
    oldest_first = officer_client.get(reverse("entries:index"), {"ordering": "contest__opens_at"}).content.decode()
    oldest_first = oldest_first[oldest_first.index("title-wrapper") :]
    assert oldest_first.index("Old steppe") < oldest_first.index("New river")


def test_who_may_only_look_opens_the_inspect_view(client, listed):
    viewer = UserFactory(username="viewer")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_entry")
    )
    client.force_login(viewer)
    links = _row_links(client.get(reverse("entries:index")).content.decode())
    assert links == [reverse("entries:inspect", args=[entry.pk]) for entry in reversed(listed)]
    assert client.get(links[0]).status_code == 200
    assert client.get(reverse("entries:edit", args=[listed[0].pk])).status_code in (302, 403)
