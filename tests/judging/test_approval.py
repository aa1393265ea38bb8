"""Approving results is safe: it says who has not finished, asks for a reason to approve anyway (kept in the audit
log), and entries scored by fewer judges than assigned are shown as provisional, never as winners."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import ModelLogEntry

from gallery.judging.domain import results, scoring
from gallery.judging.domain.errors import JudgingError
from gallery.judging.models import Result
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest_round():
    """Three entries, three judges: juror1 and juror2 scored everything, juror3 scored one entry."""
    contest = ContestFactory(number_of_winners=1)
    place = FacilityFactory()
    for _ in range(3):
        EntryFactory(contest=contest, facility=place)
    rubric(contest)
    judges = [UserFactory(username=f"juror{n}", judge=True) for n in range(1, 4)]
    round_ = RoundFactory(contest=contest, judges=judges)
    round_entries = list(round_.round_entries.select_related("round").order_by("pk"))
    for judge in judges:
        for round_entry in round_entries if judge != judges[2] else round_entries[:1]:
            for criterion in round_.criteria.all():
                scoring.save_score(judge, round_entry, criterion.pk, 9 - round_entries.index(round_entry))
    officer = UserFactory(username="aigerim", officer=True)
    return round_, judges, round_entries, officer


def approve_url(round_):
    return reverse("judging_admin:approve", args=[round_.pk])


def ranking(html):
    return html[html.index("judging-ranking") :]


def test_the_round_page_marks_partly_scored_entries_provisional_and_approval_secondary(client, contest_round):
    round_, judges, round_entries, officer = contest_round
    client.force_login(officer)
    html = client.get(reverse("judging_admin:round", args=[round_.pk])).content.decode()
    assert re.search(rf'<a class="button button-secondary" href="{approve_url(round_)}">', html)
    assert "judges have not finished" in html or "judge has not finished" in html
    rows = ranking(html)
    # The leader was scored by all three judges; the others by two of three: provisional, whatever their place.
    assert rows.count("<td>Winner</td>") == 1 and rows.index("<td>Winner</td>") < rows.index("provisional</span>")
    assert rows.count("provisional</span>") == 2 and rows.count("scored by 2 of 3 judges") == 2
    assert "tie-breaks:" not in html and "Ties go to the higher median, then more top marks" in html


def test_once_everyone_has_submitted_approval_is_the_primary_action(client, contest_round):
    round_, judges, round_entries, officer = contest_round
    for round_entry in round_entries[1:]:
        for criterion in round_.criteria.all():
            scoring.save_score(judges[2], round_entry, criterion.pk, 5)
    for judge in judges:
        scoring.submit(judge, round_)
    client.force_login(officer)
    html = client.get(reverse("judging_admin:round", args=[round_.pk])).content.decode()
    assert re.search(rf'<a class="button" href="{approve_url(round_)}">', html)
    assert "Winner" in ranking(html) and "provisional</span>" not in ranking(html)
    page = client.get(approve_url(round_)).content.decode()
    assert "Every judge has submitted" in page and 'name="reason"' not in page
    assert client.post(approve_url(round_)).status_code == 302
    result = Result.objects.get()
    assert "reason" not in ModelLogEntry.objects.get(action="judging.results.approve").data
    assert result.rows.filter(award="winner").count() == 1


def test_the_approval_page_says_who_has_not_finished(client, contest_round):
    round_, judges, round_entries, officer = contest_round
    scoring.submit(judges[0], round_)
    client.force_login(officer)
    page = client.get(approve_url(round_))
    html = page.content.decode()
    assert page.status_code == 200
    assert "juror2: 3 of 3 entries scored, not submitted" in html
    assert "juror3: 1 of 3 entries scored, not submitted" in html
    assert "juror1: " not in html  # finished
    assert re.search(r'<textarea[^>]*name="reason"[^>]*required', html)
    assert '<button class="button button-secondary no">' in html
    assert not Result.objects.exists()  # looking changes nothing


def test_approving_while_judges_are_unfinished_needs_a_reason_kept_in_the_log(client, contest_round):
    round_, judges, round_entries, officer = contest_round
    client.force_login(officer)
    for data in ({}, {"reason": "   "}, {"reason": "x" * 2001}):
        response = client.post(approve_url(round_), data)
        assert response.status_code == 302 and response.url == approve_url(round_)
        assert {m.level_tag for m in get_messages(response.wsgi_request)} == {"error"}
        assert not Result.objects.exists() and not ModelLogEntry.objects.filter(action__startswith="judging.results")
    response = client.post(approve_url(round_), {"reason": "The jury chair confirmed juror3 withdrew."})
    assert response.url == reverse("judging_admin:round", args=[round_.pk])
    assert Result.objects.count() == 1
    log = ModelLogEntry.objects.get(action="judging.results.approve")
    assert log.data["reason"] == "The jury chair confirmed juror3 withdrew." and log.data["unfinished_judges"] == 3
    assert log.user == officer


def test_the_service_itself_refuses_without_a_reason(contest_round):
    round_, judges, round_entries, officer = contest_round
    with pytest.raises(JudgingError, match="have not submitted"):
        results.freeze(round_, officer)
    assert not Result.objects.exists()
    assert results.freeze(round_, officer, reason="Deadline passed.").approved_by == officer


def test_provisional_counts_only_judges_who_did_not_step_aside(contest_round):
    round_, judges, round_entries, officer = contest_round
    scoring.declare(judges[2], round_entries[1], "abstain", "Knows the style")
    rows = {row.round_entry_id: row for row in results.compute_results(round_).rows}
    assert not rows[round_entries[0].pk].provisional  # three of three
    assert not rows[round_entries[1].pk].provisional  # two of two: juror3 stepped aside
    assert rows[round_entries[2].pk].provisional  # two of three
