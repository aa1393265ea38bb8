"""A judge scores with the keyboard in a real browser, and sees the "saved" state (Chromium via Playwright)."""

import pytest
from django.test import Client

from gallery.judging.models import Score
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_keyboard_scoring_saves_and_moves_between_entries(page, live_server):
    contest = ContestFactory()
    place = FacilityFactory()
    for _ in range(2):
        EntryFactory(contest=contest, facility=place, images=1)
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    first, second = round_.round_entries.order_by("position", "pk")
    composition, technique = round_.criteria.order_by("position")
    sign_in(page, live_server, judge)

    page.goto(f"{live_server.url}/judging/{round_.pk}/{first.code}/")
    status = page.locator(".judging-status")
    page.wait_for_function("document.activeElement.classList.contains('judging-criterion')")
    page.keyboard.press("7")  # the first criterion has focus on arrival
    page.keyboard.press("0")  # focus moved on to the next criterion; 0 means 10
    page.wait_for_function("document.querySelector('.judging-status').dataset.state === 'saved'")
    assert status.inner_text().strip() == "Saved"
    assert page.locator(f'[data-criterion="{composition.pk}"] [data-value="7"]').get_attribute("aria-pressed") == "true"
    values = dict(Score.objects.filter(round_entry=first, judge=judge).values_list("criterion_id", "value"))
    assert values == {composition.pk: 7, technique.pk: 10}

    # Clicking a value changes it; the last request wins and is saved.
    page.locator(f'[data-criterion="{technique.pk}"] [data-value="4"]').click()
    page.wait_for_function("document.querySelector('.judging-status').dataset.state === 'saved'")
    page.wait_for_timeout(200)
    assert Score.objects.get(round_entry=first, judge=judge, criterion=technique).value == 4

    # Arrows move through the queue; the saved scores are there on the way back.
    page.keyboard.press("ArrowRight")
    page.wait_for_url(f"**/judging/{round_.pk}/{second.code}/")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(f"**/judging/{round_.pk}/{first.code}/")
    assert page.locator(f'[data-criterion="{technique.pk}"] [data-value="4"]').get_attribute("aria-pressed") == "true"
    # The image is shown through the anonymous-code URL.
    assert page.locator("#judging-main-image").evaluate("img => img.complete && img.naturalWidth") == 40
