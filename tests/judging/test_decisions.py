"""Officers' decisions on a ranking (tie-break order, shortlist): services that lock, log and refuse as a whole,
and forms that read their numbers strictly, so a crafted POST gets a message, never a 500 or a half-saved list."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.ids import read_whole_number
from gallery.judging.domain import decisions, errors, results, rounds
from gallery.judging.models import Round, RoundEntry, RoundJudge
from tests.factories import ContestFactory, EntryFactory, RoundFactory, UserFactory
from tests.factories.judging import scored_round as build_scored_round

pytestmark = pytest.mark.django_db

# What a crafted form may send instead of an id or an order: non-ASCII digits, too big, negative, not a number.
BAD_NUMBERS = ["٣", "١٢", "³", "9" * 30, "-1", "+1", "1_0", "1e3", "1e5", "abc", "1.0", "0x1F"]


@pytest.fixture
def ranked():
    round_, judge = build_scored_round(entries=4, value=5)  # all tied
    entries = list(round_.round_entries.order_by("pk"))
    return round_, entries, judge, UserFactory(officer=True)


def shortlisted(round_):
    return set(round_.round_entries.filter(shortlisted=True).values_list("pk", flat=True))


def tie_orders(round_):
    return dict(round_.round_entries.values_list("pk", "officer_tie_break"))


def other_round_entry():
    round_ = RoundFactory(contest=ContestFactory(), opened=False)
    return RoundEntry.objects.create(round=round_, entry=EntryFactory(contest=round_.contest), code="OTHER1")


def error_messages(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def test_shortlist_saves_exactly_the_chosen_entries_and_is_logged(ranked):
    round_, entries, _, officer = ranked
    assert decisions.save_shortlist(round_, [str(entries[0].pk), str(entries[2].pk)], officer) == 2
    assert decisions.save_shortlist(round_, [str(entries[2].pk), str(entries[3].pk)], officer) == 2
    assert shortlisted(round_) == {entries[2].pk, entries[3].pk}
    logged = ModelLogEntry.objects.filter(action="judging.shortlist", object_id=str(round_.pk)).order_by("pk")
    assert [entry.data["entries"] for entry in logged][-1] == sorted([entries[2].code, entries[3].code])
    assert logged.count() == 2 and logged.last().user_id == officer.pk


@pytest.mark.parametrize("bad", [*BAD_NUMBERS, "", " ", "foreign"])
def test_a_bad_shortlist_id_refuses_the_whole_shortlist(client, ranked, bad):
    round_, entries, _, officer = ranked
    decisions.save_shortlist(round_, [str(entries[0].pk)], officer)
    bad = str(other_round_entry().pk) if bad == "foreign" else bad
    client.force_login(officer)
    response = client.post(reverse("judging_admin:shortlist", args=[round_.pk]), {"shortlisted": [entries[1].pk, bad]})
    assert response.status_code == 302
    assert error_messages(response) == ["Some of the chosen entries are not entries of this round. Nothing was saved."]
    assert shortlisted(round_) == {entries[0].pk}  # nothing half-written


def test_a_frozen_round_refuses_a_crafted_shortlist_post(client, ranked):
    round_, entries, _, officer = ranked
    decisions.save_shortlist(round_, [str(entries[0].pk)], officer)
    results.freeze(round_, officer, reason="Not every judge submitted.")
    client.force_login(officer)
    response = client.post(reverse("judging_admin:shortlist", args=[round_.pk]), {"shortlisted": [entries[1].pk]})
    assert error_messages(response) == ["The results are frozen: the ranking can no longer change."]
    assert shortlisted(round_) == {entries[0].pk}
    assert not ModelLogEntry.objects.filter(action="judging.shortlist", data__entries=[entries[1].code]).exists()


def test_shortlist_is_refused_before_opening_and_once_the_next_round_took_it(ranked):
    round_, entries, judge, officer = ranked
    draft = RoundFactory(contest=ContestFactory(), opened=False)
    with pytest.raises(errors.JudgingError, match="not been opened"):
        decisions.save_shortlist(draft, [], officer)

    decisions.save_shortlist(round_, [str(entries[0].pk)], officer)
    rounds.close_round(round_)
    final = Round.objects.create(
        contest=round_.contest, name="Final", kind=Round.Kind.FINAL, position=2, entry_source="shortlist"
    )
    RoundJudge.objects.create(round=final, judge=judge)
    rounds.open_round(final)
    with pytest.raises(errors.JudgingError, match="already taken"):
        decisions.save_shortlist(round_, [str(entries[1].pk)], officer)
    assert shortlisted(round_) == {entries[0].pk}


def test_tie_decisions_save_change_and_clear_and_are_logged(client, ranked):
    round_, entries, _, officer = ranked
    client.force_login(officer)
    url = reverse("judging_admin:decide", args=[round_.pk])
    client.post(url, {f"order-{entries[0].pk}": "2", f"order-{entries[1].pk}": " 1 "})
    assert tie_orders(round_) == {entries[0].pk: 2, entries[1].pk: 1, entries[2].pk: None, entries[3].pk: None}
    ranks = {row.round_entry_id: row.rank for row in results.compute_results(round_).rows}
    assert ranks[entries[1].pk] < ranks[entries[0].pk]
    client.post(url, {f"order-{entries[0].pk}": "", f"order-{entries[1].pk}": "1"})
    assert tie_orders(round_)[entries[0].pk] is None
    logged = ModelLogEntry.objects.filter(action="judging.tie_break", object_id=str(round_.pk)).order_by("pk")
    assert [entry.data["decisions"] for entry in logged] == [2, 1]


@pytest.mark.parametrize("bad", [*BAD_NUMBERS, "0", "32768"])
def test_a_bad_tie_order_refuses_every_decision(client, ranked, bad):
    round_, entries, _, officer = ranked
    client.force_login(officer)
    response = client.post(
        reverse("judging_admin:decide", args=[round_.pk]),
        {f"order-{entries[0].pk}": "1", f"order-{entries[1].pk}": bad},
    )
    assert response.status_code == 302
    assert error_messages(response) == ["An officers' order is a whole number from 1 to 32767. Nothing was saved."]
    assert set(tie_orders(round_).values()) == {None}


@pytest.mark.parametrize("bad", [*BAD_NUMBERS, "", "foreign"])
def test_a_bad_tie_entry_id_refuses_every_decision(client, ranked, bad):
    round_, entries, _, officer = ranked
    bad = str(other_round_entry().pk) if bad == "foreign" else bad
    client.force_login(officer)
    response = client.post(
        reverse("judging_admin:decide", args=[round_.pk]), {f"order-{entries[0].pk}": "1", f"order-{bad}": "2"}
    )
    assert response.status_code == 302
    assert error_messages(response) == ["Some of the chosen entries are not entries of this round. Nothing was saved."]
    assert set(tie_orders(round_).values()) == {None}


def test_a_frozen_round_refuses_tie_decisions(client, ranked):
    round_, entries, _, officer = ranked
    results.freeze(round_, officer, reason="Not every judge submitted.")
    client.force_login(officer)
    response = client.post(reverse("judging_admin:decide", args=[round_.pk]), {f"order-{entries[0].pk}": "1"})
    assert error_messages(response) == ["The results are frozen: the ranking can no longer change."]
    assert set(tie_orders(round_).values()) == {None}
    assert not ModelLogEntry.objects.filter(action="judging.tie_break").exists()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("7", 7), (" 7 ", 7), (7, 7), ("٣", None), ("9" * 30, None), ("-1", None), ("0", None), (True, None)],
)
def test_whole_numbers_are_read_strictly(value, expected):
    assert read_whole_number(value, low=1, high=100) == expected


def test_an_order_sent_twice_for_one_entry_refuses_every_decision(client, ranked):
    round_, entries, _, officer = ranked
    client.force_login(officer)
    response = client.post(
        reverse("judging_admin:decide", args=[round_.pk]),
        {f"order-{entries[0].pk}": "1", f"order-{entries[1].pk}": ["2", "3"]},
    )
    assert response.status_code == 302
    assert error_messages(response) == ["An officers' order is a whole number from 1 to 32767. Nothing was saved."]
    assert set(tie_orders(round_).values()) == {None}


def test_a_crafted_decision_on_an_unknown_or_huge_round_is_not_found(client, ranked):
    round_, entries, _, officer = ranked
    client.force_login(officer)
    for name in ("decide", "shortlist"):
        for pk in (round_.pk + 1000, 10**30):
            url = reverse(f"judging_admin:{name}", args=[round_.pk]).replace(f"/{round_.pk}/", f"/{pk}/")
            assert client.post(url, {"shortlisted": [entries[0].pk], f"order-{entries[0].pk}": "1"}).status_code == 404
    assert not shortlisted(round_) and set(tie_orders(round_).values()) == {None}
