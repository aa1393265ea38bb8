"""Keyboard only (Tab, Enter, Space, arrows, typing): a facility starts a draft and adds an image in the portal, and
a judge scores an entry; focus is visible on every control passed on the way. The file picker's own dialog is the
one thing filled by Playwright (set_input_files), as no page can drive it.

Selectors are labels, roles and visible words, so a redesign of the screens keeps these tests meaningful."""

import time

import pytest

from gallery.judging.models import Score
from gallery.models import Entry, EntryImage
from tests.accessibility.conftest import sign_in
from tests.accessibility.keyboard import Walk
from tests.intake import files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_facility_starts_a_draft_and_adds_an_image_with_the_keyboard(page, live_server, site, tmp_path):
    page.set_default_timeout(15_000)
    sign_in(page, live_server, site.staff)
    page.goto(f"{live_server.url}/portal/")
    walk = Walk(page)

    walk.tab_to(f"el => el.tagName === 'A' && el.href.endsWith('/portal/contests/{site.contest.pk}/new/')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/portal/contests/{site.contest.pk}/new/")
    walk.tab_to("el => el.name === 'title'")
    page.keyboard.type("Keyboard work")
    walk.tab_to("el => el.name === 'artist_code'")
    page.keyboard.type("K-7")
    walk.tab_to("el => el.name === 'credit'")
    for _ in range(3):  # arrows move within the radio group and choose
        if page.evaluate("() => document.activeElement.value") == "anonymous":
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.checked && document.activeElement.value") == "anonymous"
    walk.tab_to("el => el.type === 'checkbox' && el.name === 'consent_confirmed'")
    page.keyboard.press("Space")
    walk.tab_to("el => el.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/portal/entries/*/")
    entry = Entry.objects.get(title="Keyboard work")
    assert (entry.state, entry.artist_code, entry.credit) == ("draft", "K-7", "anonymous")
    assert entry.consent_confirmed

    picture = tmp_path / "work.jpg"
    picture.write_bytes(files.jpeg((900, 700), seed=41))
    page.get_by_label("Image of the work or a detail").set_input_files(str(picture))
    walk.tab_to("el => el.tagName === 'BUTTON' && /upload/i.test(el.textContent) && !el.hidden")
    page.keyboard.press("Enter")
    assert wait_for(lambda: EntryImage.objects.filter(entry=entry).exists()), "the image was not added"
    assert walk.unmarked == [], f"focus not visible on: {walk.unmarked}"


def test_a_judge_scores_an_entry_with_the_keyboard(page, live_server, site):
    page.set_default_timeout(15_000)
    sign_in(page, live_server, site.judge)
    page.goto(f"{live_server.url}/judging/")
    walk = Walk(page)
    walk.tab_to(f"el => el.tagName === 'A' && el.href.endsWith('/judging/{site.round.pk}/')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/judging/{site.round.pk}/")
    first = site.round.round_entries.order_by("position", "pk").first()
    walk.tab_to(f"el => el.tagName === 'A' && el.href.endsWith('/judging/{site.round.pk}/{first.code}/')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/judging/{site.round.pk}/{first.code}/")

    # The first criterion has focus on arrival, visibly; a digit scores it and moves on to the next one.
    page.wait_for_function("document.activeElement.getAttribute('role') === 'group'")
    assert walk.focus_shown(), "the criterion's focus is not visible"
    page.keyboard.press("6")
    assert walk.focus_shown(), "the next criterion's focus is not visible"
    page.keyboard.press("9")
    assert wait_for(lambda: Score.objects.filter(round_entry=first, judge=site.judge).count() == 2)
    assert sorted(Score.objects.filter(round_entry=first, judge=site.judge).values_list("value", flat=True)) == [6, 9]
    assert walk.unmarked == [], f"focus not visible on: {walk.unmarked}"
