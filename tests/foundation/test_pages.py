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
