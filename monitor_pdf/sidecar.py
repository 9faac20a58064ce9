"""The record of what a factsheet says, as a file beside its PDF (leaf module).

Every build writes `<name>.json` beside `<name>.pdf` (a print file
`<name>-print.pdf` gets its own `<name>-print.json`): the values each figure
and list shows, every text as printed, sentence by sentence, and the claims
behind the sentences (contents.py makes it; review.py compares two). A
sidecar and not an attachment, because PDF/A-2 allows no arbitrary embedded
files. The bytes are deterministic: sorted keys, no times; the record names
the sha256 of the PDF it describes, so a record and a PDF that do not belong
together (a build interrupted between the two writes) are found.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from monitor_pdf.errors import MonitorError

FORMAT = "monitor-pdf factsheet record"
VERSION = 1                    # raised when a reader of the old shape would misread the new one
SUFFIX = ".json"
MANIFEST = "manifest.json"     # batch.py's, never a record

FactsheetRecord = dict[str, Any]


class RecordError(MonitorError):
    """A record (or a folder of them) that cannot be read or compared."""


def sidecar_path(pdf: Path) -> Path:
    """The record of a PDF: factsheet-provincies-2024.pdf -> factsheet-provincies-2024.json."""
    pdf = Path(pdf)
    return pdf.with_suffix(SUFFIX) if pdf.suffix.lower() == ".pdf" else pdf.with_name(pdf.name + SUFFIX)


def encode(record: FactsheetRecord) -> bytes:
    """The record's bytes: the same record always gives the same bytes (sorted
    keys, no times). JSON with one value, text or claim a line, so that a plain
    `diff` of two records is readable too."""
    lines = ["{"]
    for n, key in enumerate(sorted(record)):
        value, comma = record[key], "," if n < len(record) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f" {_compact(key)}: [")
            lines += [f"  {_compact(entry)}{',' if i < len(value) - 1 else ''}" for i, entry in enumerate(value)]
            lines.append(f" ]{comma}")
        else:
            lines.append(f" {_compact(key)}: {_compact(value)}{comma}")
    return ("\n".join(lines) + "\n}\n").encode("utf-8")


def _compact(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))


def pdf_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_record(data: object) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def read_record(path: Path) -> FactsheetRecord:
    """The record in `path`, checked for its shape; RecordError says what is wrong."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RecordError(f"{path}: cannot read the factsheet record ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise RecordError(f"{path}: unreadable factsheet record (not UTF-8 text)") from None
    except ValueError as exc:
        raise RecordError(f"{path}: unreadable factsheet record ({exc})") from None
    return check_record(data, path)


def check_record(data: object, path: Path) -> FactsheetRecord:
    if not is_record(data):
        raise RecordError(f"{path}: not a factsheet record (no \"format\": \"{FORMAT}\")")
    assert isinstance(data, dict)
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise RecordError(f"{path}: factsheet record version {version!r}; this monitor-pdf reads version "
                          f"{VERSION} and older (update monitor-pdf)")
    shapes = {"factsheet": dict, "values": list, "texts": list, "claims": list}
    wrong = [key for key, kind in shapes.items() if not isinstance(data.get(key), kind)]
    if wrong:
        raise RecordError(f"{path}: unreadable factsheet record (missing or malformed: {', '.join(wrong)})")
    return data


def records_in(folder: Path) -> list[Path]:
    """The records in a folder: every *.json that is one (manifest.json never is);
    a .json that does not parse is an error (a record cut short), one that is
    other JSON is not a record and is left alone."""
    found = []
    for path in sorted(Path(folder).glob("*" + SUFFIX)):
        if path.name == MANIFEST or not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            read_record(path)          # raises, saying why
        if is_record(data):
            found.append(path)
    return found
