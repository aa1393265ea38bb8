"""Wagtail's own spreadsheet exports (reports such as site history and page listings, form submissions, any
viewset with `list_export`) write cells through the same rules as core.csv_export.

Wagtail's SpreadsheetExportMixin writes CSV cells as they are, so a page titled `=HYPERLINK("…")` becomes a live
formula in the site history export. Its one per-cell step, `preprocess_field_value`, is wrapped here once for
every view that uses the mixin: CSV text is neutralised, XLSX text loses the control characters the format
forbids (Wagtail already writes XLSX text as text cells, never formulas).
"""

import functools

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.csv_export import neutralise, xlsx_text


def install():
    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises_formulas", False):
        return

    @functools.wraps(original)
    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise(value)
        return xlsx_text(value)

    preprocess_field_value.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
