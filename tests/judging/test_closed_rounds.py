"""Nothing a crafted POST sends changes a closed round's record or a frozen result: the judges' score, note,
declaration and submission, the officers' round editor (name, times, judges) and the delete view. Each is
refused with a status or a message, and the rows are as they were."""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from gallery.judging.domain import results, rounds
from gallery.judging.models import (
    Declaration,
    JudgeNote,
    JudgingSettings,
    Round,
    RoundJudge,
    RoundLocked,
    RoundSettled,
    Score,
)
from tests.factories import RoundFactory, UserFactory
from tests.factories.judging import scored_round

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["closed", "frozen"])
def ended(request):
    """A scored round, closed or with its results approved; its judge has not submitted."""
    round_, judge = scored_round(entries=2, value=5)
    officer = UserFactory(officer=True)
    if request.param == "closed":
        rounds.close_round(round_, officer)
    else:
        results.freeze(round_, officer, reason="The jury met and agreed.")
    round_.refresh_from_db()
    return round_, judge, officer


def snapshot(round_):
    return (
        sorted(Score.objects.filter(round=round_).values_list("pk", "value")),
        list(JudgeNote.objects.filter(round=round_).values_list("pk", "comment")),
        list(Declaration.objects.filter(round=round_).values_list("pk", flat=True)),
        list(RoundJudge.objects.filter(round=round_).values_list("judge_id", "submitted_at")),
        list(Round.objects.filter(pk=round_.pk).values_list("name", "status", "closes_at", "locked_at")),
    )


def test_a_judge_can_no_longer_score_note_declare_or_submit(client, ended):
    round_, judge, _ = ended
    before = snapshot(round_)
    round_entry = round_.round_entries.first()
    criterion = round_.criteria.first()
    client.force_login(judge)
    score = client.post(
        reverse("judging:score", args=[round_.pk, round_entry.code]),
        json.dumps({"criterion": criterion.pk, "value": 9}),
        content_type="application/json",
    )
    assert score.status_code in (400, 409) and score.json()["saved"] is False
    note = client.post(
        reverse("judging:note", args=[round_.pk, round_entry.code]),
        {"comment": "Changed my mind.", "feedback": ""},
        HTTP_ACCEPT="application/json",
    )
    assert note.status_code == 400 and note.json()["saved"] is False
    confirmed = {"confirmed": "yes"}  # past the confirmation step: the service itself refuses
    for name, data in (("declare", {"kind": "abstain", "reason": "Late doubts.", **confirmed}), ("submit", confirmed)):
        args = [round_.pk, round_entry.code] if name == "declare" else [round_.pk]
        response = client.post(reverse(f"judging:{name}", args=args), data)
        assert response.status_code == 302
        assert {m.level_tag for m in get_messages(response.wsgi_request)} == {"error"}
    assert snapshot(round_) == before


def editor_data(round_, **changes):
    data = {
        "contest": round_.contest_id,
        "name": round_.name,
        "kind": round_.kind,
        "position": round_.position,
        "entry_source": round_.entry_source,
        "top_n": "",
        "judges": list(round_.round_judges.values_list("judge_id", flat=True)),
        "judges_per_entry": "",
        "visibility": round_.visibility,
        "opens_at": "",
        "closes_at": "",
    }
    data.update(changes)
    return data


def test_the_round_editor_keeps_the_judges_of_a_closed_round_and_refuses_a_frozen_one(client, ended):
    round_, judge, officer = ended
    before = snapshot(round_)
    client.force_login(officer)
    newcomer = UserFactory(judge=True)
    response = client.post(
        reverse("judging_rounds:edit", args=[round_.pk]),
        editor_data(round_, name="Renamed", judges=[newcomer.pk], closes_at="2030-01-01 10:00"),
    )
    assert list(RoundJudge.objects.filter(round=round_).values_list("judge_id", flat=True)) == [judge.pk]
    if round_.locked_at is None:  # closed: the name may change, the judges may not
        assert response.status_code == 302
        assert Round.objects.get(pk=round_.pk).name == "Renamed"
    else:
        assert response.status_code == 200 and "The results of this round are frozen" in response.content.decode()
        assert snapshot(round_) == before


def test_the_model_refuses_to_save_a_frozen_round():
    round_, _ = scored_round(entries=2, value=5)
    results.freeze(round_, UserFactory(officer=True), reason="The jury met and agreed.")
    round_.refresh_from_db()
    round_.name = "Renamed"
    with pytest.raises(RoundLocked):
        round_.save()
    assert Round.objects.get(pk=round_.pk).name == "Scoring"


def test_an_opened_round_cannot_be_deleted(client, ended):
    round_, _, officer = ended
    before = snapshot(round_)
    client.force_login(officer)
    response = client.post(reverse("judging_rounds:delete", args=[round_.pk]))
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["A round that has been opened cannot be deleted."]
    assert snapshot(round_) == before
    with pytest.raises(RoundSettled):
        round_.delete()
    assert Round.objects.filter(pk=round_.pk).exists()


def test_a_round_never_opened_can_still_be_deleted(client):
    draft = RoundFactory(opened=False)
    client.force_login(UserFactory(officer=True))
    assert client.post(reverse("judging_rounds:delete", args=[draft.pk])).status_code == 302
    assert not Round.objects.filter(pk=draft.pk).exists()


def test_the_results_settings_of_approved_results_can_no_longer_change(client):
    round_, _ = scored_round(entries=2, value=5)
    officer = UserFactory(officer=True)
    results.freeze(round_, officer, reason="The jury met and agreed.")
    settings = JudgingSettings.objects.get(contest=round_.contest)
    client.force_login(officer)
    response = client.post(
        reverse("judging_settings:edit", args=[settings.pk]),
        {"contest": round_.contest_id, "method": "median", "tie_break_order": "officers", "honourable_mentions": "9",
         "disagreement_threshold": "0.3"},
    )  # fmt: skip
    assert response.status_code == 200 and "how they are computed can no longer change" in response.content.decode()
    response = client.post(reverse("judging_settings:delete", args=[settings.pk]))
    assert response.status_code == 302
    stored = JudgingSettings.objects.get(pk=settings.pk)
    assert (stored.method, stored.tie_break_order, stored.honourable_mentions) == (
        settings.method, settings.tie_break_order, settings.honourable_mentions
    )  # fmt: skip
    stored.method = "median"
    with pytest.raises(RoundLocked):
        stored.save()
