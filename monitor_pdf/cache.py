"""A small content-addressed cache for work that is expensive and repeats:
charts (display lists) and parsed data tables.

Keys are hashes of everything the result depends on (input, theme, code,
library versions), so a changed number or a changed chart module always
misses. Entries live in memory for the process and on disk in the user's cache
folder ($MONITOR_PDF_CACHE, else $XDG_CACHE_HOME/monitor-pdf, else
~/.cache/monitor-pdf); the folder is safe to delete at any time.
MONITOR_PDF_CACHE=off turns the disk cache off. Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

from monitor_pdf import __version__
from monitor_pdf.processes import held

_MEMORY: dict[tuple[str, str], object] = {}
_MEMORY_LIMIT = 2048


def cache_dir() -> Path | None:
    setting = os.environ.get("MONITOR_PDF_CACHE", "")
    if setting.lower() in ("off", "0", "no"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "monitor-pdf"


@cache
def code_version(*modules: str) -> str:
    """Tool version, library versions and the source of the given package folders
    (e.g. 'charts'): editing the code invalidates what it produced."""
    digest = hashlib.sha256(__version__.encode())
    for lib in ("matplotlib", "pandas", "reportlab", "uharfbuzz"):   # uharfbuzz: chart label widths are shaped
        try:
            digest.update(metadata.version(lib).encode())
        except metadata.PackageNotFoundError:
            pass
    root = Path(__file__).parent
    for name in modules:
        for path in sorted((root / name).glob("*.py")) if (root / name).is_dir() else [root / f"{name}.py"]:
            digest.update(path.read_bytes())
    return digest.hexdigest()


def key_of(*parts: object) -> str:
    """A stable key from reprs (dataclasses and tuples repr deterministically)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def get(kind: str, key: str):
    """The cached value, or None."""
    if (kind, key) in _MEMORY:
        return _MEMORY[(kind, key)]
    folder = cache_dir()
    if folder is None:
        return None
    try:
        value = pickle.loads((folder / kind / f"{key}.pickle").read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None          # missing, unreadable or from an incompatible version: a miss
    _remember(kind, key, value)
    return value


def put(kind: str, key: str, value) -> None:
    _remember(kind, key, value)
    folder = cache_dir()
    if folder is None:
        return
    target = folder / kind
    with held():             # a stop waits for the rename: no temporary file is left behind
        try:
            target.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target, prefix=".", suffix=".tmp")
        except OSError:
            return           # a cache that cannot be written is only a slower build
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target / f"{key}.pickle")
        except OSError:
            Path(tmp).unlink(missing_ok=True)


def _remember(kind: str, key: str, value) -> None:
    if len(_MEMORY) >= _MEMORY_LIMIT:
        _MEMORY.clear()
    _MEMORY[(kind, key)] = value


def clear_memory(kind: str | None = None) -> None:
    """Forget what this process holds (of one kind, or all)."""
    for entry in [k for k in _MEMORY if kind is None or k[0] == kind]:
        del _MEMORY[entry]
