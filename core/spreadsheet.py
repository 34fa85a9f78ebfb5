"""Every CSV (and XLSX) export goes through here, so that no cell a user typed
can run as a formula when the file is opened in a spreadsheet (OWASP "CSV
injection"). One writer for the whole project: lägesbild tables, medborgarlöfte
follow-up, the concern export and the access-log export.

A text cell starting with = + - @ tab or CR gets a leading apostrophe, unless
it is a number: -4, +4, -4,5 or -4.5 stay as they are (a spreadsheet reads them
as the number, not as a formula), so a "Difference" column keeps its sign."""

import csv
import re
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number, with a Swedish decimal comma or a point; nothing after it.
NUMERIC_TEXT = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def neutralise(value):
    """The cell as it is safe to write: numbers untouched, formula-like text
    prefixed with an apostrophe, everything else untouched."""
    if isinstance(value, bool) or not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS) and not NUMERIC_TEXT.fullmatch(value):
        return "'" + value
    return value


def cell_text(value) -> str:
    """How a cell reads in CSV: empty for None, ISO for dates, the number as
    Python writes it (a point as decimal separator), otherwise the text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    return str(neutralise(str(value)))


class CsvWriter:
    """csv.writer with the house format (semicolons for Swedish Excel, CRLF)
    that neutralises every cell it writes."""

    def __init__(self, stream):
        self._writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")

    def writerow(self, row) -> None:
        self._writer.writerow([cell_text(value) for value in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)


def csv_response(filename: str) -> tuple[HttpResponse, CsvWriter]:
    """An attachment response (UTF-8 with BOM, so Excel reads å ä ö) and the
    writer that fills it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, CsvWriter(response)
