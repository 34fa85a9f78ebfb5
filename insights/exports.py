"""The dashboard's tables as one structure, written to the page, CSV, XLSX and
PDF from the same values, so every export equals what the page shows."""

import io
from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.spreadsheet import CsvWriter, neutralise


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list]  # cells: int, Decimal, date, str or None


def display(value) -> str:
    """How a cell reads on the page and in the CSV."""
    if value is None:
        return "–"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def dashboard_tables(data: dict) -> list[Table]:
    compare = [_("Reports"), _("Previous period"), _("Difference"), _("Change (%)"),
               _("Same period last year"), _("Change against last year"),
               _("Change against last year (%)")]

    def compare_row(row):
        return [row["name"], row["count"], row["previous"]["before"], row["previous"]["diff"],
                row["previous"]["percent"], row["last_year"]["before"],
                row["last_year"]["diff"], row["last_year"]["percent"]]

    trend = data["trend"]
    return [
        Table("categories", _("Reports per category"), [_("Category")] + compare,
              [compare_row(r) for r in data["categories"]]
              + [compare_row({"name": _("Total"), **data["totals"]})]),
        Table("localities", _("Reports per locality"), [_("Locality")] + compare,
              [compare_row(r) for r in data["localities"]]),
        Table("trend", _("Trend per category"), [_("Category")] + trend["periods"],
              [[s["name"]] + s["values"] for s in trend["series"]]
              + [[_("Total")] + trend["totals"]]),
        Table("places", _("Places with repeated reports"),
              [_("Locality"), _("Place"), _("Reports"), _("Latest")],
              [[p["locality"], p["place"], p["count"], p["last"]] for p in data["places"]]),
    ]


def to_csv(table: Table) -> bytes:
    """UTF-8 with BOM, semicolons (Swedish Excel), ISO dates, formulas
    neutralised and numbers kept as numbers (core.spreadsheet)."""
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(tables: list[Table]) -> bytes:
    """One sheet per table; numbers and dates as typed cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for table in tables:
        name = table.title[:31]
        for bad in "[]:*?/\\":
            name = name.replace(bad, " ")
        while name in used:
            name = name[:28] + f" {len(used)}"
        used.add(name)
        sheet = workbook.create_sheet(name)
        sheet.append([neutralise(h) for h in table.headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([neutralise(c) for c in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = max(
                12, min(50, max(len(display(c.value)) for c in column) + 2))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def to_pdf(template: str, context: dict) -> bytes:
    """Render a print template with WeasyPrint; tagged PDF (PDF/UA) so headings
    and table text stay readable by assistive technology."""
    from weasyprint import HTML

    html = render_to_string(template, context)
    try:
        return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    except (ValueError, TypeError):
        return HTML(string=html).write_pdf()
