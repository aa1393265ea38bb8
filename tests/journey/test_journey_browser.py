"""The whole way of a contest in Chromium, through the real screens: an officer creates the contest in the Wagtail
admin and a second officer approves it; two facilities each upload an entry in the portal (with the progress bar)
and submit it; the officer screens them, writes the rubric, sets up and opens a judging round; the judge scores
with the keyboard; the officer approves the results, makes the exhibition page and writes its alt texts; the
second officer approves it, which publishes it; an anonymous visitor opens the exhibition and its lightbox.

Before the journey there are only people and places: the campaign page, two facilities with a staff member each,
two officers and a judge. A screenshot of every step is saved in $VITRINE_SCREENSHOTS (default: the test's
temporary folder; the path is printed).

What the journey relies on in the screens: Wagtail's own form names (`action-submit`, field ids `id_<field>`),
the dashboard's "Awaiting your review" row with its "Actions" menu and "Approve" button; the portal's label "Image
of the work or a detail", its buttons "Upload image" and "Submit entry" and a <progress> bar reaching 100; the
field names of the entry, screening, criterion and round forms; the judging screen's focused criterion
(role=group) taking digit keys and ArrowRight; the officers' buttons "Open round" and "Approve results"; the
exhibition's `.work-tile__image` links and PhotoSwipe's `.pswp` dialog."""

import os
import re
import time
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gallery.exhibition.models import ExhibitionPage
from gallery.judging.models import Result, Round, Score
from gallery.models import ContestPage, Entry
from tests.factories import CampaignFactory, FacilityFactory, RegionFactory, UserFactory
from tests.intake import files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ZONE = ZoneInfo("Asia/Almaty")


class Journey:
    def __init__(self, page, live_server, folder):
        self.page, self.base, self.folder, self.step = page, live_server.url, folder, 0

    def as_user(self, user):
        self.page.context.clear_cookies()
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": self.base}
            self.page.context.add_cookies([cookie])

    def go(self, path):
        self.page.goto(self.base + path)

    def shot(self, name, full_page=True):
        self.step += 1
        self.page.screenshot(path=str(self.folder / f"{self.step:02d}-{name}.png"), full_page=full_page)

    def click_hidden(self, selector):
        """A button inside a closed dropdown (Wagtail's footer menu) is pressed as the menu would press it."""
        self.page.locator(selector).first.evaluate("button => button.click()")


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    raise AssertionError("the page never did what was asked")


@pytest.fixture
def folder(tmp_path):
    path = Path(os.environ.get("VITRINE_SCREENSHOTS") or tmp_path / "journey")
    path.mkdir(parents=True, exist_ok=True)
    print(f"journey screenshots: {path}")
    return path


def test_a_contest_from_its_creation_to_the_public_lightbox(page, live_server, folder, tmp_path):
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()  # a transactional test's flush brings content types back under new ids
    page.set_default_timeout(20_000)
    page.on("dialog", lambda dialog: dialog.accept())
    region = RegionFactory(code="KAR")
    facilities = [FacilityFactory(code=f"KAR{n}", region=region) for n in (1, 2)]
    staff = [UserFactory(username=f"staff-kar{n}", facility=place) for n, place in enumerate(facilities, 1)]
    officer, second_officer = UserFactory(officer=True), UserFactory(officer=True)
    judge = UserFactory(username="judge-one", judge=True)
    campaign = CampaignFactory(title="Nelson Mandela Day 2027", slug="mandela-2027")
    journey = Journey(page, live_server, folder)

    # 1. The officer creates the contest under the campaign and submits it; the second officer approves it.
    journey.as_user(officer)
    journey.go(reverse("wagtailadmin_pages:add", args=["gallery", "contestpage", campaign.pk]))
    now = timezone.now().astimezone(ZONE)
    page.fill("#id_title", "Art contest 2027")
    page.fill("#id_code", "AC27")
    page.fill("#id_opens_at", (now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"))
    page.fill("#id_closes_at", (now + timedelta(days=5)).strftime("%Y-%m-%d %H:%M"))
    page.fill("#id_consent_statement", "The artist agreed to show this work.")
    page.fill("#id_number_of_winners", "2")
    journey.shot("officer-creates-contest")
    with page.expect_navigation():
        journey.click_hidden("button[name=action-submit]")
    contest = ContestPage.objects.get(code="AC27")
    approve(journey, second_officer, contest)

    # 2. Two facilities upload an entry each, with the progress bar, and submit it.
    for number, (member, place) in enumerate(zip(staff, facilities, strict=True), 1):
        picture = tmp_path / f"work-{number}.jpg"
        picture.write_bytes(files.jpeg((1200, 900), seed=50 + number))
        upload_entry(journey, member, contest, f"Work of {place.code}", picture)
    wait_for(lambda: Entry.objects.filter(contest=contest, state=Entry.State.SUBMITTED).count() == 2)

    # 3. The officer screens both entries, writes the rubric, sets up the round and opens it.
    journey.as_user(officer)
    for entry in Entry.objects.filter(contest=contest).order_by("pk"):
        journey.go(reverse("entries:edit", args=[entry.pk]))
        page.select_option("[name=review]", "eligible")
        journey.shot("officer-screens-entry")
        with page.expect_navigation():
            page.locator("form button[type=submit]").filter(has_text="Save").first.click()
        assert Entry.objects.get(pk=entry.pk).review == Entry.Review.ELIGIBLE
    journey.go(reverse("judging_criteria:add"))
    page.select_option("[name=contest]", str(contest.pk))
    page.fill("[name=name]", "Overall impression")
    page.fill("[name=scale_min]", "1")
    page.fill("[name=scale_max]", "10")
    journey.shot("officer-writes-rubric")
    page.locator("form button[type=submit]").filter(has_text="Create").first.click()
    page.wait_for_url("**" + reverse("judging_criteria:index"))
    journey.go(reverse("judging_rounds:add"))
    page.select_option("[name=contest]", str(contest.pk))
    page.fill("[name=name]", "Scoring")
    choose_judge(page, judge)
    page.fill("[name=judges_per_entry]", "1")
    journey.shot("officer-sets-up-round")
    with page.expect_navigation():
        page.locator("form button[type=submit]").filter(has_text="Create").first.click()
    round_ = Round.objects.get(contest=contest)
    journey.go(reverse("judging_admin:round", args=[round_.pk]))
    with page.expect_navigation():
        page.get_by_role("button", name="Open round").click()
    assert Round.objects.get(pk=round_.pk).status == Round.Status.OPEN
    journey.shot("officer-opens-round")

    # 4. The judge scores both entries with the keyboard.
    journey.as_user(judge)
    journey.go("/judging/")
    page.get_by_role("link", name="Art contest 2027").first.click()
    page.wait_for_url(f"**/judging/{round_.pk}/")
    first, second = round_.round_entries.order_by("position", "pk")
    journey.go(f"/judging/{round_.pk}/{first.code}/")
    for round_entry, key in ((first, "8"), (second, "5")):
        page.wait_for_url(f"**/judging/{round_.pk}/{round_entry.code}/")
        page.wait_for_function("document.activeElement.getAttribute('role') === 'group'")
        page.keyboard.press(key)
        wait_for(lambda round_entry=round_entry: Score.objects.filter(round_entry=round_entry, judge=judge).exists())
        journey.shot("judge-scores")
        page.keyboard.press("ArrowRight")

    # 5. The officer approves the results (a confirmation page: a reason if a judge has not submitted) and makes
    # the exhibition page.
    journey.as_user(officer)
    journey.go(reverse("judging_admin:round", args=[round_.pk]))
    journey.shot("officer-sees-ranking")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^\s*Approve")).first.click()
    journey.shot("officer-confirms-approval")
    if page.locator("#id_reason").count():
        page.fill("#id_reason", "The judge scored every entry; submission was forgotten.")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^\s*Approve")).first.click()
    assert Result.objects.filter(contest=contest).exists()
    journey.go(reverse("wagtailadmin_pages:add", args=["exhibition", "exhibitionpage", campaign.pk]))
    page.fill("#id_title", "Art contest 2027: the exhibition")
    choose_page(page, contest.title)
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    exhibition = ExhibitionPage.objects.get(contest=contest)
    page.wait_for_url("**" + reverse("wagtailadmin_pages:edit", args=[exhibition.pk]))
    alt_texts = page.locator("textarea[name$='alt_text'], input[name$='alt_text']")
    assert alt_texts.count() == 2
    for index in range(alt_texts.count()):
        alt_texts.nth(index).fill(f"A painting, work {index + 1} of the exhibition.")
    journey.shot("officer-writes-alt-texts")
    with page.expect_navigation():
        journey.click_hidden("button[name=action-submit]")
    assert ExhibitionPage.objects.get(pk=exhibition.pk).workflow_in_progress
    approve(journey, second_officer, exhibition)

    # 6. An anonymous visitor opens the exhibition and a work in the lightbox.
    journey.as_user(None)
    exhibition.refresh_from_db()
    journey.go(exhibition.url)
    page.wait_for_selector(".work-tile__image[aria-haspopup=dialog]", state="attached")
    journey.shot("visitor-sees-exhibition")
    page.locator(".work-tile__image").first.click()
    page.wait_for_selector(".pswp--open[role=dialog]")
    page.wait_for_function(
        "[...document.querySelectorAll('.pswp__item[aria-hidden=false] img.pswp__img')]"
        ".some(img => img.complete && img.naturalWidth > 0)"
    )
    page.wait_for_selector(".pswp--ui-visible")
    page.wait_for_timeout(400)  # the opening animation, for the screenshot's sake
    journey.shot("visitor-opens-lightbox", full_page=False)
    # The first work shown is the one the judge scored highest, with its award.
    caption = page.inner_text(".pswp__caption")
    assert first.entry.title in caption and "place 1" in caption, caption
    assert len(list(folder.glob("*.png"))) >= journey.step


def approve(journey, reviewer, page_object):
    """The second officer approves the submitted page from the dashboard's "Awaiting your review" list (Wagtail's
    workflow action, without a comment), which publishes it."""
    page = journey.page
    journey.as_user(reviewer)
    journey.go(reverse("wagtailadmin_home"))
    row = page.locator("tr", has_text=page_object.title)
    row.get_by_role("button", name="Actions").click()
    journey.shot("second-officer-reviews")
    with page.expect_navigation():
        row.get_by_role("button", name="Approve", exact=True).click()
    assert type(page_object).objects.get(pk=page_object.pk).live
    journey.shot("approved-and-published")


def upload_entry(journey, member, contest, title, picture):
    page = journey.page
    journey.as_user(member)
    journey.go("/portal/")
    page.locator(f"a[href$='/portal/contests/{contest.pk}/new/']").click()
    page.fill("[name=title]", title)
    page.fill("[name=artist_code]", f"{member.username}-1")
    page.check("[name=credit][value=anonymous]")
    page.check("[name=consent_confirmed]")
    page.locator("form:has([name=title]) button[type=submit]").first.click()
    page.wait_for_url("**/portal/entries/*/")
    page.get_by_label("Image of the work or a detail").set_input_files(str(picture))
    page.get_by_role("button", name="Upload image").click()
    # The resumable upload shows its progress, then "Processing…", then the new image's thumbnail.
    page.wait_for_selector("img[src*='/thumbnail/']")
    journey.shot(f"{member.username}-uploaded")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit entry").click()
    assert Entry.objects.filter(title=title, state=Entry.State.SUBMITTED).exists()
    journey.shot(f"{member.username}-submitted")


def choose_page(page, title):
    """Wagtail's page chooser: open it, search for the page by title, pick it."""
    page.get_by_role("button", name=re.compile(r"^\s*Choose", re.IGNORECASE)).first.click()
    modal = page.locator(".modal-dialog")
    modal.locator("input[name=q]").fill(title)
    modal.locator("a.choose-page", has_text=title).first.click()
    page.wait_for_function("document.querySelector('#id_contest').value !== ''")


def choose_judge(page, judge):
    judges = page.locator("[name=judges]")
    if judges.first.evaluate("element => element.tagName") == "SELECT":
        judges.select_option(str(judge.pk))
    else:
        page.check(f"[name=judges][value='{judge.pk}']")
