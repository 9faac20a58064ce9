"""Read every CSV table in a data folder into Records, checking each cell.

Spreadsheet exports are normal input: `;`-separated files with decimal commas,
a UTF-8 byte-order mark and Windows line endings are read like plain CSV. Every
problem is reported as `file:line: column: message`.
"""

from __future__ import annotations

import math
from io import StringIO
from pathlib import Path

from monitor_pdf.data.records import STATUSES, Record, UnitRecord
from monitor_pdf.errors import DataError

REQUIRED_COLUMNS = ("indicator", "item", "bestuurslaag", "jaar", "waarde", "status", "bron")
OPTIONAL_COLUMNS = ("n", "toelichting")
UNITS_FILE = "eenheden.csv"
UNIT_COLUMNS = ("bestuurslaag", "naam", "in_zin", "vergelijk", "factsheet")


def load_records(data_dir: Path) -> list[Record]:
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError("data folder not found", file=str(data_dir))
    files = sorted(p for p in data_dir.glob("*.csv") if p.name != UNITS_FILE)
    if not files:
        raise DataError("no .csv tables in the data folder", file=str(data_dir))
    records: list[Record] = []
    for path in files:
        records.extend(read_table(path))
    _check_unique(records)
    return records


def read_table(path: Path) -> list[Record]:
    rows, decimal = _read_rows(path, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    return [_record(row, path, line, decimal) for line, row in rows]


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


def _read_rows(path: Path, required: tuple, optional: tuple) -> tuple[list[tuple[int, dict]], str]:
    """(line number, row as str dict) for every data row, and the decimal mark."""
    import pandas as pd  # imported here: commands that read no data don't pay for it

    text = _read_text(path)
    sep, decimal = _dialect(text, path)
    try:
        frame = pd.read_csv(StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            skipinitialspace=False)
    except pd.errors.EmptyDataError:
        raise DataError("file is empty", file=str(path), line=1) from None
    except pd.errors.ParserError as exc:
        raise DataError(f"not a valid CSV table ({_first_line(exc)})", file=str(path)) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataError(f"missing column(s) {', '.join(missing)}; expected "
                        f"{', '.join(required + optional)}", file=str(path), line=1)
    return [(index + 2, row) for index, row in enumerate(frame.to_dict("records"))], decimal


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


def _record(row: dict, path: Path, line: int, decimal: str) -> Record:
    def cell(column: str) -> str:
        return str(row.get(column, "")).strip()

    def fail(column: str, message: str) -> DataError:
        return DataError(message, file=str(path), line=line, column=column)

    for column in ("indicator", "item", "bestuurslaag"):
        if not cell(column):
            raise fail(column, "empty; a label is required")
    status = cell("status").lower()
    if status not in STATUSES:
        raise fail("status", f"'{cell('status')}' is not one of {', '.join(STATUSES)}")
    if not cell("bron"):
        raise fail("bron", "empty; every value says where it comes from")
    return Record(
        indicator=cell("indicator"), item=cell("item"), laag=cell("bestuurslaag"),
        jaar=_year(cell("jaar"), fail), waarde=_percentage(cell("waarde"), decimal, fail),
        n=_sample_size(cell("n"), fail), status=status, bron=cell("bron"),
        file=str(path), line=line,
    )


def _year(text: str, fail) -> int:
    if not text.isdigit() or not 1900 <= int(text) <= 2100:
        raise fail("jaar", f"'{text}' is not a year")
    return int(text)


def _percentage(text: str, decimal: str, fail) -> float:
    normalised = text.replace(decimal, ".") if decimal != "." else text
    try:
        value = float(normalised.rstrip("%").strip())
    except ValueError:
        raise fail("waarde", f"'{text}' is not a number") from None
    if math.isnan(value) or not 0 <= value <= 100:
        raise fail("waarde", f"{text} is not a percentage between 0 and 100")
    return value


def _sample_size(text: str, fail) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) <= 0:
        raise fail("n", f"'{text}' is not a positive whole number")
    return int(text)


def _check_unique(records: list[Record]) -> None:
    seen: dict[tuple, Record] = {}
    for record in records:
        first = seen.setdefault(record.key, record)
        if first is not record:
            raise DataError(
                f"duplicate of line {first.line} in {Path(first.file).name} "
                f"({record.indicator}, {record.item}, {record.laag}, {record.jaar})",
                file=record.file, line=record.line)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
