"""The portal's upload in Chromium over slow and broken links: a cut connection and a reload continue the same
image from where it stopped; a stalled link is reported with a Retry; Cancel deletes what was sent; the
"Processing…" state; "Image added" shown and announced without moving the focus; typed text survives."""

import time

import pytest
from playwright.sync_api import Error as PlaywrightError

from gallery.domain import entries as service
from gallery.models import EntryImage, UploadSession
from tests.intake import files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHUNK = 32 * 1024
# Every text the upload's status line shows, in order, however briefly.
RECORD_STATUS = """
window.__statuses = [];
document.addEventListener("DOMContentLoaded", function () {
  var node = document.querySelector("[data-upload-status]");
  if (!node) return;
  new MutationObserver(function () { window.__statuses.push(node.textContent); })
    .observe(node, { childList: true, characterData: true, subtree: true });
});
"""


@pytest.fixture
def slow_settings(settings):
    settings.VITRINE_UPLOAD_CHUNK_BYTES = CHUNK
    settings.VITRINE_UPLOAD_STALL_SECONDS = 3
    return settings


@pytest.fixture
def entry(contest, facility, staff):
    return service.create_draft(contest, facility, staff, title="Browser work", artist_code="A-9")


def sign_in(page, live_server, entry):
    page.add_init_script(RECORD_STATUS)
    page.goto(f"{live_server.url}/accounts/login/?next=/portal/entries/{entry.pk}/")
    page.fill("input[name=username]", "staff-kar1")
    page.fill("input[name=password]", "pw")
    page.click("form.portal-form button[type=submit]")
    page.wait_for_url(f"**/portal/entries/{entry.pk}/")


def wait_until(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_cut_connection_and_reload_continue_the_same_image(page, live_server, entry, slow_settings, tmp_path):
    photo = tmp_path / "work.jpg"
    data = files.jpeg((2400, 1800), seed=51)
    photo.write_bytes(data)
    sign_in(page, live_server, entry)

    patches = []
    page.on("request", lambda request: request.method == "PATCH" and patches.append(request.headers))
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    # A slow link: 24 KB/s up, with latency.
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 150, "downloadThroughput": 200 * 1024, "uploadThroughput": 24 * 1024},
    )
    page.set_input_files("input[name=image]", str(photo))
    page.click("[data-upload-button]")
    wait_until(lambda: UploadSession.objects.filter(offset__gte=2 * CHUNK).exists())

    # The link drops mid-upload (through the same DevTools session as the throttling, which would otherwise win).
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    page.wait_for_selector("[data-upload-retry]:not([hidden])")
    assert "stopped" in page.inner_text("[data-upload-error]")
    assert page.is_hidden("[data-upload-progress]")  # never "100%" (or any figure) beside an error
    stored = UploadSession.objects.get().offset
    assert 0 < stored < len(data) and not EntryImage.objects.exists()

    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    page.reload()
    patches.clear()
    page.set_input_files("input[name=image]", str(photo))  # the same file, chosen again after the reload
    page.click("[data-upload-button]")
    page.wait_for_selector("#thumbs li.thumb img")

    assert EntryImage.objects.filter(entry=entry).count() == 1
    first_offset = int(patches[0]["upload-offset"])
    assert first_offset >= stored  # resumed from what the server had, not from 0
    sent_after_reload = len(data) - first_offset
    assert sent_after_reload < len(data)
    assert page.inner_text("[data-testid=upload-status]") == "Image added."
    statuses = page.evaluate("window.__statuses")
    assert any(text.startswith("Continuing the upload") for text in statuses)
    assert any(text.startswith("Processing") for text in statuses)


def test_stall_retry_cancel_and_focus(page, live_server, entry, slow_settings, tmp_path):
    first = tmp_path / "first.jpg"
    first.write_bytes(files.jpeg((1600, 1200), seed=31))
    second = tmp_path / "second.jpg"
    second.write_bytes(files.jpeg((1600, 1200), seed=32))
    sign_in(page, live_server, entry)
    page.fill("input[name=title]", "Typed but not saved")  # must survive the uploads

    held = []

    def hang(route):
        if route.request.method == "PATCH":
            held.append(route)  # never answered: the link is stalled
        else:
            route.continue_()

    page.route("**/portal/uploads/**", hang)
    page.set_input_files("input[name=image]", str(first))
    page.click("[data-upload-button]")
    page.wait_for_selector("[data-upload-cancel]:not([hidden])")
    page.wait_for_selector("[data-upload-retry]:not([hidden])", timeout=15_000)
    assert "stalled" in page.inner_text("[data-upload-error]")
    assert page.is_hidden("[data-upload-progress]") and "%" not in page.inner_text("form.upload")
    assert not EntryImage.objects.exists()

    page.unroute("**/portal/uploads/**")
    for route in held:
        try:
            route.abort()
        except PlaywrightError:  # the page may have dropped the request already
            pass
    page.focus("[data-upload-retry]")
    page.click("[data-upload-retry]")
    page.wait_for_selector("#thumbs li.thumb img")
    assert page.inner_text("[data-testid=upload-status]") == "Image added."
    assert page.is_visible("[data-testid=upload-status]")
    assert page.get_attribute("[data-testid=upload-status]", "role") == "status"
    assert page.evaluate("document.activeElement !== document.body")  # the focus stayed in the form
    assert EntryImage.objects.filter(entry=entry).count() == 1

    # Cancel while a stalled upload hangs: the session and its parts are deleted, nothing is added.
    page.route("**/portal/uploads/**", hang)
    page.set_input_files("input[name=image]", str(second))
    page.click("[data-upload-button]")
    wait_until(UploadSession.objects.filter(state="receiving").exists)
    page.click("[data-upload-cancel]")
    page.wait_for_function("document.querySelector('[data-testid=upload-status]').textContent.includes('cancelled')")
    wait_until(lambda: not UploadSession.objects.filter(state="receiving").exists(), seconds=10)
    assert EntryImage.objects.filter(entry=entry).count() == 1
    assert page.input_value("input[name=title]") == "Typed but not saved"


def test_refused_file_and_duplicate_explain_themselves(page, live_server, entry, slow_settings, tmp_path):
    photo = tmp_path / "work.jpg"
    photo.write_bytes(files.jpeg((1200, 900), seed=61))
    copy = tmp_path / "copy of work.jpg"
    copy.write_bytes(photo.read_bytes())
    sign_in(page, live_server, entry)

    page.set_input_files("input[name=image]", str(photo))
    page.click("[data-upload-button]")
    page.wait_for_selector("#thumbs li.thumb img")

    # The same bytes under another name: refused with a message, no second image, no pointless retry.
    page.set_input_files("input[name=image]", str(copy))
    page.click("[data-upload-button]")
    page.wait_for_selector("[data-upload-error]:not([hidden])")
    assert "already in this entry" in page.inner_text("[data-upload-error]")
    assert page.is_hidden("[data-upload-retry]")
    assert EntryImage.objects.filter(entry=entry).count() == 1

    svg = tmp_path / "drawing.jpg"
    svg.write_bytes(files.SVG)
    page.set_input_files("input[name=image]", str(svg))
    page.click("[data-upload-button]")
    page.wait_for_function("document.querySelector('[data-upload-error]').textContent.includes('SVG')")
    assert page.is_hidden("[data-upload-retry]")
    # Thumbnails load through the permission-checked view.
    page.wait_for_function(
        "[...document.querySelectorAll('#thumbs img')].every(img => img.complete && img.naturalWidth > 0)"
    )
