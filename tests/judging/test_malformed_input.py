"""Malformed requests to every judging endpoint that takes input: non-finite and huge numbers, unicode digits,
missing and extra fields, wrong types. Each is refused with a message and writes nothing, never a 500: a 400 JSON
error from the judges' JSON endpoints, a 404 for ids in URLs, and for HTML forms what they do with any refusal
(the judges' and the officers' operations: a message and a redirect back; the set-up forms: shown again with
their errors)."""

import json
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from gallery.judging.domain import results
from gallery.judging.models import (
    Criterion,
    Declaration,
    JudgeNote,
    JudgeProfile,
    JudgingSettings,
    Round,
    RoundEntry,
    Score,
)
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = pytest.mark.django_db

HUGE = "9" * 40
# Numbers a crafted request may send where an id or an order is expected (as form text).
BAD_NUMBERS = ["١", "٣", "³", "9" * 30, HUGE, "-1", "0", "+1", "1_0", "1e3", "1.5", "Infinity", "NaN", "1e400", "x"]


@pytest.fixture
def judging(client):
    contest = ContestFactory(number_of_winners=1)
    place = FacilityFactory()
    for _ in range(3):
        EntryFactory(contest=contest, facility=place, images=1)
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    entry = round_.round_entries.order_by("pk").first()
    criterion = round_.criteria.order_by("pk").first()
    Score.objects.create(round=round_, round_entry=entry, criterion=criterion, judge=judge, value=6)
    JudgeNote.objects.create(round=round_, round_entry=entry, judge=judge, comment="Kept.", feedback="Kept too.")
    return round_, judge, entry, criterion


def snapshot():
    """Everything judging writes, to compare before and after a refused request."""
    return (
        sorted(Score.objects.values_list("round_entry_id", "criterion_id", "judge_id", "value")),
        sorted(JudgeNote.objects.values_list("round_entry_id", "judge_id", "comment", "feedback")),
        sorted(Declaration.objects.values_list("round_entry_id", "judge_id", "kind", "reason")),
        sorted(RoundEntry.objects.values_list("pk", "shortlisted", "officer_tie_break")),
        ModelLogEntry.objects.count(),
    )


def assert_json_refusal(response, statuses=(400,)):
    assert response.status_code in statuses, response.content[:500]
    body = response.json()
    assert body["saved"] is False and body["error"].strip()
    return body["error"]


# The judges' score endpoint: the raw JSON body judging.js would send, with one part broken. `{criterion}` is the
# round's first criterion.
SCORE_BODIES = {
    "value Infinity": '{"criterion": {criterion}, "value": Infinity}',
    "value -Infinity": '{"criterion": {criterion}, "value": -Infinity}',
    "value NaN": '{"criterion": {criterion}, "value": NaN}',
    "value 1e400": '{"criterion": {criterion}, "value": 1e400}',
    "value -1e400": '{"criterion": {criterion}, "value": -1e400}',
    "value 40 digits": '{"criterion": {criterion}, "value": ' + HUGE + "}",
    "value -40 digits": '{"criterion": {criterion}, "value": -' + HUGE + "}",
    "value 5000 digits": '{"criterion": {criterion}, "value": ' + "9" * 5000 + "}",
    "value 5.0": '{"criterion": {criterion}, "value": 5.0}',
    "value 2.5": '{"criterion": {criterion}, "value": 2.5}',
    "value string": '{"criterion": {criterion}, "value": "5"}',
    "value list": '{"criterion": {criterion}, "value": [5]}',
    "value object": '{"criterion": {criterion}, "value": {"v": 5}}',
    "value true": '{"criterion": {criterion}, "value": true}',
    "value missing": '{"criterion": {criterion}}',
    "criterion missing": '{"value": 5}',
    "extra field": '{"criterion": {criterion}, "value": 5, "judge": 1}',
    "criterion Infinity": '{"criterion": Infinity, "value": 5}',
    "criterion NaN": '{"criterion": NaN, "value": 5}',
    "criterion 1e400": '{"criterion": 1e400, "value": 5}',
    "criterion 40 digits": '{"criterion": ' + HUGE + ', "value": 5}',
    "criterion 30 digits as text": '{"criterion": "' + "9" * 30 + '", "value": 5}',
    "criterion arabic-indic digit": '{"criterion": "١", "value": 5}',
    "criterion superscript digit": '{"criterion": "³", "value": 5}',
    "criterion negative": '{"criterion": -1, "value": 5}',
    "criterion zero": '{"criterion": 0, "value": 5}',
    "criterion float": '{"criterion": {criterion}.5, "value": 5}',
    "criterion true": '{"criterion": true, "value": 5}',
    "criterion null": '{"criterion": null, "value": 5}',
    "criterion list": '{"criterion": [{criterion}], "value": 5}',
    "criterion string": '{"criterion": "abc", "value": 5}',
    "criterion unknown": '{"criterion": {unknown}, "value": 5}',
    "criterion of another round": '{"criterion": {foreign}, "value": 5}',
    "not an object: list": "[{criterion}, 5]",
    "not an object: string": '"score"',
    "not an object: number": "5",
    "not an object: null": "null",
    "empty body": "",
    "empty object": "{}",
    "broken JSON": '{"criterion": ',
    "deep nesting": "[" * 100_000 + "]" * 100_000,
}


def other_rounds_criterion():
    contest = ContestFactory()
    EntryFactory(contest=contest)
    rubric(contest)
    return RoundFactory(contest=contest, judges=[UserFactory(judge=True)]).criteria.first().pk


@pytest.mark.parametrize("name", SCORE_BODIES)
def test_a_malformed_score_is_refused_and_writes_nothing(client, judging, name):
    round_, judge, entry, criterion = judging
    body = SCORE_BODIES[name].replace("{criterion}", str(criterion.pk)).replace("{unknown}", str(criterion.pk + 10**4))
    if "{foreign}" in body:
        body = body.replace("{foreign}", str(other_rounds_criterion()))
    client.force_login(judge)
    before = snapshot()
    response = client.post(
        reverse("judging:score", args=[round_.pk, entry.code]), body, content_type="application/json"
    )
    assert_json_refusal(response)
    assert snapshot() == before


def test_a_score_body_that_is_not_utf8_is_refused(client, judging):
    round_, judge, entry, _ = judging
    client.force_login(judge)
    before = snapshot()
    response = client.post(
        reverse("judging:score", args=[round_.pk, entry.code]),
        b'{"criterion": "\xff"}',
        content_type="application/json",
    )
    assert_json_refusal(response)
    assert snapshot() == before


def test_the_well_formed_score_still_saves_and_null_clears_it(client, judging):
    round_, judge, entry, criterion = judging
    client.force_login(judge)
    url = reverse("judging:score", args=[round_.pk, entry.code])
    for criterion_ref in (criterion.pk, str(criterion.pk)):  # as judging.js sends it, and as text
        body = json.dumps({"criterion": criterion_ref, "value": 9})
        assert client.post(url, body, content_type="application/json").json() == {"saved": True, "value": 9}
    assert Score.objects.get(round_entry=entry, criterion=criterion, judge=judge).value == 9
    body = json.dumps({"criterion": criterion.pk, "value": None})
    assert client.post(url, body, content_type="application/json").json() == {"saved": True, "value": None}
    assert not Score.objects.filter(round_entry=entry, criterion=criterion, judge=judge).exists()


def test_refusals_of_the_score_endpoint_are_translated(client, judging):
    round_, judge, entry, _ = judging
    client.force_login(judge)
    with translation.override("ru"):
        url = reverse("judging:score", args=[round_.pk, entry.code])
    assert url.startswith("/ru/")
    with mock.patch("gallery.judging.forms._", side_effect=lambda text: f"[ru] {text}") as gettext:
        response = client.post(url, '{"value": 5}', content_type="application/json")
    assert response["Content-Language"] == "ru"
    assert gettext.called and assert_json_refusal(response) == "[ru] The score could not be read."


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("comment missing", {"feedback": "New."}),
        ("feedback missing", {"comment": "New."}),
        ("nothing", {}),
        ("null character in comment", {"comment": "a\x00b", "feedback": "New."}),
        ("null character in feedback", {"comment": "New.", "feedback": "a\x00b"}),
    ],
)
def test_a_malformed_note_is_refused_and_writes_nothing(client, judging, name, data):
    round_, judge, entry, _ = judging
    client.force_login(judge)
    before = snapshot()
    response = client.post(reverse("judging:note", args=[round_.pk, entry.code]), data, HTTP_ACCEPT="application/json")
    assert_json_refusal(response)
    assert snapshot() == before


def error_messages(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("kind missing", {"reason": "I know the artist."}),
        ("reason missing", {"kind": "conflict"}),
        ("unknown kind", {"kind": "bribe", "reason": "I know the artist."}),
        ("kind as digits", {"kind": "١", "reason": "I know the artist."}),
        ("blank reason", {"kind": "conflict", "reason": "   "}),
        ("null character in reason", {"kind": "conflict", "reason": "I know\x00 the artist."}),
    ],
)
def test_a_malformed_declaration_is_refused_with_a_message_and_writes_nothing(client, judging, name, data):
    round_, judge, entry, _ = judging
    client.force_login(judge)
    before = snapshot()
    response = client.post(reverse("judging:declare", args=[round_.pk, entry.code]), data)
    assert response.status_code == 302 and response["Location"].endswith(f"/{entry.code}/")
    assert error_messages(response)
    assert snapshot() == before


@pytest.mark.parametrize("bad_id", ["9" * 30, HUGE])
@pytest.mark.parametrize(
    "view", ["queue", "submit", "entry", "score", "note", "declare", "withdraw", "image", "image_thumb"]
)
def test_huge_ids_in_judges_urls_are_not_found(client, judging, view, bad_id):
    round_, judge, entry, _ = judging
    client.force_login(judge)
    args = {
        "queue": [bad_id],
        "submit": [bad_id],
        "image": [round_.pk, entry.code, bad_id],
        "image_thumb": [round_.pk, entry.code, bad_id],
    }.get(view, [bad_id, entry.code])
    before = snapshot()
    url = reverse(f"judging:{view}", args=args)
    response = client.get(url) if view in ("queue", "submit", "entry", "image", "image_thumb") else client.post(url)
    assert response.status_code == 404
    assert snapshot() == before


# The officers' forms (Wagtail admin): the tie-break order and the shortlist take ids and numbers as text.


@pytest.fixture
def ranked(judging):
    round_, judge, _, _ = judging
    for round_entry in round_.round_entries.all():
        for criterion in round_.criteria.all():
            Score.objects.update_or_create(
                round=round_, round_entry=round_entry, criterion=criterion, judge=judge, defaults={"value": 5}
            )
    return round_, list(round_.round_entries.order_by("pk")), UserFactory(officer=True)


@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_a_malformed_tie_order_or_id_refuses_the_decision(client, ranked, bad):
    round_, entries, officer = ranked
    client.force_login(officer)
    url = reverse("judging_admin:decide", args=[round_.pk])
    before = snapshot()
    for data in ({f"order-{entries[0].pk}": "1", f"order-{entries[1].pk}": bad}, {f"order-{bad}": "1"}):
        response = client.post(url, data)
        assert response.status_code == 302 and error_messages(response), data
    assert snapshot() == before


@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_a_malformed_shortlist_id_refuses_the_shortlist(client, ranked, bad):
    round_, entries, officer = ranked
    client.force_login(officer)
    before = snapshot()
    response = client.post(reverse("judging_admin:shortlist", args=[round_.pk]), {"shortlisted": [entries[0].pk, bad]})
    assert response.status_code == 302 and error_messages(response)
    assert snapshot() == before


def test_a_frozen_round_refuses_a_crafted_shortlist(client, ranked):
    round_, entries, officer = ranked
    results.freeze(round_, officer, reason="Not every judge submitted.")
    client.force_login(officer)
    before = snapshot()
    response = client.post(reverse("judging_admin:shortlist", args=[round_.pk]), {"shortlisted": [entries[0].pk]})
    assert response.status_code == 302 and error_messages(response)
    assert snapshot() == before


@pytest.mark.parametrize("bad_id", ["9" * 30, HUGE])
@pytest.mark.parametrize("view", ["round", "open", "close", "remind", "approve", "decide", "shortlist", "export"])
def test_huge_round_ids_in_officers_urls_are_not_found(client, ranked, view, bad_id):
    _, _, officer = ranked
    client.force_login(officer)
    args = [bad_id, "ranking", "csv"] if view == "export" else [bad_id]
    url = reverse(f"judging_admin:{view}", args=args)
    before = snapshot()
    response = client.get(url) if view in ("round", "export") else client.post(url, {"shortlisted": ["1"]})
    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize(("table", "fmt"), [("ranking", "pdf"), ("secrets", "csv"), ("١", "csv")])
def test_an_unknown_export_is_not_found(client, ranked, table, fmt):
    round_, _, officer = ranked
    client.force_login(officer)
    response = client.get(reverse("judging_admin:export", args=[round_.pk, table, fmt]))
    assert response.status_code == 404


# The officers' set-up forms (Wagtail model viewsets): the form comes back with its errors and nothing is written.
# (Django reads unicode digits in its number fields as the number they stand for, int("١") == 1: a valid reading.)
SETUP_FORMS = {
    "judging_rounds": (
        {"name": "Scoring", "kind": "scoring", "position": "2", "entry_source": "eligible", "visibility": "never"},
        ["contest", "position", "top_n", "judges_per_entry", "judges"],
    ),
    "judging_criteria": (
        {"name": "Light", "weight": "1", "scale_min": "1", "scale_max": "10", "position": "0"},
        ["contest", "weight", "scale_min", "scale_max", "position"],
    ),
    "judging_settings": (
        {"method": "mean", "tie_break_order": "median,top_marks", "honourable_mentions": "3"},
        ["contest", "honourable_mentions", "disagreement_threshold"],
    ),
    "judge_profiles": ({}, ["user", "facilities", "regions"]),
}
SETUP_BAD = ["9" * 30, HUGE, "Infinity", "NaN", "1e400", "-1e400"]
# Wagtail builds these forms from the viewsets' field lists; their choice fields query a huge id as it is, which
# SQLite cannot compare (PostgreSQL finds nothing). RoundForm, ours, refuses such ids before querying.
SETUP_CASES = [
    (viewset, field, bad) for viewset, (_, fields) in SETUP_FORMS.items() for field in fields for bad in SETUP_BAD
]


def setup_rows():
    return [model.objects.count() for model in (Round, Criterion, JudgingSettings, JudgeProfile)]


@pytest.mark.parametrize(("viewset", "field", "bad"), SETUP_CASES)
def test_a_malformed_number_in_a_setup_form_is_refused_and_writes_nothing(client, ranked, viewset, field, bad):
    _, _, officer = ranked
    contest = ContestFactory()  # without results settings yet
    data = {"contest": contest.pk, "user": UserFactory(judge=True).pk, **SETUP_FORMS[viewset][0], field: bad}
    client.force_login(officer)
    before, rows = snapshot(), setup_rows()
    response = client.post(reverse(f"{viewset}:add"), data)
    assert response.status_code == 200 and b"error" in response.content
    assert (snapshot(), setup_rows()) == (before, rows)


def test_a_good_setup_form_still_saves(client, ranked):
    _, _, officer = ranked
    client.force_login(officer)
    data = {"contest": ContestFactory().pk, **SETUP_FORMS["judging_criteria"][0]}
    assert client.post(reverse("judging_criteria:add"), data).status_code == 302
    assert Criterion.objects.filter(name="Light").exists()


@pytest.mark.parametrize("threshold", ["-0.01", "-1", "-Infinity"])
def test_a_negative_disagreement_threshold_is_refused_by_the_settings_form(client, ranked, threshold):
    """A negative threshold would flag every entry as disputed; the admin form says so and writes nothing."""
    _, _, officer = ranked
    contest = ContestFactory()
    data = {**SETUP_FORMS["judging_settings"][0], "contest": contest.pk, "disagreement_threshold": threshold}
    client.force_login(officer)
    response = client.post(reverse("judging_settings:add"), data)
    assert response.status_code == 200
    assert "disagreement_threshold" in response.context["form"].errors
    assert not JudgingSettings.objects.filter(contest=contest).exists()
    # The same form with a threshold of zero is saved: only the sign was wrong.
    response = client.post(reverse("judging_settings:add"), {**data, "disagreement_threshold": "0"})
    assert response.status_code == 302
    assert JudgingSettings.objects.get(contest=contest).disagreement_threshold == 0
