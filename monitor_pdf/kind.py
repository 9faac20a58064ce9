"""Which factsheet kind to build, and what its kind.toml says. Leaf module.

A factsheet kind is a folder: kind.toml, layout.toml, texts.toml, theme.toml
(docs/new-factsheet.md). `--factsheet NAME|DIR` names one: a folder of the
user's own is used as it is; else a folder `factsheets/NAME` beside the data;
else a bundled kind (monitor_pdf/kinds/NAME). Nobody edits installed files.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from monitor_pdf import resources
from monitor_pdf.errors import SpecError

KIND_FILES = ("kind.toml", "layout.toml", "texts.toml", "theme.toml")


@dataclass(frozen=True)
class Kind:
    name: str                 # the folder's name: "agressie", "landelijk", "mijn-factsheet"
    directory: Path
    title: str
    description: str
    data: Path                # the data it is built from when no --data is given
    laag: str                 # the unit built when none is asked for ("" = the first unit in the data)
    file: str                 # the PDF's name: "factsheet-{laag}-{jaar}"

    def file_name(self, laag_slug: str, jaar: int, profile: str = "screen") -> str:
        name = self.file.replace("{laag}", laag_slug).replace("{jaar}", str(jaar))
        return f"{name}{'' if profile == 'screen' else '-' + profile}.pdf"


def find_kind(factsheet: str | Path | None = None, data_dir: Path | None = None) -> Path:
    """The folder of the factsheet kind a user named (None: the default kind)."""
    if factsheet is None or str(factsheet) == "":
        return resources.factsheet_dir()
    as_path = Path(factsheet)
    if (as_path / "layout.toml").is_file():
        return as_path
    beside = Path(data_dir or resources.datasets_dir()) / "factsheets" / str(factsheet)
    if (beside / "layout.toml").is_file():
        return beside
    bundled = resources.kinds_dir() / str(factsheet)
    if re.fullmatch(r"[\w-]+", str(factsheet)) and (bundled / "layout.toml").is_file():
        return bundled
    raise SpecError(f"factsheet '{factsheet}': not a folder with a layout.toml, and not a bundled kind "
                    f"(bundled: {', '.join(resources.bundled_kinds())})")


def load_kind(directory: Path) -> Kind:
    """kind.toml of a kind folder; every key has a default, so a folder without
    one is a kind of the default data, named after itself."""
    path = directory / "kind.toml"
    raw = {}
    if path.is_file():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SpecError(f"{path}: {exc}") from None
    unknown = sorted(set(raw) - {"title", "description", "data", "laag", "file"})
    if unknown:
        raise SpecError(f"{path}: unknown key(s) {', '.join(unknown)} (keys: title, description, data, laag, file)")
    file = str(raw.get("file", "factsheet-{laag}-{jaar}"))
    if "{jaar}" not in file or not re.fullmatch(r"[\w{}.-]+", file):
        line = next((n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                     if text.lstrip().startswith("file")), 1)
        raise SpecError(f"{path}:{line}: file '{file}' must contain {{jaar}} and only letters, digits, '-' and '.'")
    data = resources.datasets_dir() / str(raw.get("data", "."))
    return Kind(directory.name, directory, str(raw.get("title", directory.name)), str(raw.get("description", "")),
                data.resolve(), str(raw.get("laag", "")), file)
