"""Officers' judging screens in the Wagtail admin: ranking, progress, reminders, freeze, exports, audit log."""

import csv
import io
from re import fullmatch

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from core import roles
from gallery.judging.domain import scoring
from gallery.judging.models import Declaration, Result, Round
from gallery.models import Entry
from tests.factories import ContestFactory, EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest_round():
    contest = ContestFactory(number_of_winners=2)
    place = FacilityFactory()
    entries = [EntryFactory(contest=contest, facility=place) for _ in range(5)]
    rubric(contest)
    judges = [UserFactory(username=f"juror{n}", judge=True, email=f"juror{n}@example.org") for n in range(1, 4)]
    round_ = RoundFactory(contest=contest, judges=judges)
    values = {e.pk: 9 - i for i, e in enumerate(entries)}  # 9, 8, 7, 6, 5
    for judge in judges[:2]:
        for re in round_.round_entries.select_related("round"):
            for criterion in round_.criteria.all():
                scoring.save_score(judge, re, criterion.pk, values[re.entry_id])
    officer = UserFactory(username="aigerim", officer=True)
    return round_, judges, entries, officer


def test_results_view_shows_ranking_breakdown_progress_and_declarations(client, contest_round):
    round_, judges, entries, officer = contest_round
    re = round_.round_entries.select_related("round").get(entry=entries[4])
    scoring.declare(judges[2], re, Declaration.Kind.ABSTAIN, "Outside my expertise")
    client.force_login(officer)
    html = client.get(reverse("judging_admin:round", args=[round_.pk])).content.decode()
    assert entries[0].reference in html  # officers see references
    assert "juror1" in html and "juror3" in html  # per-judge columns and progress
    assert "Outside my expertise" in html
    assert "2 of 5" not in html and "5 of 5" in html and "1 of 5" in html


def test_judges_and_facility_staff_cannot_reach_the_results(client, contest_round):
    round_, judges, _, _ = contest_round
    client.force_login(judges[0])
    response = client.get(reverse("judging_admin:round", args=[round_.pk]))
    assert response.status_code in (302, 403)


def test_remind_emails_only_late_judges(client, contest_round):
    round_, judges, _, officer = contest_round
    scoring.submit(judges[0], round_)
    client.force_login(officer)
    client.post(reverse("judging_admin:remind", args=[round_.pk]))
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["juror2@example.org", "juror3@example.org"]
    assert "/judging/" in mail.outbox[0].body
    assert ModelLogEntry.objects.filter(action="judging.remind").exists()


def test_approve_freezes_winners_and_mentions_and_logs(client, contest_round):
    round_, judges, entries, officer = contest_round
    for judge in judges[:2]:
        scoring.submit(judge, round_)
    client.force_login(officer)
    response = client.post(reverse("judging_admin:approve", args=[round_.pk]), {"reason": "Juror 3 is ill."})
    assert response.status_code == 302
    result = Result.objects.get(contest=round_.contest)
    awards = dict(result.rows.values_list("entry_id", "award"))
    assert [awards[e.pk] for e in entries] == ["winner", "winner", "honourable", "honourable", "honourable"]
    assert set(Entry.objects.filter(review=Entry.Review.WINNER).values_list("pk", flat=True)) == {
        entries[0].pk,
        entries[1].pk,
    }
    assert Round.objects.get(pk=round_.pk).locked_at is not None
    assert ModelLogEntry.objects.filter(action="judging.results.approve").count() == 1
    # A second approval is refused and changes nothing.
    client.post(reverse("judging_admin:approve", args=[round_.pk]))
    assert Result.objects.count() == 1


def test_every_score_change_is_in_the_audit_log(contest_round):
    round_, _, _, _ = contest_round
    # 2 judges x 5 entries x 2 criteria
    assert ModelLogEntry.objects.filter(action="judging.score").count() == 20


def test_exports_name_judges_only_with_permission(client, contest_round):
    round_, _, entries, officer = contest_round
    client.force_login(officer)
    response = client.get(reverse("judging_admin:export", args=[round_.pk, "ranking", "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Rank", "Code", "Reference"] and "juror1" in rows[0]
    assert rows[1][2] == entries[0].reference and rows[1][0] == "1"
    first = dict(zip(rows[0], rows[1], strict=True))
    assert (first["Tied"], first["Provisional"], first["Award"]) == ("no", "yes", "Winner")  # juror3 scored nothing
    assert (first["Judges who scored"], first["Judges asked"]) == ("2", "3")

    sheet = client.get(reverse("judging_admin:export", args=[round_.pk, "scores", "xlsx"]))
    workbook = load_workbook(io.BytesIO(sheet.content))
    values = list(workbook.active.values)
    assert values[0] == ("Code", "Reference", "Judge", "Criterion", "Score", "Stepped aside", "Saved")
    assert len(values) == 1 + 20 and {row[2] for row in values[1:]} == {"juror1", "juror2"}
    zone = round_.contest.time_zone
    assert all(fullmatch(rf"\d{{4}}-\d\d-\d\d \d\d:\d\d \({zone}\)", row[6]) for row in values[1:])

    officers = Group.objects.get(name=roles.OFFICERS)
    officers.permissions.remove(Permission.objects.get(codename="view_judge_names"))
    officer = type(officer).objects.get(pk=officer.pk)  # drop the permission cache
    client.force_login(officer)
    anonymous = client.get(reverse("judging_admin:export", args=[round_.pk, "scores", "csv"])).content.decode()
    assert "juror1" not in anonymous and "Judge A" in anonymous and "Judge B" in anonymous
    xlsx = client.get(reverse("judging_admin:export", args=[round_.pk, "ranking", "xlsx"]))
    header = next(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert "Judge A" in header and not any("juror" in str(cell) for cell in header)


def test_setup_screens_open_for_officers(client, contest_round):
    round_, _, _, officer = contest_round
    client.force_login(officer)
    for url in (
        reverse("judging_admin:index"),
        reverse("judging_rounds:index"),
        reverse("judging_rounds:edit", args=[round_.pk]),
        reverse("judging_criteria:index"),
        reverse("judging_settings:index"),
        reverse("judge_profiles:index"),
    ):
        assert client.get(url).status_code == 200, url


def test_officer_creates_a_round_with_its_judges_in_the_admin(client, contest_round):
    round_, judges, _, officer = contest_round
    client.force_login(officer)
    response = client.post(
        reverse("judging_rounds:add"),
        {
            "contest": round_.contest.pk,
            "name": "Final",
            "kind": "final",
            "position": 2,
            "entry_source": "top_n",
            "top_n": 3,
            "judges": [judges[0].pk, judges[1].pk],
            "visibility": "never",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    final = Round.objects.get(name="Final")
    assert set(final.round_judges.values_list("judge_id", flat=True)) == {judges[0].pk, judges[1].pk}
    assert final.status == Round.Status.DRAFT


def test_judge_added_to_an_open_round_gets_the_entries(client, contest_round):
    round_, judges, _, officer = contest_round
    newcomer = UserFactory(username="newjuror", judge=True)
    client.force_login(officer)
    response = client.post(
        reverse("judging_rounds:edit", args=[round_.pk]),
        {
            "contest": round_.contest.pk,
            "name": round_.name,
            "kind": round_.kind,
            "position": round_.position,
            "entry_source": round_.entry_source,
            "judges": [j.pk for j in judges] + [newcomer.pk],
            "visibility": round_.visibility,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert round_.round_entries.filter(assignments__judge=newcomer).count() == 5
    client.force_login(newcomer)
    assert "0 of 5 scored" in client.get(reverse("judging:queue", args=[round_.pk])).content.decode()
