"""Read every CSV table in a data folder into Records, checking each cell.

Spreadsheet exports are normal input: `;`-separated files with decimal commas,
a UTF-8 byte-order mark and Windows line endings are read like plain CSV. Every
problem is reported as `file:line: column: message`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import TypeVar

from monitor_pdf.data.records import STATUSES, Record, SentenceForm, UnitRecord
from monitor_pdf.errors import DataError, DataProblems

REQUIRED_COLUMNS = ("indicator", "item", "bestuurslaag", "jaar", "waarde", "status", "bron")
OPTIONAL_COLUMNS = ("n", "toelichting")
UNITS_FILE = "eenheden.csv"
UNIT_COLUMNS = ("bestuurslaag", "naam", "in_zin", "vergelijk", "factsheet")
FORMS_FILE = "zinsdelen.csv"
FORM_COLUMNS = ("indicator", "item", "zinsdeel", "meervoud")
OPTIONAL_FORM_COLUMNS = ("bijwoord", "vaker")
# Tables that describe the values rather than hold them.
SIDE_TABLES = (UNITS_FILE, FORMS_FILE)

T = TypeVar("T")


def load_records(data_dir: Path,
                 read_table: Callable[[Path], tuple[list[Record], list[DataError]]] | None = None) -> list[Record]:
    """Every record of every table; all problems of all files at once (DataProblems).
    `read_table(path) -> (records, problems)` may be given to read through a cache."""
    read_table = read_table or _read_table
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError("data folder not found", file=str(data_dir))
    files = sorted(p for p in data_dir.glob("*.csv") if p.name not in SIDE_TABLES)
    if not files:
        raise DataError("no .csv tables in the data folder", file=str(data_dir))
    records: list[Record] = []
    problems: list[DataError] = []
    for path in files:
        try:
            found, bad = read_table(path)
        except DataError as exc:            # the file as a whole is unreadable
            problems.append(exc)
            continue
        records.extend(found)
        problems.extend(bad)
    problems.extend(_duplicates(records))
    if problems:
        raise DataProblems(problems)
    return records


def read_table_checked(path: Path) -> tuple[list[Record], list[DataError]]:
    return _read_table(path)


def read_table(path: Path) -> list[Record]:
    records, problems = _read_table(path)
    if problems:
        raise DataProblems(problems)
    return records


def _read_table(path: Path) -> tuple[list[Record], list[DataError]]:
    """One table's records and the problems of its rows."""
    rows, decimal = _read_rows(path, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    records, problems = [], []
    for line, row in rows:
        record, row_problems = _record(row, path, line, decimal)
        problems.extend(row_problems)
        if record is not None:
            records.append(record)
    return records, problems


def load_units(data_dir: Path) -> list[UnitRecord] | None:
    """The optional units table; None when the folder has none."""
    path = Path(data_dir) / UNITS_FILE
    if not path.is_file():
        return None
    rows, _ = _read_rows(path, UNIT_COLUMNS, ())
    units = [_unit(row, path, line) for line, row in rows]
    seen: dict[str, UnitRecord] = {}
    for unit in units:
        if seen.setdefault(unit.key, unit) is not unit:
            raise DataError(f"duplicate of line {seen[unit.key].line} ({unit.key})", file=str(path),
                            line=unit.line, column="bestuurslaag")
    return units


def load_forms(data_dir: Path) -> list[SentenceForm]:
    """The sentence forms of items (zinsdelen.csv); [] when the folder has none
    (then every sentence that names an item reports the form it lacks)."""
    path = Path(data_dir) / FORMS_FILE
    if not path.is_file():
        return []
    rows, _ = _read_rows(path, FORM_COLUMNS, OPTIONAL_FORM_COLUMNS)
    problems: list[DataError] = []
    forms: dict[tuple[str, str], SentenceForm] = {}
    for line, row in rows:
        cells = {c: str(row.get(c, "")).strip() for c in FORM_COLUMNS + OPTIONAL_FORM_COLUMNS}
        for column in ("indicator", "item", "zinsdeel"):
            if not cells[column]:
                problems.append(DataError("empty; required", file=str(path), line=line, column=column))
        if cells["meervoud"].lower() not in ("ja", "nee"):
            problems.append(DataError(f"'{cells['meervoud']}' is not ja or nee", file=str(path), line=line,
                                      column="meervoud"))
        form = SentenceForm(cells["indicator"], cells["item"], cells["zinsdeel"],
                            cells["meervoud"].lower() == "ja", cells["bijwoord"], cells["vaker"],
                            str(path), line)
        first = forms.setdefault((form.indicator, form.item), form)
        if first is not form:
            problems.append(DataError(f"duplicate of line {first.line} ({form.indicator}, {form.item})",
                                      file=str(path), line=line, column="item"))
    if problems:
        raise DataProblems(problems)
    return list(forms.values())


def _read_rows(path: Path, required: tuple, optional: tuple) -> tuple[list[tuple[int, dict]], str]:
    """(line number, row as str dict) for every data row, and the decimal mark.
    Blank lines are skipped but counted, so a line number is the file's own."""
    # imported here: commands that read no data don't pay for it (types: pandas-stubs)
    import pandas as pd

    text = _read_text(path)
    sep, decimal = _dialect(text, path)
    try:
        frame = pd.read_csv(StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            skipinitialspace=False, skip_blank_lines=False)
    except pd.errors.EmptyDataError:
        raise DataError("file is empty", file=str(path), line=1) from None
    except pd.errors.ParserError as exc:
        message, line = _parser_problem(str(exc))
        raise DataError(message, file=str(path), line=line) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataError(f"missing column(s) {', '.join(missing)}; expected "
                        f"{', '.join(required + optional)}", file=str(path), line=1)
    return [(index + 2, row) for index, row in enumerate(frame.to_dict("records"))
            if any(str(v).strip() for v in row.values())], decimal


def _unit(row: dict, path: Path, line: int) -> UnitRecord:
    cells = {c: str(row.get(c, "")).strip() for c in UNIT_COLUMNS}
    for column in ("bestuurslaag", "naam", "in_zin"):
        if not cells[column]:
            raise DataError("empty; a name is required", file=str(path), line=line, column=column)
    if cells["factsheet"].lower() not in ("ja", "nee"):
        raise DataError(f"'{cells['factsheet']}' is not ja or nee", file=str(path), line=line,
                        column="factsheet")
    compare_with = tuple(k.strip() for k in cells["vergelijk"].split("|") if k.strip())
    return UnitRecord(cells["bestuurslaag"], cells["naam"], cells["in_zin"], compare_with,
                      cells["factsheet"].lower() == "ja", str(path), line)


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DataError("not UTF-8 text (an old Excel export in cp1252?); "
                        "save it as 'CSV UTF-8'", file=str(path), line=line) from None


def _dialect(text: str, path: Path) -> tuple[str, str]:
    """`;` in the header means a Dutch spreadsheet export: decimal commas too."""
    header = text.split("\n", 1)[0]
    if not header.strip():
        raise DataError("file is empty or has no header line", file=str(path), line=1)
    return (";", ",") if header.count(";") > header.count(",") else (",", ".")


def _record(row: dict, path: Path, line: int, decimal: str) -> tuple[Record | None, list[DataError]]:
    """The row as a Record, or None and every problem its cells have."""
    problems: list[DataError] = []

    def cell(column: str) -> str:
        return str(row.get(column, "")).strip()

    def check(column: str, parse: Callable[[str], T]) -> T | None:
        try:
            return parse(cell(column))
        except ValueError as exc:
            problems.append(DataError(str(exc), file=str(path), line=line, column=column))
            return None

    for column in ("indicator", "item", "bestuurslaag"):
        check(column, _label)
    status = check("status", _status)
    check("bron", lambda text: _label(text, "every value says where it comes from"))
    jaar = check("jaar", _year)
    waarde = check("waarde", lambda text: _percentage(text, decimal))
    n = check("n", _sample_size)
    if problems:
        return None, problems
    assert status is not None and jaar is not None and waarde is not None, "parsed without problems"
    return Record(indicator=cell("indicator"), item=cell("item"), laag=cell("bestuurslaag"),
                  jaar=jaar, waarde=waarde, n=n, status=status, bron=cell("bron"),
                  file=str(path), line=line), []


def _label(text: str, why: str = "a label is required") -> str:
    if not text:
        raise ValueError(f"empty; {why}")
    return text


def _status(text: str) -> str:
    if text.lower() not in STATUSES:
        raise ValueError(f"'{text}' is not one of {', '.join(STATUSES)}")
    return text.lower()


def _year(text: str) -> int:
    if not text.isdigit() or not 1900 <= int(text) <= 2100:
        raise ValueError(f"'{text}' is not a year")
    return int(text)


def _percentage(text: str, decimal: str) -> float:
    normalised = text.replace(decimal, ".") if decimal != "." else text
    try:
        value = float(normalised.rstrip("%").strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if math.isnan(value) or not 0 <= value <= 100:
        raise ValueError(f"{text} is not a percentage between 0 and 100")
    return value


def _sample_size(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) <= 0:
        raise ValueError(f"'{text}' is not a positive whole number")
    return int(text)


def _duplicates(records: list[Record]) -> list[DataError]:
    seen: dict[tuple, Record] = {}
    problems = []
    for record in records:
        first = seen.setdefault(record.key, record)
        if first is not record:
            problems.append(DataError(
                f"duplicate of line {first.line} in {Path(first.file).name} "
                f"({record.indicator}, {record.item}, {record.laag}, {record.jaar})",
                file=record.file, line=record.line))
    return problems


def _parser_problem(text: str) -> tuple[str, int | None]:
    """pandas' tokenizer message in the user's terms, and the line it is about."""
    fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if fields:
        expected, line, saw = map(int, fields.groups())
        return ((f"not a valid CSV table: {saw} fields where the header has {expected} "
                 "(a comma inside a value? put the value in quotes, or export with ';')"), line)
    unclosed = re.search(r"EOF inside string starting at row (\d+)", text)
    if unclosed:
        return "not a valid CSV table: a quoted value is never closed (a cut-off file?)", int(unclosed.group(1)) + 1
    first = text.strip().splitlines()[0] if text.strip() else "unreadable"
    return f"not a valid CSV table ({first.replace('Error tokenizing data. C error: ', '')})", None
