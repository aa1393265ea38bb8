"""The one way the platform writes spreadsheets (CSV and XLSX) of what people typed.

Titles, statements and names come from facilities, judges and officers. A spreadsheet reads a CSV cell starting
with "=", "+", "-" or "@" (or a tab or line break before them) as a formula: `=HYPERLINK(...)` becomes a live link,
`=cmd|...` may run a program. CSV cells of text are therefore prefixed with a quote, which spreadsheets take as
"this is text" (OWASP's advice). In XLSX a cell carries its type, so text is written as text cells and kept as
typed. Numbers stay numbers in both.
"""

import csv
import datetime
import io
import zoneinfo
from collections import OrderedDict
from itertools import chain

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.forms import default_time_zone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"  # lets spreadsheets read the file as UTF-8


def neutralise(value):
    """The value as a CSV cell: text a spreadsheet would evaluate is prefixed with a quote; anything else (numbers,
    dates, booleans, None) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class _Line:
    """A file-like object whose write() hands back the line csv.writer formatted (for streaming)."""

    def write(self, line):
        return line


def csv_lines(rows, *, bom=True):
    """The CSV text of `rows` (iterables of cells), one line at a time after the byte-order mark (`bom`), every
    cell neutralised."""
    writer = csv.writer(_Line())
    if bom:
        yield BOM
    for row in rows:
        yield writer.writerow([neutralise(cell) for cell in row])


def csv_bytes(rows, *, bom=True):
    return "".join(csv_lines(rows, bom=bom)).encode("utf-8")


def _attachment(response, filename):
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def csv_response(rows, filename, *, streaming=False, bom=True):
    """A download of `rows` as CSV; `streaming` writes it while the rows are read (large querysets)."""
    if streaming:
        body = (line.encode("utf-8") for line in csv_lines(rows, bom=bom))
        return _attachment(StreamingHttpResponse(body, content_type=CSV_CONTENT_TYPE), filename)
    return _attachment(HttpResponse(csv_bytes(rows, bom=bom), content_type=CSV_CONTENT_TYPE), filename)


def xlsx_text(value):
    """Text as an XLSX cell can hold it: control characters the format forbids are dropped (they are invisible
    anyway, and openpyxl refuses them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def xlsx_cell(sheet, value):
    """A write-only cell; text is always a text cell, never a formula or an error value like "#N/A"."""
    cell = WriteOnlyCell(sheet, xlsx_text(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def yes_no(value):
    """A yes/no answer as people read it, not True/False."""
    return _("yes") if value else _("no")


def local_time(moment, zone_name):
    """An aware time as wall-clock time in `zone_name`, followed by the zone's name, e.g. "2027-03-01 18:00
    (Asia/Almaty)"; "" for no time."""
    if moment is None:
        return ""
    return f"{timezone.localtime(moment, zoneinfo.ZoneInfo(zone_name)):%Y-%m-%d %H:%M} ({zone_name})"


def human(value, zone_name):
    """A cell as people read it: booleans as yes/no, aware times in the zone with its name."""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return local_time(value, zone_name)
    return value


def xlsx_bytes(rows, title):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append([xlsx_cell(sheet, cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(rows, title, filename):
    return _attachment(HttpResponse(xlsx_bytes(rows, title), content_type=XLSX_CONTENT_TYPE), filename)


class SafeSpreadsheetExportMixin:
    """For Wagtail index views with `list_export` (before SpreadsheetExportMixin in the bases, e.g. before
    generic.IndexView): their CSV goes through csv_lines (without the byte-order mark, as Wagtail writes it), their
    XLSX text is typed as text. Booleans read yes/no and times are local with the zone's name (the zone of
    `export_time_zone(item)`, by default the site's)."""

    def export_time_zone(self, item):
        return default_time_zone()

    def to_row_dict(self, item):
        zone = self.export_time_zone(item)
        return OrderedDict((field, human(value, zone)) for field, value in super().to_row_dict(item).items())

    def write_csv_response(self, queryset):
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [
                self.preprocess_field_value(field, value, self.FORMAT_CSV)
                for field, value in self.to_row_dict(item).items()
            ]
            for item in queryset
        )
        return csv_response(chain([headings], rows), f"{self.get_filename()}.csv", streaming=True, bom=False)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return xlsx_text(value) if export_format == self.FORMAT_XLSX else value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if isinstance(cell.value, str):
                cell.data_type = "s"
            yield cell
