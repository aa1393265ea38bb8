"""The shared spreadsheet writer: text a spreadsheet would evaluate is neutralised, numbers stay numbers."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.log_actions import log

from core.csv_export import csv_bytes, csv_response, neutralise, xlsx_bytes
from tests.factories import StoryFactory, UserFactory

FORMULAS = ['=HYPERLINK("http://x")', "+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\n=1", "=1+1"]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_a_spreadsheet_would_evaluate_is_prefixed_with_a_quote(text):
    assert neutralise(text) == f"'{text}"


@pytest.mark.parametrize(
    "value",
    ["Steppe at dawn", "", " =1 is not at the start", "1-2", "3", "'quoted", "Ақмола", 7, -2, 2.5, -1.5,
     Decimal("-3.25"), True, None, datetime.date(2020, 7, 18)],
)  # fmt: skip
def test_anything_else_is_kept_as_it_is(value):
    assert neutralise(value) is value


def parse(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_cells_are_neutralised_and_numbers_stay_numbers():
    data = csv_bytes([["title", "score"], *[[text, -2] for text in FORMULAS], ["Тұран", Decimal("-1.5")]])
    assert data.startswith("\ufeff".encode())  # spreadsheets then read the file as UTF-8
    rows = parse(data)
    assert rows[0] == ["title", "score"]
    assert [row[0] for row in rows[1:-1]] == [f"'{text}" for text in FORMULAS]
    assert {row[1] for row in rows[1:-1]} == {"-2"}  # a real negative number is not quoted
    assert rows[-1] == ["Тұран", "-1.5"]


def test_csv_response_is_a_utf8_attachment_with_a_safe_file_name():
    response = csv_response([["=1"]], 'MD"20-1-ranking.csv')
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="MD\\"20-1-ranking.csv"'
    assert parse(response.content) == [["'=1"]]
    streamed = csv_response(iter([["+cmd"]]), "x.csv", streaming=True, bom=False)
    assert b"".join(streamed.streaming_content) == b"'+cmd\r\n"


def test_xlsx_text_is_text_never_a_formula_and_numbers_stay_numbers():
    texts = [*FORMULAS, "#N/A", "bell\x07 inside"]
    sheet = load_workbook(io.BytesIO(xlsx_bytes([[text, 4, -2.5] for text in texts], "ranking"))).active
    assert sheet.title == "ranking"
    cells = list(sheet.iter_rows())
    assert {row[0].data_type for row in cells} == {"s"}
    # As typed, less control characters XLSX forbids (and XML reads a carriage return back as a line feed).
    assert [row[0].value for row in cells] == [*(t.replace("\r", "\n") for t in FORMULAS), "#N/A", "bell inside"]
    assert {(row[1].value, row[2].value) for row in cells} == {(4, -2.5)}
    assert {row[1].data_type for row in cells} == {"n"}


# --- Wagtail's own exports (core.wagtail_exports) ------------------------------------------------------------

FORMULA_TITLE = '=HYPERLINK("x")'


@pytest.fixture
def draft_with_a_formula_title(client):
    officer = UserFactory(superuser=True)
    page = StoryFactory(title=FORMULA_TITLE, slug="formula", publish=False)
    log(page, "wagtail.create", user=officer)
    client.force_login(officer)
    return page


@pytest.mark.django_db
def test_the_site_history_csv_export_neutralises_a_formula_title(client, draft_with_a_formula_title):
    response = client.get(reverse("wagtailadmin_reports:site_history") + "?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    labels = [row[1] for row in rows[1:]]
    assert f"'{FORMULA_TITLE}" in labels and FORMULA_TITLE not in labels


@pytest.mark.django_db
def test_the_site_history_xlsx_export_keeps_the_title_as_text(client, draft_with_a_formula_title):
    response = client.get(reverse("wagtailadmin_reports:site_history") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == FORMULA_TITLE]
    assert cells and all(cell.data_type == "s" for cell in cells)
