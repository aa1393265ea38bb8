"""Every spreadsheet officers download (entries, facilities, the judging ranking and score sheet) keeps text typed
by facilities, officers and judges from reaching a spreadsheet as a live formula."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gallery.judging.domain import scoring
from gallery.models import Entry
from tests.factories import EntryFactory, FacilityFactory, RoundFactory, UserFactory, rubric

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x")', "+cmd", "-2+3", "@SUM(A1)", "\t=1"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def rows_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def column(rows, heading):
    index = rows[0].index(heading)
    return [row[index] for row in rows[1:]]


def assert_no_formula(rows):
    live = [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]
    assert not live, f"cells a spreadsheet would evaluate: {live}"


def xlsx_rows(response):
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return list(load_workbook(io.BytesIO(data)).active.iter_rows())


@pytest.fixture
def hostile_entries(contest, facility):
    return [
        EntryFactory(
            contest=contest,
            facility=facility,
            title=text,
            artist_code=text,
            credit_name=text,
            medium=text,
            dimensions=text,
            disqualification_reason=text,
            year=2020,
        )
        for text in HOSTILE
    ]


def test_entries_csv_neutralises_what_facilities_typed(officer_client, hostile_entries):
    rows = rows_of(officer_client.get(reverse("entries:index"), {"export": "csv"}))
    assert_no_formula(rows)
    expected = sorted(f"'{text}" for text in HOSTILE)
    for heading in ("Title", "Artist code", "Initials or pseudonym", "Medium", "Dimensions"):
        assert sorted(column(rows, heading)) == expected, heading
    assert sorted(column(rows, "Reason for disqualification")) == expected
    assert set(column(rows, "Year")) == {"2020"}  # numbers are not quoted
    assert sorted(column(rows, "Reference")) == sorted(e.reference for e in hostile_entries)


def test_entries_xlsx_keeps_what_facilities_typed_as_text(officer_client, hostile_entries):
    rows = xlsx_rows(officer_client.get(reverse("entries:index"), {"export": "xlsx"}))
    title = [cell.value for cell in rows[0]].index("Title")
    assert sorted(row[title].value for row in rows[1:]) == sorted(HOSTILE)
    assert {row[title].data_type for row in rows[1:]} == {"s"}


def test_facilities_csv_neutralises_names(officer_client, regions):
    for number, text in enumerate(HOSTILE):
        FacilityFactory(code=f"X{number}", name=text, region=regions["KAR"])
    rows = rows_of(officer_client.get(reverse("facilities:index"), {"export": "csv"}))
    assert_no_formula(rows)
    assert sorted(column(rows, "Name")) == sorted(f"'{text}" for text in HOSTILE)


@pytest.fixture
def hostile_round(contest, facility):
    for text in HOSTILE:
        EntryFactory(contest=contest, facility=facility, title=text)
    rubric(contest, specs=[(text, 1, 1, 10) for text in HOSTILE[:2]])
    judge = UserFactory(username="juror1", judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge])
    for round_entry in round_.round_entries.select_related("round"):
        for criterion in round_.criteria.all():
            scoring.save_score(judge, round_entry, criterion.pk, 5)
    return round_


def export(client, round_, table, fmt):
    return client.get(reverse("judging_admin:export", args=[round_.pk, table, fmt]))


def test_judging_ranking_csv_neutralises_titles(officer_client, hostile_round):
    rows = rows_of(export(officer_client, hostile_round, "ranking", "csv"))
    assert_no_formula(rows)
    assert sorted(column(rows, "Title")) == sorted(f"'{text}" for text in HOSTILE)
    assert set(column(rows, "Score")) == {"5.0"} and set(column(rows, "Judges who scored")) == {"1"}
    assert set(column(rows, "Tied")) == {"yes"} and set(column(rows, "Provisional")) == {"no"}


def test_judging_score_sheet_csv_neutralises_criteria(officer_client, hostile_round):
    rows = rows_of(export(officer_client, hostile_round, "scores", "csv"))
    assert_no_formula(rows)
    assert set(column(rows, "Criterion")) == {f"'{text}" for text in HOSTILE[:2]}
    assert set(column(rows, "Score")) == {"5"}


def test_judging_xlsx_keeps_titles_as_text(officer_client, hostile_round):
    rows = xlsx_rows(export(officer_client, hostile_round, "ranking", "xlsx"))
    title = [cell.value for cell in rows[0]].index("Title")
    assert sorted(row[title].value for row in rows[1:]) == sorted(HOSTILE)
    assert {row[title].data_type for row in rows[1:]} == {"s"}
    score = [cell.value for cell in rows[0]].index("Score")
    assert {row[score].value for row in rows[1:]} == {5}


def test_entries_export_reads_as_words_with_local_times(officer_client, hostile_entries, contest):
    Entry.objects.update(submitted_at=timezone.now(), consent_confirmed=True, imported=False)
    rows = rows_of(officer_client.get(reverse("entries:index"), {"export": "csv"}))
    for heading in ("Consent confirmed", "Show the facility", "Imported offline", "State", "Review", "Submitted"):
        assert heading in rows[0], heading
    assert set(column(rows, "Consent confirmed")) == {"yes"} and set(column(rows, "Imported offline")) == {"no"}
    assert "True" not in {cell for row in rows for cell in row} and "False" not in {c for r in rows for c in r}
    assert set(column(rows, "State")) == {"Submitted"}
    zone = contest.time_zone
    assert all(re.fullmatch(rf"\d{{4}}-\d\d-\d\d \d\d:\d\d \({zone}\)", cell) for cell in column(rows, "Submitted"))
    xlsx = xlsx_rows(officer_client.get(reverse("entries:index"), {"export": "xlsx"}))
    consent = [cell.value for cell in xlsx[0]].index("Consent confirmed")
    assert {row[consent].value for row in xlsx[1:]} == {"yes"}
