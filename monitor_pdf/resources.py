"""Where the bundled datasets, fonts and factsheet definitions live.

A wheel carries `datasets/` and `fonts/` inside the package (`_bundled/`, see
pyproject.toml); an editable install or a checkout reads them from the
repository's top level. Leaf module: standard library only.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    inside = PACKAGE_DIR / "_bundled" / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


def datasets_dir() -> Path:
    return _bundled("datasets")


def fonts_dir() -> Path:
    return _bundled("fonts")


def factsheet_dir() -> Path:
    """Layout and text templates of the factsheet kind (TOML files)."""
    return PACKAGE_DIR / "factsheet"
