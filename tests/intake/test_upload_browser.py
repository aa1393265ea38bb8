"""The portal's upload in Chromium: images added one at a time with a progress bar, and a retry after a failure."""

import pytest

from gallery.domain import entries as service
from gallery.models import EntryImage
from tests.intake import files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_progress_retry_and_one_image_at_a_time(page, live_server, contest, facility, staff, tmp_path):
    entry = service.create_draft(contest, facility, staff, title="Browser work", artist_code="A-9")
    first = tmp_path / "first.jpg"
    first.write_bytes(files.jpeg((1600, 1200), seed=31))
    second = tmp_path / "second.jpg"
    second.write_bytes(files.jpeg((1600, 1200), seed=32))

    page.goto(f"{live_server.url}/accounts/login/?next=/portal/entries/{entry.pk}/")
    page.fill("input[name=username]", "staff-kar1")
    page.fill("input[name=password]", "pw")
    page.click("form.portal-form button[type=submit]")
    page.wait_for_url(f"**/portal/entries/{entry.pk}/")
    page.fill("input[name=title]", "Typed but not saved")  # must survive the uploads

    # The first attempt fails on the network: an error and a retry button, the chosen file is kept.
    failures = {"left": 1}

    def flaky(route):
        if failures["left"]:
            failures["left"] -= 1
            route.abort()
        else:
            route.continue_()

    page.route("**/images/", flaky)
    page.set_input_files("input[name=image]", str(first))
    page.click("[data-upload-button]")
    page.wait_for_selector("[data-upload-retry]:not([hidden])")
    assert "failed" in page.inner_text("[data-upload-error]")
    assert EntryImage.objects.count() == 0

    page.click("[data-upload-retry]")
    page.wait_for_selector("#thumbs li.thumb img")
    assert page.get_attribute("[data-upload-bar]", "value") == "100"
    assert EntryImage.objects.filter(entry=entry).count() == 1

    page.set_input_files("input[name=image]", str(second))
    page.click("[data-upload-button]")
    page.wait_for_function("document.querySelectorAll('#thumbs li.thumb').length === 2")
    assert EntryImage.objects.filter(entry=entry).count() == 2
    # The thumbnails load through the permission-checked view.
    page.wait_for_function(
        "[...document.querySelectorAll('#thumbs img')].every(img => img.complete && img.naturalWidth > 0)"
    )
    # Nothing typed in the entry form was lost while uploading.
    assert page.input_value("input[name=title]") == "Typed but not saved"

    # A refused file explains itself and offers no pointless retry.
    svg = tmp_path / "drawing.jpg"
    svg.write_bytes(files.SVG)
    page.set_input_files("input[name=image]", str(svg))
    page.click("[data-upload-button]")
    page.wait_for_selector("[data-upload-error]:not([hidden])")
    assert "SVG" in page.inner_text("[data-upload-error]")
    assert page.is_hidden("[data-upload-retry]")
