import pytest

from events.models import CampaignPage, HomePage
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    page = HomePage.objects.get().add_child(instance=CampaignPage(title="Mandela Day", slug="mandela-day"))
    page.save_revision().publish()
    return page


def test_public_pages_are_cacheable_for_visitors_who_are_not_signed_in(client, campaign, settings):
    settings.VITRINE_PUBLIC_PAGE_MAX_AGE = 120
    for url in ("/", "/mandela-day/", "/ru/mandela-day/"):
        response = client.get(url)
        assert response.status_code == 200
        assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=120"}, url
        assert "Cookie" in response["Vary"]
        assert not response.cookies


def test_signed_in_visitors_get_private_pages(client, campaign, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    response = client.get("/mandela-day/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_missing_pages_portal_and_health_are_not_made_public(client):
    assert "public" not in client.get("/no-such-page/").get("Cache-Control", "")
    assert "public" not in client.get("/portal/").get("Cache-Control", "")
    assert "public" not in client.get("/healthz").get("Cache-Control", "")


@pytest.mark.parametrize("url", ["/portal/", "/ru/portal/", "/judging/"])
def test_what_signed_in_staff_and_judges_get_is_never_kept_by_a_shared_cache(client, url):
    client.force_login(UserFactory(facility=FacilityFactory(), judge=True))
    response = client.get(url)
    assert response.status_code == 200, url
    directives = set(response["Cache-Control"].replace(" ", "").split(","))
    assert {"private", "no-store"} <= directives and "public" not in directives
