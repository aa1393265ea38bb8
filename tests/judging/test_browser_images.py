"""A judge looks at a work in a real browser (Chromium via Playwright): the page, switching views and zooming fetch
only the sized renditions, never an original; zoom works by keys and steps; the score buttons are Tab stops and
fit one row on a phone."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image

from gallery.domain.thumbnails import ensure_thumbnail
from gallery.judging.models import JudgingRendition
from gallery.models import EntryImage
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BIG = (3000, 2000)


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def big_jpeg(color):
    output = io.BytesIO()
    Image.new("RGB", BIG, color).save(output, "JPEG", quality=90)
    return output.getvalue()


@pytest.fixture
def big_work():
    contest = ContestFactory()
    work = EntryFactory(contest=contest, facility=FacilityFactory(), images=2)
    for stored in EntryImage.objects.filter(entry=work):
        stored.file.save(f"original-{stored.position}.jpg", ContentFile(big_jpeg((40 + 90 * stored.position, 90, 150))))
        EntryImage.objects.filter(pk=stored.pk).update(width=BIG[0], height=BIG[1])
        stored.refresh_from_db()
        ensure_thumbnail(stored)
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])  # committed: the renditions are made as it opens
    assert JudgingRendition.objects.filter(image__entry=work).count() == 4
    originals = set(EntryImage.objects.filter(entry=work).values_list("file", flat=True))
    return round_, round_.round_entries.get(), judge, originals


def test_a_judges_image_views_never_fetch_an_original(page, live_server, big_work, opened_files):
    round_, round_entry, judge, originals = big_work
    sign_in(page, live_server, judge)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}/judging/{round_.pk}/{round_entry.code}/")
    main = page.locator("#judging-main-image")
    page.wait_for_function("document.getElementById('judging-main-image').complete")
    assert main.evaluate("img => img.naturalWidth") == 2560

    page.locator(".judging-thumb").nth(1).click()  # the second view
    page.wait_for_function("document.getElementById('judging-main-image').src.endsWith('/image/1/')")
    page.wait_for_function("document.getElementById('judging-main-image').complete")
    assert main.evaluate("img => img.naturalWidth") == 2560

    page.locator(".judging-viewer__frame").focus()
    page.keyboard.press("+")  # zoom by a step: the zoom rendition is fetched now, not before
    page.wait_for_function("document.getElementById('judging-main-image').src.endsWith('/image/1/zoom/')")
    page.wait_for_function("document.getElementById('judging-main-image').complete")
    assert page.locator(".judging-viewer").get_attribute("data-zoom") == "1.5"
    assert page.locator(".judging-zoom__level").inner_text() == "150%"
    assert main.evaluate("img => img.naturalWidth") == 3000
    page.locator("[data-zoom-step='1']").click()
    assert page.locator(".judging-viewer").get_attribute("data-zoom") == "2"
    page.keyboard.press("-")
    assert page.locator(".judging-viewer").get_attribute("data-zoom") == "1.5"

    image_requests = [url for url in requests if "/image/" in url]
    zoom_requests = [url for url in image_requests if url.endswith("/zoom/")]
    assert zoom_requests == [f"{live_server.url}/judging/{round_.pk}/{round_entry.code}/image/1/zoom/"]
    assert all(
        re.search(rf"/judging/{round_.pk}/{round_entry.code}/image/[01]/(zoom/|thumb/)?$", u) for u in image_requests
    )
    assert opened_files and not originals & set(opened_files)


def test_score_buttons_are_tab_stops_and_fit_one_row_on_a_phone(page, live_server, big_work):
    round_, round_entry, judge, originals = big_work
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, live_server, judge)
    page.goto(f"{live_server.url}/judging/{round_.pk}/{round_entry.code}/")
    criterion = page.locator(".judging-criterion").first
    tops = criterion.locator(".judging-value").evaluate_all(
        "buttons => buttons.map(b => b.getBoundingClientRect().top)"
    )
    assert len(tops) == 10 and len(set(tops)) == 1  # one row
    right = criterion.locator(".judging-value").last.evaluate("b => b.getBoundingClientRect().right")
    assert right <= 360
    assert criterion.locator(".judging-value").evaluate_all("buttons => buttons.every(b => b.tabIndex === 0)")
    hint = criterion.get_attribute("aria-describedby")
    assert "Score from 1 (lowest) to 10 (highest)" in page.locator(f"#{hint}").inner_text()
    # Tab from the first button reaches the next button.
    criterion.locator(".judging-value").first.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.value") == "2"
