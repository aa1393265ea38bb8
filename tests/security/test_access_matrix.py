"""The access matrix: every URL pattern of the site (Wagtail's admin included), requested as each role with GET
and POST, gives the outcome its row in access_matrix.py says. A URL without a row fails; so does a row that no
URL uses any more. Each pattern is one test (the roles are a loop inside); the world is built once per module."""

import pytest
from django.contrib.messages import get_messages
from wagtail.models import ReferenceIndex

from gallery.models import Region
from tests.security import access_matrix
from tests.security.access_matrix import ROWS, UPSTREAM_ERRORS
from tests.security.patterns import CASES, all_patterns, matches, row_for, url_for
from tests.security.probe import ERROR, WORDS, describe, outcome
from tests.security.world import (
    ROLES,
    SUPERUSER,
    world_fixture,  # noqa: F401 - the `world` fixture
)

pytestmark = pytest.mark.django_db

TABLE = "tests/security/access_matrix.py"
PATTERNS = all_patterns()
CHECKS = [(pattern, "") for pattern in PATTERNS] + [
    (pattern, row.case) for row in ROWS if row.case for pattern in PATTERNS if matches(row.key, pattern.key)
]


def check_id(check):
    pattern, case = check
    return f"{pattern}[{case}]" if case else str(pattern)


def expected(row, method):
    outcomes = (row.get if method == "GET" else row.post).split()
    assert len(outcomes) == len(ROLES), f"the row {row.key!r} in {TABLE} needs one outcome per role: {ROLES}"
    return dict(zip(ROLES, outcomes, strict=True))


@pytest.mark.parametrize("check", CHECKS, ids=[check_id(check) for check in CHECKS])
def test_each_role_gets_what_the_table_says(world, check):
    pattern, case = check
    row = row_for(ROWS, pattern, case)
    if row is None:
        pytest.fail(
            f"No row for the URL pattern {pattern}: add a row for {pattern.key!r} in {TABLE} "
            f"(who may GET and POST it: {', '.join(ROLES)}), see docs/security.md"
        )
    url = url_for(pattern, world, CASES[case](world) if case else None)
    wrong = []
    for method in ("GET", "POST"):
        for role, want in expected(row, method).items():
            if want == ERROR and not any(matches(key, pattern.key) for key in UPSTREAM_ERRORS):
                wrong.append(f"{method} as {role}: 'E' (a 500) is only for Wagtail's own errors in UPSTREAM_ERRORS")
                continue
            response = world.probe.request(role, method, url)
            got = outcome(response, url)
            if got != want:
                wrong.append(f"{method} as {role}: expected {WORDS[want]}, got {WORDS[got]}: {describe(response)}")
    assert not wrong, (
        f"{url} ({pattern}, row {row.key!r}):\n  "
        + "\n  ".join(wrong)
        + f"\nFix the view, or change the row in {TABLE}"
        " if the new behaviour is the intended one."
    )


def test_every_row_still_has_a_url():
    """A row that no pattern uses (a URL renamed or removed, or a row shadowed by an earlier one) must go."""
    used = {id(row_for(ROWS, pattern, case)) for pattern, case in CHECKS}
    stale = [row.key + (f" [{row.case}]" if row.case else "") for row in ROWS if id(row) not in used]
    assert not stale, f"Rows in {TABLE} that no URL pattern uses (remove or fix them): {stale}"


def test_upstream_errors_are_still_in_the_table():
    """Each listed Wagtail error is a row's 'E', so that a Wagtail upgrade that fixes it changes the table."""
    for key in UPSTREAM_ERRORS:
        assert any(
            matches(key, pattern.key) and "E" in (row_for(ROWS, pattern).get + row_for(ROWS, pattern).post)
            for pattern in PATTERNS
        ), f"{key} in UPSTREAM_ERRORS of {access_matrix.__name__} is no longer an error in the table"


def test_officers_without_the_right_never_see_judges_names(world):
    """The same screens, but the judges are letters: the right decides what the round's pages and exports say."""
    judge = world.users["judge"].get_username()
    round_pk = world.objects["round"].pk
    for name, kwargs in (("judging_admin:round", {}), ("judging_admin:export", {"table": "scores", "fmt": "csv"})):
        url = url_for(next(p for p in PATTERNS if p.key == name), world, {"pk": round_pk, **kwargs})
        named = world.probe.request("officer", "GET", url)
        lettered = world.probe.request("officer_no_names", "GET", url)
        assert named.status_code == lettered.status_code == 200
        assert judge in _text(named), url
        assert judge not in _text(lettered), url
    assert world.users[SUPERUSER].is_superuser


def _text(response):
    return b"".join(response.streaming_content if response.streaming else [response.content]).decode()


def test_a_region_in_use_is_kept_even_when_wagtails_reference_index_missed_it(world):
    """Wagtail refuses to delete what its reference index lists as used; a facility saved outside the admin may be
    missing there, and the delete view then refuses with a message instead of failing on the protected key."""
    facility = world.objects["facility_a"]
    ReferenceIndex.objects.filter(object_id=str(facility.pk), base_content_type__model="facility").delete()
    url = url_for(next(p for p in PATTERNS if p.key == "regions:delete"), world)
    response = world.probe.request("officer", "POST", url)
    assert response.status_code == 302 and response["Location"] == url
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        f"“{facility.region}” is still in use, so it cannot be deleted."
    ]
    assert Region.objects.filter(pk=facility.region_id).exists()
