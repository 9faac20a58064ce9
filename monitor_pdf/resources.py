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


DEFAULT_KIND = "agressie"


def kinds_dir() -> Path:
    """The bundled factsheet kinds, one folder each (kind.toml, layout.toml, texts.toml, theme.toml)."""
    return PACKAGE_DIR / "kinds"


def bundled_kinds() -> list[str]:
    return sorted(p.name for p in kinds_dir().iterdir() if (p / "layout.toml").is_file())


def factsheet_dir(name: str = DEFAULT_KIND) -> Path:
    """The folder of a bundled factsheet kind."""
    return kinds_dir() / name
