"""Officers in the page editor: a new exhibition fills itself from the results; publishing needs every alt text."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from gallery.exhibition.models import ExhibitedWork, ExhibitionPage
from tests.factories import UserFactory, awarded_contest

pytestmark = pytest.mark.django_db


def _page_data(page, contest, alt_texts, action):
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    works = []
    for number, work in enumerate(draft.works.all()):
        images = [
            {"id": image.pk or "", "entry_image": image.entry_image_id, "alt_text": alt_texts[number]}
            for image in work.images.all()
        ]
        works.append(
            {
                "id": work.pk or "",
                "entry": work.entry_id,
                "number": work.number,
                "award": work.award,
                "rank": work.rank or "",
                "images": inline_formset(images, initial=len([image for image in images if image["id"]])),
            }
        )
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "contest": contest.pk,
            "works": inline_formset(works, initial=len([work for work in works if work["id"]])),
        }
    )
    data[action] = "1"
    return data


def test_new_exhibition_gets_its_works_and_publishing_needs_alt_texts(client):
    contest, entries = awarded_contest(winners=2, honourable=1)
    campaign = contest.get_parent()
    client.force_login(UserFactory(is_superuser=True))
    add_url = reverse("wagtailadmin_pages:add", args=["exhibition", "exhibitionpage", campaign.pk])
    response = client.post(
        add_url,
        nested_form_data(
            {"title": "Our exhibition", "slug": "our-exhibition", "contest": contest.pk, "works": inline_formset([])}
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ExhibitionPage.objects.get()
    draft = page.get_latest_revision_as_object()
    assert [(work.entry_id, work.award) for work in draft.works.all()] == [
        (entries[0].pk, "winner"),
        (entries[1].pk, "winner"),
        (entries[2].pk, "honourable"),
    ]
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    refused = client.post(edit_url, _page_data(page, contest, ["A red square.", "", "Blue."], "action-publish"))
    assert refused.status_code == 200
    assert "Every image needs its alt text before the exhibition is published." in refused.content.decode()
    page.refresh_from_db()
    assert not page.live and not ExhibitedWork.objects.exists()

    saved = client.post(edit_url, _page_data(page, contest, ["A red square.", "", "Blue."], "action-save"))
    assert saved.status_code == 302  # a draft may wait for its alt texts

    published = client.post(edit_url, _page_data(page, contest, ["A red square.", "Green.", "Blue."], "action-publish"))
    assert published.status_code == 302
    page.refresh_from_db()
    assert page.live and ExhibitedWork.objects.filter(page=page).count() == 3
    assert page.get_latest_revision_as_object().works.count() == 3  # no new draft after publishing


def test_a_second_exhibition_of_the_same_contest_is_refused(client):
    contest, _entries = awarded_contest(winners=1)
    campaign = contest.get_parent()
    campaign.add_child(instance=ExhibitionPage(title="First", slug="first", contest=contest))
    client.force_login(UserFactory(is_superuser=True))
    add_url = reverse("wagtailadmin_pages:add", args=["exhibition", "exhibitionpage", campaign.pk])
    response = client.post(
        add_url,
        nested_form_data({"title": "Second", "slug": "second", "contest": contest.pk, "works": inline_formset([])}),
    )
    assert response.status_code == 200 and ExhibitionPage.objects.count() == 1


def test_crafted_rows_cannot_show_another_entry_or_change_an_award(client):
    contest, entries = awarded_contest(winners=1, honourable=1)
    _other_contest, others = awarded_contest(winners=1)
    campaign = contest.get_parent()
    client.force_login(UserFactory(is_superuser=True))
    add_url = reverse("wagtailadmin_pages:add", args=["exhibition", "exhibitionpage", campaign.pk])
    client.post(
        add_url, nested_form_data({"title": "E", "slug": "e", "contest": contest.pk, "works": inline_formset([])})
    )
    page = ExhibitionPage.objects.get(slug="e")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    data = _page_data(page, contest, ["Alt.", "Alt."], "action-publish")
    data["works-1-award"] = "winner"  # promote the honourable mention
    assert client.post(edit_url, data).status_code == 302
    awards = dict(ExhibitedWork.objects.filter(page=page).values_list("entry_id", "award"))
    assert awards == {entries[0].pk: "winner", entries[1].pk: "honourable"}

    data = _page_data(page, contest, ["Alt.", "Alt."], "action-publish")
    data["works-1-entry"] = others[0].pk  # another contest's work
    data["works-1-images-0-entry_image"] = others[0].images.get().pk
    refused = client.post(edit_url, data)
    assert refused.status_code == 200
    assert "not among the contest&#x27;s results" in refused.content.decode()
    assert not ExhibitedWork.objects.filter(entry=others[0]).exists()
