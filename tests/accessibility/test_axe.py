"""axe-core on every kind of page the public, facilities and judges use: no serious or critical violation."""

import pytest

from tests.accessibility.conftest import sign_in
from tests.support import axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page, address):
    response = page.goto(address)
    if response.status != 200 or page.url != address:  # checking a sign-in page or an error instead proves nothing
        return f"{address}: answered {response.status} at {page.url}"
    page.wait_for_load_state("load")
    found = axe.violations(page)
    return f"{address}:\n{axe.describe(found)}" if found else None


def test_public_pages_have_no_serious_violations(page, live_server, site):
    work = site.exhibition.url + "works/1/"
    pages = ["/", site.campaign.url, site.event.url, site.contest.url, site.exhibition.url, work]
    failures = [problem for problem in (check(page, live_server.url + path) for path in pages) if problem]
    assert not failures, "\n".join(failures)


def test_portal_and_judging_have_no_serious_violations(page, live_server, site):
    base = live_server.url
    sign_in(page, live_server, site.staff)
    failures = [check(page, f"{base}/portal/"), check(page, f"{base}/portal/entries/{site.draft.pk}/")]
    page.context.clear_cookies()
    sign_in(page, live_server, site.judge)
    code = site.round.round_entries.order_by("position", "pk").first().code
    failures += [check(page, f"{base}/judging/"), check(page, f"{base}/judging/{site.round.pk}/{code}/")]
    failures = [problem for problem in failures if problem]
    assert not failures, "\n".join(failures)


def test_axe_finds_what_it_is_asked_to_find(page):
    """The harness itself: a page with an unlabelled image, an unlabelled field and faint text fails it."""
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><img src="data:,">'
        '<input type="text"><p style="color:#ddd;background:#fff">faint</p></main></body></html>'
    )
    rules = {rule for rule, *_ in axe.violations(page)}
    assert {"image-alt", "label", "color-contrast"} <= rules
