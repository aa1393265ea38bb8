"""Malformed requests to every endpoint of ours that reads input: non-finite numbers, huge integers, unicode
digits, NUL characters, very long texts, missing, extra and repeated fields, JSON of the wrong shape, the wrong
content type, and huge ids in URL paths. Each is answered without a 500, and a refusal (4xx) carries a message.

The endpoints come from the same walk of the resolver as the access matrix: every URL of our apps (and our
viewsets in the Wagtail admin), plus Django's sign-in and Wagtail's page explorer and search. Each is requested as
the first role the access table allows (facility staff, a judge, an officer, the superuser, anyone). The fields are
the ones the endpoint's own page declares (its form and filters, read from the HTML), the query parameters every
listing reads, and for POST-only endpoints the list in FIELDS below.
"""

import json
import re
from fnmatch import fnmatchcase

import pytest
from django.db import connection
from django.utils.html import strip_tags
from wagtail.admin.viewsets import viewsets

from tests.security.access_matrix import ROWS
from tests.security.corpus import PATH_NUMBERS, PATH_WORDS, VALUES, json_bodies
from tests.security.patterns import all_patterns, expand, matches, row_for, url_for
from tests.security.probe import describe
from tests.security.world import (
    ANON,
    JUDGE,
    OFFICER,
    ROLES,
    STAFF_A,
    SUPERUSER,
    world_fixture,  # noqa: F401 - the `world` fixture
)

pytestmark = pytest.mark.django_db

OUR_PACKAGES = ("core.", "events.", "gallery.", "demo.", "vitrine.")
# Not ours, but in front of every user: the site's sign-in, and the page explorer and search officers live in.
ALSO = (
    "login",
    "wagtailadmin_explore",
    "wagtailadmin_explore_results",
    "wagtailadmin_pages:search",
    "wagtailadmin_pages:search_results",
)
# Fields of endpoints that have no page of their own to read them from (POST-only views), and query parameters.
FIELDS = {
    "portal:image_add": ["image"],
    "portal:entry_withdraw_consent": ["reason"],
    "portal:entry_certificate": ["language"],
    "judging:score": ["criterion", "value"],
    "judging:note": ["comment", "feedback"],
    "judging:declare": ["kind", "reason"],
    "judging_admin:decide": ["order-{round_entry}"],
    "judging_admin:shortlist": ["shortlisted"],
    "search": ["q", "page"],
}
# Fields left out of the corpus where the failure is not ours to fix here, with the reason, so that the rest of each
# form is still checked: (URL key, field, database vendor or None for all) -> why. Remove a line once it is fixed.
KNOWN = {
    ("wagtailadmin_explore*", "site", "sqlite"): "Wagtail's explorer filter looks up a 40-digit site id",
    ("wagtailadmin_explore*", "content_type", "sqlite"): "Wagtail's explorer page-type filter, likewise",
    ("wagtailsnippets_*", "photo", None): "Wagtail's image chooser looks up a posted non-number to show the form again",
    ("wagtailsnippets_events_person:list*", "q", "sqlite"): "Wagtail's SQLite full-text search fails on the people "
    "snippet's index (no such column: name); PostgreSQL's backend answers",
    ("{entries,deadline_extensions}:index*", "{contest,facility,facility__region}", "sqlite"): "the admin listings' "
    "filters (django-filter) look up a 40-digit id: SQLite overflows, PostgreSQL finds nothing",
}
LISTING_PARAMETERS = ["p", "q", "ordering", "page"]  # what Wagtail's listings and our search read
PREFERRED_ROLES = (STAFF_A, JUDGE, OFFICER, SUPERUSER, ANON)
FIELD_NAME = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"")
SKIPPED_FIELDS = {"csrfmiddlewaretoken", "next"}


def our_namespaces():
    return {
        viewset.url_namespace
        for viewset in viewsets.viewsets
        if type(viewset).__module__.startswith(OUR_PACKAGES) and getattr(viewset, "name", None)
    }


def is_ours(pattern, namespaces):
    module = getattr(pattern.callback, "__module__", "") + "."
    return module.startswith(OUR_PACKAGES) or pattern.key.split(":")[0] in namespaces or pattern.key in ALSO


def targets():
    """(pattern, method, role): each of our endpoints with each method the access table lets some role use."""
    found, namespaces = [], our_namespaces()
    for pattern in all_patterns():
        row = row_for(ROWS, pattern)
        if row is None or not is_ours(pattern, namespaces):
            continue
        for method, outcomes in (("GET", row.get), ("POST", row.post)):
            allowed = dict(zip(ROLES, outcomes.split(), strict=True))
            role = next((role for role in PREFERRED_ROLES if allowed[role] == "A"), None)
            if role is not None:
                found.append((pattern, method, role))
    return found


TARGETS = targets()


def declared_fields(world, pattern, role, url):
    """The field names the endpoint's page declares (a GET of the same URL), plus FIELDS."""
    names = set()
    for key, fields in FIELDS.items():
        if fnmatchcase(pattern.key, key):
            names.update(name.format(round_entry=world.objects["assigned"].pk) for name in fields)
    row = row_for(ROWS, pattern)
    if dict(zip(ROLES, row.get.split(), strict=True))[role] == "A":
        # A listing's results fragment reads the filters of its page.
        page_url = url.replace("/results/", "/", 1) if pattern.key.endswith("_results") else url
        page = world.probe.request(role, "GET", page_url)
        if not isinstance(page, str) and page.status_code == 200 and not page.streaming:
            text = page.content.decode(errors="replace")
            names.update(name for name in FIELD_NAME.findall(text) if name not in SKIPPED_FIELDS)
    return sorted(names - known_failures(pattern))


def known_failures(pattern):
    vendor = connection.vendor
    return {
        field
        for (key, fields, on), _why in KNOWN.items()
        if matches(key, pattern.key) and on in (None, vendor)
        for field in expand(fields)
    }


def missing_message(response):
    """Why a refusal does not tell the user what was wrong, else None."""
    if response.status_code < 400 or response.streaming:
        return None
    body = response.content.decode(errors="replace")
    if "json" in response.get("Content-Type", ""):
        data = json.loads(body)
        said = data.values() if isinstance(data, dict) else [data]
        return None if any(str(value).strip() for value in said) else f"an empty JSON refusal: {body[:200]}"
    return None if strip_tags(body).strip() else "a refusal with no message"


def hostile_requests(pattern, method, fields):
    """(label, request keyword arguments) for one endpoint."""
    if method == "GET":
        parameters = sorted((set(fields) | set(LISTING_PARAMETERS)) - known_failures(pattern))
        yield "repeated parameters", {"data": {name: ["1", "2"] for name in parameters}}
        for label, value in VALUES.items():
            yield label, {"data": dict.fromkeys(parameters, value)}
        yield "invalid UTF-8", {"QUERY_STRING": "&".join(f"{name}=%ff%fe" for name in parameters)}
        return
    yield "no fields", {"data": {}}
    yield "repeated fields", {"data": {name: ["1", "2"] for name in fields}}
    for label, value in VALUES.items():
        yield label, {"data": {**dict.fromkeys(fields, value), "unexpected": value}}
    for label, body in json_bodies(fields).items():
        yield label, {"data": body, "content_type": "application/json"}
    urlencoded = "application/x-www-form-urlencoded"
    yield "invalid UTF-8", {"data": "&".join(f"{name}=%ff%fe" for name in fields), "content_type": urlencoded}
    yield "text body", {"data": "not a form", "content_type": "text/plain"}


def path_variants(pattern, world):
    """The URL with each of its arguments replaced by a hostile number or word."""
    for name in pattern.kwargs:
        for label, value in {**PATH_NUMBERS, **PATH_WORDS}.items():
            try:
                url = url_for(pattern, world, {name: value})
            except Exception:  # noqa: BLE001 - the converter does not take it: no such URL can be sent
                continue
            yield f"{name} = {label}", url


@pytest.mark.parametrize("target", TARGETS, ids=[f"{pattern} {method}" for pattern, method, _role in TARGETS])
def test_hostile_input_is_refused_with_a_message(world, target):
    pattern, method, role = target
    url = url_for(pattern, world)
    fields = declared_fields(world, pattern, role, url)
    failures = []

    def send(label, address, **request):
        response = world.probe.request(role, method, address, **request)
        if isinstance(response, str):  # the traceback: where it failed, and how
            lines = [line for line in response.strip().splitlines() if line.startswith("  File ")]
            failures.append(f"{label}: {response.strip().splitlines()[-1]} at {lines[-1].strip() if lines else '?'}")
        elif response.status_code >= 500:
            failures.append(f"{label}: {describe(response)}")
        elif problem := missing_message(response):
            failures.append(f"{label}: {response.status_code}, {problem}")

    for label, request in hostile_requests(pattern, method, fields):
        send(label, url, **request)
    for label, address in path_variants(pattern, world):
        send(label, address)
    assert not failures, f"{method} {url} as {role} (fields {fields}):\n  " + "\n  ".join(failures)


def test_the_harness_reaches_our_endpoints():
    """The selection is not empty by accident: the portal's, judges' and officers' input screens are in it."""
    keys = {(pattern.key, method) for pattern, method, _role in TARGETS}
    for expected in [
        ("portal:entry", "POST"),
        ("portal:image_add", "POST"),
        ("judging:score", "POST"),
        ("judging_admin:decide", "POST"),
        ("entries:edit", "POST"),
        ("deadline_extensions:add", "POST"),
        ("entries:index", "GET"),
        ("search", "GET"),
        ("wagtailadmin_explore", "GET"),
    ]:
        assert expected in keys, expected
