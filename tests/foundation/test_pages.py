import pytest

pytestmark = pytest.mark.django_db


def test_home_page_renders_accessible_base(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert 'name="viewport"' in html
    # Everything is served by the app itself: no third-party CDN.
    assert "https://" not in "".join(line for line in html.splitlines() if "<script" in line or "<link" in line)


def test_language_prefix_sets_html_lang(client):
    response = client.get("/ru/")
    assert response.status_code == 200
    assert '<html lang="ru"' in response.content.decode()
    response = client.get("/kk/")
    assert '<html lang="kk"' in response.content.decode()


def test_admin_login_page_is_served(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200


def _campaign():
    from events.models import CampaignPage, HomePage

    home = HomePage.objects.get()
    campaign = home.add_child(instance=CampaignPage(title="Mandela Day", slug="mandela-day", show_in_menus=True))
    campaign.save_revision().publish()
    return campaign


def test_the_visitors_language_stays_with_them_from_page_to_page(client):
    _campaign()
    response = client.get("/ru/mandela-day/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ru"' in html
    assert 'href="/ru/mandela-day/"' in html  # the menu keeps the prefix
    assert 'href="/mandela-day/" lang="en"' in html  # the switcher offers the same page in English
    assert 'href="/kk/mandela-day/" lang="kk"' in html


def test_public_pages_set_no_cookie_and_carry_no_csrf_token(client):
    _campaign()
    for url in ("/", "/mandela-day/", "/kk/mandela-day/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert not response.cookies, f"{url} set {list(response.cookies)}"


def test_officers_need_a_second_officer_to_publish_but_administrators_do_not():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core import roles

    campaign = _campaign()
    User = get_user_model()
    officer = User.objects.create_user("officer-x", password="x")
    officer.groups.add(Group.objects.get(name=roles.OFFICERS))
    administrator = User.objects.create_superuser("root-x", password="x")
    assert campaign.permissions_for_user(officer).can_edit()
    assert not campaign.permissions_for_user(officer).can_publish()
    assert campaign.permissions_for_user(administrator).can_publish()


@pytest.mark.parametrize("path", ["/portal/", "/judging/", "/search/", "/accounts/login/"])
def test_every_screen_speaks_the_language_of_its_prefix(client, path):
    # A signed-in user with no role sees the translated "not allowed" page on the portal and judging screens.
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("someone", password="x"))
    for prefix, code in (("", "en"), ("/ru", "ru"), ("/kk", "kk")):
        response = client.get(f"{prefix}{path}", follow=True)
        assert f'<html lang="{code}"' in response.content.decode(), f"{prefix}{path}"


def test_sign_in_keeps_the_language_prefix(client):
    response = client.get("/ru/portal/")
    assert response.status_code == 302
    assert response["Location"].startswith("/ru/accounts/login/?next=/ru/portal/")
