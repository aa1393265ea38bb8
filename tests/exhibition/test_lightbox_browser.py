"""The exhibition in Chromium (Playwright): the lightbox (PhotoSwipe, served from our static files) opens a work
with its caption, moves with the arrows, keeps focus inside and gives it back; without JavaScript the links lead to
the work's page; nothing is fetched from another host."""

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_IN_DIALOG = "document.querySelector('.pswp[role=dialog]').contains(document.activeElement)"


def record_requests(page):
    """Every URL the page asks for, from now on."""
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def foreign(urls, live_server):
    origin = urlsplit(live_server.url)
    return [url for url in urls if urlsplit(url)[:2] != origin[:2]]


def caption(page):
    return " ".join(page.inner_text(".pswp__caption").split())


def test_lightbox_opens_a_work_with_its_caption_keeps_focus_and_gives_it_back(page, live_server, published_exhibition):
    first, second, _third = published_exhibition.entries
    page.set_default_timeout(15_000)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    urls = record_requests(page)
    address = live_server.url + published_exhibition.url
    page.goto(address)
    # The script marks the links it will open in the dialog once PhotoSwipe is loaded.
    page.wait_for_selector(".work-tile__image[aria-haspopup=dialog]", state="attached")
    tile = page.locator(".work-tile__image").first
    large = tile.get_attribute("data-large")

    tile.click()
    page.wait_for_selector(".pswp--open[role=dialog]")
    assert page.url == address  # opened in place, not followed
    page.wait_for_function(
        "[...document.querySelectorAll('.pswp__item[aria-hidden=false] img.pswp__img:not(.pswp__img--placeholder)')]"
        ".some(img => img.complete && img.naturalWidth > 0)"
    )
    shown = page.locator(".pswp__item[aria-hidden=false] img.pswp__img:not(.pswp__img--placeholder)")
    assert shown.get_attribute("src") == large
    assert page.locator(".pswp__caption").is_visible()
    assert first.title in caption(page)
    assert "A. B." in caption(page)

    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"document.querySelector('.pswp__caption').textContent.includes({second.title!r})")
    assert "Quiet Brush" in caption(page)
    assert first.title not in caption(page)

    # Tab moves focus into the dialog and around it, never back to the page behind.
    for _ in range(8):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_IN_DIALOG)
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUS_IN_DIALOG)

    page.keyboard.press("Escape")
    page.wait_for_selector(".pswp", state="detached")
    page.wait_for_function("document.activeElement === document.querySelector('.work-tile__image')")

    # The copy-link button is shown and says what it did, in the words the template gives it.
    copy = page.locator(".exhibition__header [data-copy-link]")
    copy.click()
    status = page.locator(".exhibition__header .share-links__copied")
    page.wait_for_function("document.querySelector('.exhibition__header .share-links__copied').textContent.length > 0")
    assert status.inner_text() == copy.get_attribute("data-copied-label") == "Link copied"
    assert page.evaluate("navigator.clipboard.readText()") == address

    vendored = "/static/exhibition/vendor/photoswipe/"
    assert any(vendored + "photoswipe.esm.min.js" in url for url in urls)
    assert any(vendored + "photoswipe-lightbox.esm.min.js" in url for url in urls)
    assert foreign(urls, live_server) == []


def test_without_javascript_the_links_lead_to_the_works_page_and_its_image(browser, live_server, published_exhibition):
    first = published_exhibition.entries[0]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        urls = record_requests(page)
        page.goto(live_server.url + published_exhibition.url)
        assert page.locator("[data-copy-link]").is_hidden()

        page.locator(".work-tile__image").first.click()
        page.wait_for_url("**/works/1/")
        assert page.inner_text("h1") == first.title
        image_link = page.locator(".work__figure a").first
        large = image_link.get_attribute("data-large")
        assert image_link.get_attribute("href") == large
        with page.expect_response(lambda response: response.url.endswith(large)) as response:
            image_link.click()
        assert response.value.headers["content-type"] == "image/jpeg"
        assert foreign(urls, live_server) == []
    finally:
        context.close()
