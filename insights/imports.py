"""Parse and validate a trygghetsenkät file (CSV or XLSX), row by row.

Columns (header row, Swedish or English names, any order):
  fråga/question, svarsalternativ/option, andel/share (percent), antal/count,
  kön/gender, åldersgrupp/age_group, ort/locality
Each row needs a question, an option and a share or a count. At most one of
the breakdown columns may be filled (none = all respondents). Within each
question and breakdown group, the shares must add up to 100 (± 1.5 for
rounding). Row numbers are the spreadsheet's: the header is row 1."""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_BYTES = 50 * 1024 * 1024
SHARE_TOLERANCE = Decimal("1.5")

COLUMNS = {
    "question": ("fråga", "question"),
    "option": ("svarsalternativ", "svar", "option", "answer"),
    "share": ("andel", "andel (%)", "share", "procent"),
    "count": ("antal", "count"),
    "gender": ("kön", "gender"),
    "age_group": ("åldersgrupp", "age group", "age_group"),
    "locality": ("ort", "locality"),
}
REQUIRED = ("question", "option")


class ImportFileError(Exception):
    """The whole file is unusable (size, encoding, format, columns)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class ParseResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)  # {"row": n, "message": str}

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _read_table(upload) -> list[list]:
    name = (upload.name or "").lower()
    if upload.size > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 50 MB."), status=413)
    data = upload.read()
    if name.endswith(".xlsx"):
        import zipfile

        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
            raise ImportFileError(_("The file could not be read as an XLSX workbook.")) from error
        sheet = workbook.worksheets[0]
        table = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return table
    if name.endswith(".csv") or name.endswith(".txt"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(_("The file is not UTF-8 encoded. Save it as "
                                    "\"CSV UTF-8\" and try again.")) from error
        sample = text[:4096]
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    raise ImportFileError(_("Upload a CSV or XLSX file."), status=415)


def _number(value, *, integer: bool):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation as error:
            raise ValueError from error
    if integer and number != number.to_integral_value():
        raise ValueError
    return int(number) if integer else number


def parse(upload, *, locality_names=()) -> ParseResult:
    """Validate the upload; raise ImportFileError for a broken file, else
    return the good rows and the row-numbered errors."""
    table = _read_table(upload)
    while table and not any(c not in (None, "") for c in table[-1]):
        table.pop()
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = [str(c or "").strip().lower() for c in table[0]]
    positions = {}
    for key, names in COLUMNS.items():
        for index, name in enumerate(header):
            if name in names:
                positions[key] = index
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in positions]
    if "share" not in positions and "count" not in positions:
        missing.append(_("andel or antal"))
    unknown = [h for h in header if h and not any(h in names for names in COLUMNS.values())]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing columns: %(cols)s") % {"cols": ", ".join(missing)})
        if unknown:
            parts.append(_("unknown columns: %(cols)s") % {"cols": ", ".join(unknown)})
        raise ImportFileError(_("Wrong columns (%(details)s). Expected: fråga; svarsalternativ; "
                                "andel or antal; and optionally kön, åldersgrupp, ort.")
                              % {"details": "; ".join(parts)})

    known_localities = {n.lower(): n for n in locality_names}
    result = ParseResult()
    for number, raw in enumerate(table[1:], start=2):
        if not any(c not in (None, "") for c in raw):
            continue

        def cell(key, raw=raw):
            index = positions.get(key)
            if index is None or index >= len(raw) or raw[index] is None:
                return ""
            return raw[index]

        problems = []
        question = str(cell("question")).strip()
        option = str(cell("option")).strip()
        if not question:
            problems.append(_("the question is empty"))
        if not option:
            problems.append(_("the answer option is empty"))
        share = count = None
        try:
            share = _number(cell("share"), integer=False)
            if share is not None and not (0 <= share <= 100):
                problems.append(_("the share must be between 0 and 100"))
        except ValueError:
            problems.append(_("the share \"%(value)s\" is not a number") % {"value": cell("share")})
        try:
            count = _number(cell("count"), integer=True)
            if count is not None and count < 0:
                problems.append(_("the count must not be negative"))
        except ValueError:
            problems.append(_("the count \"%(value)s\" is not a whole number")
                            % {"value": cell("count")})
        if share is None and count is None and not any("share" in p or "count" in p
                                                       for p in problems):
            problems.append(_("give a share or a count"))
        breakdowns = [(k, str(cell(k)).strip()) for k in ("gender", "age_group", "locality")
                      if str(cell(k)).strip()]
        breakdown, value = "total", ""
        if len(breakdowns) > 1:
            problems.append(_("give at most one of kön, åldersgrupp and ort"))
        elif breakdowns:
            breakdown, value = breakdowns[0]
            if breakdown == "locality":
                if value.lower() not in known_localities:
                    problems.append(_("unknown locality \"%(value)s\"") % {"value": value})
                else:
                    value = known_localities[value.lower()]
        if problems:
            result.errors.append({"row": number, "message": "; ".join(problems)})
            continue
        result.rows.append({"row": number, "question": question[:300], "option": option[:300],
                            "share": str(share) if share is not None else None,
                            "count": count, "breakdown": breakdown,
                            "breakdown_value": value[:100]})

    # Shares within one question and group must add up to 100.
    groups = defaultdict(list)
    for row in result.rows:
        if row["share"] is not None:
            groups[(row["question"], row["breakdown"], row["breakdown_value"])].append(row)
    bad_rows = set()
    for (question, _b, group), rows in groups.items():
        total = sum(Decimal(r["share"]) for r in rows)
        if abs(total - 100) > SHARE_TOLERANCE:
            numbers = [r["row"] for r in rows]
            bad_rows.update(numbers)
            label = f"{question} ({group})" if group else question
            for n in numbers:
                result.errors.append({"row": n, "message": _(
                    "the shares of \"%(question)s\" add up to %(total)s %%, not 100 %%")
                    % {"question": label, "total": total}})
    if bad_rows:
        result.rows = [r for r in result.rows if r["row"] not in bad_rows]
    result.errors.sort(key=lambda e: e["row"])
    if not result.rows and not result.errors:
        raise ImportFileError(_("The file has no data rows."))
    return result
