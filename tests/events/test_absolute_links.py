"""Absolute links use the address the site is served at: the request's (sitemap, calendar files, feeds), and
BASE_URL where there is no request (emails), never the "localhost" stored on the database's Site row."""

import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Site

from tests.conftest import missing_part
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

SERVED_AT = "127.0.0.1:8123"  # `PORT=8123 make run`


@pytest.fixture
def event(campaign, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "vitrine.example.org"]
    assert Site.objects.get().root_url == "http://localhost"  # what the skeleton stores
    soon = timezone.now() + datetime.timedelta(days=2)
    return EventFactory(parent=campaign, title="Webinar", slug="webinar", sessions=[(soon, soon)])


def _urls(text):
    return re.findall(r"https?://[^\s<\"]+", text)


def test_the_sitemap_links_to_the_address_it_is_served_at(client, event):
    body = client.get("/sitemap.xml", HTTP_HOST=SERVED_AT).content.decode()
    assert f"http://{SERVED_AT}/mandela-day/webinar/" in body
    assert not [url for url in _urls(body) if "localhost" in url]
    secure = client.get("/sitemap.xml", HTTP_HOST="vitrine.example.org", secure=True).content.decode()
    assert "https://vitrine.example.org/mandela-day/webinar/" in secure


def test_calendar_files_and_feeds_link_to_the_served_address(client, event, story):
    ics = client.get(f"/calendar/events/{event.pk}.ics", HTTP_HOST=SERVED_AT).content.decode()
    assert f"URL:http://{SERVED_AT}/mandela-day/webinar/" in ics.replace("\r\n ", "")
    for path in ("/feeds/stories.rss", "/feeds/stories.atom"):
        feed = client.get(path, HTTP_HOST=SERVED_AT).content.decode()
        assert f"http://{SERVED_AT}/mandela-day/course/" in feed
        assert not [url for url in _urls(feed) if "localhost" in url], path


def test_event_pages_structured_data_uses_the_served_address(client, event):
    page = BeautifulSoup(client.get(event.url, HTTP_HOST=SERVED_AT).content, "html.parser")
    data = json.loads(page.select_one("script[type='application/ld+json']").string)
    assert data["url"] == f"http://{SERVED_AT}/mandela-day/webinar/"


def test_without_a_request_links_use_base_url(event, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://vitrine.example.org"
    assert event.full_url == "https://vitrine.example.org/mandela-day/webinar/"
    assert event.get_full_url() == "https://vitrine.example.org/mandela-day/webinar/"


def test_make_run_gives_its_own_address_as_base_url():
    """`PORT=8123 make run` serves at 127.0.0.1:8123, and links without a request (emails) point there too."""
    root = Path(__file__).resolve().parents[2]
    if shutil.which("make") is None:
        missing_part("make is not installed")
    env = {**os.environ, "PORT": "8123"}
    env.pop("BASE_URL", None)
    dry_run = subprocess.run(["make", "-n", "run"], cwd=root, env=env, capture_output=True, text=True, check=True)
    serve = [line for line in dry_run.stdout.splitlines() if "runserver" in line]
    assert serve == ["BASE_URL=http://127.0.0.1:8123 .venv/bin/python manage.py runserver 127.0.0.1:8123"]
