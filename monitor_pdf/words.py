"""The words generated sentences are made of (leaf module, standard library only).

Python holds the rules that choose words (monitor_pdf/wording); the words
themselves are data: monitor_pdf/language/nl.toml, which a factsheet kind may
amend with a words.toml of its own (same tables and keys; a table merges key
by key, a list or text replaces). A key the language file does not have is a
mistake, reported with the file it is in.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from monitor_pdf import resources
from monitor_pdf.errors import SpecError

LANGUAGE = "nl"


@dataclass(frozen=True)
class Words:
    table: dict = field(repr=False, compare=False)
    digest: str = ""            # identifies the words, for caches

    def __getitem__(self, section: str) -> Any:        # a TOML table: texts, lists, tables
        return self.table[section]

    def get(self, section: str, key: str) -> Any:
        return self.table[section][key]

    def __hash__(self) -> int:
        return hash(self.digest)


def load_words(kind_dir: Path | None = None) -> Words:
    """The language's words, amended by the kind's words.toml when it has one."""
    base_path = resources.PACKAGE_DIR / "language" / f"{LANGUAGE}.toml"
    override = Path(kind_dir) / "words.toml" if kind_dir else None
    texts = [base_path.read_bytes()] + ([override.read_bytes()] if override and override.is_file() else [])
    return _load(tuple(texts), str(override) if override else "")


@lru_cache(maxsize=16)
def _load(texts: tuple[bytes, ...], override_path: str) -> Words:
    table = _parse(texts[0], "nl.toml")
    if len(texts) > 1:
        _merge(table, _parse(texts[1], override_path), override_path, "")
    return Words(table, hashlib.sha256(b"\0".join(texts)).hexdigest())


def _parse(data: bytes, where: str) -> dict:
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SpecError(f"{where}: {exc}") from None


def _merge(base: dict, extra: dict, where: str, prefix: str) -> None:
    for key, value in extra.items():
        if key not in base:
            raise SpecError(f"{where}: [{prefix}] has no key '{key}' in the language's words "
                            f"(keys: {', '.join(base)})" if prefix else f"{where}: no table [{key}] in the "
                            f"language's words (tables: {', '.join(base)})")
        if isinstance(base[key], dict) and isinstance(value, dict):
            _merge(base[key], value, where, f"{prefix}.{key}".strip("."))
        else:
            base[key] = value
