"""Content-Security-Policy on every kind of page (core.csp): the strict policy on the public site, the portal,
judging and sign-in; the admin's own policy in Wagtail's admin; and, in Chromium, not one violation reported on
home, a campaign, an exhibition with its lightbox open, the portal, judging and the admin's page editor."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

ROOT = Path(__file__).resolve().parents[2]


def policy(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_strict(response):
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]  # no template asks for a nonce; never 'unsafe-inline'
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"] and directives["form-action"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]  # local media: no other host
    return directives


@pytest.mark.django_db
def test_public_pages_get_the_strict_policy_fresh_and_from_the_page_cache(client, published_exhibition):
    exhibition = published_exhibition.page
    work = exhibition.url + exhibition.reverse_subpage("work", args=[1])
    for url in ["/", "/ru/", exhibition.get_parent().url, exhibition.url, work]:
        fresh = client.get(url)
        assert fresh.status_code == 200, url
        assert_strict(fresh)
    cached = client.get(exhibition.url)
    assert cached["X-Cache"] == "hit"
    assert_strict(cached)


@pytest.mark.django_db
def test_portal_judging_and_sign_in_get_the_strict_policy(client):
    assert_strict(client.get(reverse("login")))
    contest = ContestFactory()
    place = FacilityFactory()
    entry = EntryFactory(contest=contest, facility=place, images=1)
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    client.force_login(UserFactory(facility=place))
    for url in [reverse("portal:dashboard"), reverse("portal:entry", args=[entry.pk])]:
        response = client.get(url)
        assert response.status_code == 200
        assert_strict(response)
    client.force_login(judge)
    code = round_.round_entries.get().code
    for url in [reverse("judging:index"), f"/judging/{round_.pk}/{code}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


@pytest.mark.django_db
def test_the_admin_gets_its_own_policy(client):
    client.force_login(UserFactory(superuser=True))
    home = Page.objects.get(depth=2)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))
    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]  # Wagtail's own inline scripts
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'self'"]  # previews
    assert not any(value.startswith("'nonce-") for values in directives.values() for value in values)


def media_origins(**env):
    """The policy's image sources as production would build them from these environment variables."""
    environment = {**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}", "MEDIA_STORAGE": "s3", **env}
    code = "import vitrine.settings.test as s; print(' '.join(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_images_may_come_from_the_media_storage_and_no_other_host():
    cdn = media_origins(AWS_S3_CUSTOM_DOMAIN="media.vitrine.example.org", AWS_S3_ENDPOINT_URL="https://s3.example.org")
    assert cdn[:3] == ["'self'", "data:", "https://media.vitrine.example.org"]
    assert "https://s3.example.org" in cdn  # private files: redirects to signed URLs at the endpoint
    seaweed = media_origins(AWS_S3_ENDPOINT_URL="http://127.0.0.1:8333")
    assert seaweed[2:3] == ["http://127.0.0.1:8333"]
    aws = media_origins(AWS_S3_REGION_NAME="eu-central-1", AWS_STORAGE_BUCKET_NAME="pub")
    assert "https://pub.s3.eu-central-1.amazonaws.com" in aws
    assert all(origin.endswith(".amazonaws.com") for origin in aws[2:])


# --- In Chromium ---------------------------------------------------------------------------------------------

# Recorded in every document before its own scripts run: what the browser refused under the policy.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def wait_until(page, expression, timeout=20):
    """Poll with page.evaluate (the DevTools protocol, outside the page's policy): wait_for_function polls with
    eval, which the policy forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.1)


def test_no_page_reports_a_violation_in_chromium(browser, live_server, published_exhibition):
    context = browser.new_context()  # the policy enforced, unlike the shared `page` fixture's context
    page = context.new_page()
    page.set_default_timeout(20_000)
    console = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.context.add_init_script(RECORD_VIOLATIONS)
    violations = {}

    def visit(path, *, then=None):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "content-security-policy" in response.headers, path
        page.wait_for_load_state("networkidle")
        if then:
            then()
        violations[path] = page.evaluate("window.__cspViolations")

    exhibition = published_exhibition.page

    def open_lightbox():
        page.wait_for_selector(".work-tile__image[aria-haspopup=dialog]", state="attached")
        page.locator(".work-tile__image").first.click()
        page.wait_for_selector(".pswp--open[role=dialog]")
        wait_until(
            page,
            "[...document.querySelectorAll('.pswp__item[aria-hidden=false] img.pswp__img')]"
            ".some(img => img.complete && img.naturalWidth > 0)",
        )

    visit("/")
    visit(exhibition.get_parent().url)
    visit(exhibition.url, then=open_lightbox)
    visit(exhibition.url + exhibition.reverse_subpage("work", args=[2]))

    entry = published_exhibition.entries[0]
    sign_in(page, live_server, UserFactory(facility=entry.facility))
    visit(reverse("portal:dashboard"))
    visit(reverse("portal:entry", args=[entry.pk]))

    contest = ContestFactory()
    EntryFactory(contest=contest, facility=FacilityFactory(), images=1)
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    sign_in(page, live_server, judge)
    visit(reverse("judging:index"))
    visit(f"/judging/{round_.pk}/{round_.round_entries.get().code}/")

    sign_in(page, live_server, UserFactory(superuser=True))
    visit(reverse("wagtailadmin_home"))
    visit(reverse("wagtailadmin_pages:edit", args=[exhibition.pk]))
    visit(reverse("wagtailadmin_pages:edit", args=[exhibition.get_parent().pk]))

    assert {path: found for path, found in violations.items() if found} == {}
    assert [line for line in console if "Content Security Policy" in line] == []
    context.close()
