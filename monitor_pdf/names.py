"""File names made from data values (leaf module, standard library only)."""

from __future__ import annotations

import re
import unicodedata

from monitor_pdf.errors import DataError
from monitor_pdf.kind import Kind


def slug(text: str) -> str:
    """A file-name part made from a data value: ASCII letters, digits and '-',
    so no value in a CSV can name a path outside the output folder."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def output_name(kind: Kind, laag: str, jaar: int, profile: str = "screen") -> str:
    """The kind's file pattern filled in (factsheet-<laag>-<jaar>.pdf for the
    default kind); the print file gets -print, so both can share a folder."""
    part = slug(laag)
    if not part and "{laag}" in kind.file:
        raise DataError(f"bestuurslaag '{laag}' gives no usable file name")
    return kind.file_name(part, jaar, slug(profile))
