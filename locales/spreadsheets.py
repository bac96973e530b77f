"""Every spreadsheet Loa hands out (CSV or XLSX) is written through here.

Text that a spreadsheet program would run as a formula (it starts with `=`,
`+`, `-`, `@`, a tab or a carriage return: OWASP's list) is made inert: in
CSV it gets a leading apostrophe, in XLSX it is stored as a text cell marked
"quote prefix", as Excel does itself for text typed after an apostrophe.
Numbers stay numbers (`400`, `12.5`, never `4E+2`), dates and times are the
office's (settings.TIME_ZONE), CSV is UTF-8 with a byte-order mark so that
Excel reads Vietnamese, and each file is named after what it holds and the
day it was made.

This sits in `locales`, the lowest app, so that content and campaigns can
use it too.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from openpyxl import Workbook
from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def inert_text(text: str) -> str:
    """The text, with an apostrophe in front if a spreadsheet would run it."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def plain_number(value: Decimal | float | int) -> str:
    """A number as people write it: 400, 1000, 12.5 (never 4E+2)."""
    if isinstance(value, int):
        return str(value)
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    return format(number.normalize(), "f")


def office_time(value: datetime.datetime) -> datetime.datetime:
    """An aware date and time in the office's time zone, without the zone
    (spreadsheets have none); a naive one as it is."""
    if timezone.is_aware(value):
        return timezone.make_naive(value, timezone.get_default_timezone())
    return value


def csv_value(value) -> str:
    if isinstance(value, list | tuple):
        value = ", ".join(force_str(item) for item in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return plain_number(value)
    if isinstance(value, datetime.datetime):
        return office_time(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return inert_text(force_str(value))


def csv_text(rows: Iterable[Sequence]) -> str:
    """The rows as CSV text, starting with the byte-order mark."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([csv_value(value) for value in row])
    return out.getvalue()


def xlsx_cell(sheet, value) -> Cell:
    """A cell for `sheet` (ordinary or write-only): text never a formula,
    numbers as numbers, times in the office's time zone."""
    if isinstance(value, list | tuple):
        value = ", ".join(force_str(item) for item in value)
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    elif isinstance(value, datetime.datetime):
        value = office_time(value)
    elif value is not None and not isinstance(
        value, bool | int | float | datetime.date | datetime.time
    ):
        value = force_str(value)
    # row and column are set by `append`; 1 keeps openpyxl's repr working
    cell = Cell(sheet, row=1, column=1, value=value)
    if isinstance(value, str):
        # openpyxl makes a formula of any text starting with "="
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def append_row(sheet, values: Iterable) -> None:
    sheet.append([xlsx_cell(sheet, value) for value in values])


def xlsx_bytes(rows: Iterable[Sequence], title: str = "Sheet1") -> bytes:
    """A workbook of one sheet holding the rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        append_row(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ascii_slug(text: str) -> str:
    """ "Chiến dịch Đắk Lắk" → "chien-dich-dak-lak" (đ has no decomposition)."""
    return slugify(force_str(text).replace("đ", "d").replace("Đ", "D"))


def export_filename(*about: str, extension: str) -> str:
    """loa-<what>-<date>.<extension>, e.g. loa-progress-chien-dich-2026-12-05.csv."""
    parts = ["loa", *(ascii_slug(part) for part in about if part)]
    parts.append(timezone.localdate().isoformat())
    return f"{'-'.join(part for part in parts if part)}.{extension}"


def attachment(data: bytes | str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def spreadsheet_response(
    file_format: str, rows: Sequence[Sequence], *about: str
) -> HttpResponse:
    """The rows (a heading row first) as a CSV or XLSX download."""
    filename = export_filename(*about, extension=file_format)
    if file_format == "csv":
        return attachment(csv_text(rows), filename, CSV_TYPE)
    return attachment(xlsx_bytes(rows), filename, XLSX_TYPE)


class SpreadsheetExportsMixin:
    """For a Wagtail report (ReportView, SpreadsheetExportMixin): its CSV and
    XLSX downloads written here, named `loa-<export_name>-…-<date>`."""

    export_name = "export"

    def export_about(self) -> list[str]:
        return [self.export_name]

    def as_spreadsheet(self, queryset, spreadsheet_format):
        table = [
            [self.get_heading(queryset, field) for field in self.list_export],
            *(list(self.to_row_dict(item).values()) for item in queryset),
        ]
        return spreadsheet_response(spreadsheet_format, table, *self.export_about())
