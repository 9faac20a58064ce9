"""Rebuild when an input changes: the data folder's tables and text overrides,
and the factsheet's layout and texts. Polls modification times (no extra
dependency, works on every file system); one warm process, so a rebuild
reuses fonts, parsed data and every unchanged chart."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from monitor_pdf import resources


def watched_files(data_dir: Path | None, kind_dir: Path | None = None) -> list[Path]:
    """The data folder's tables and text overrides, and the kind's files."""
    folder = Path(data_dir) if data_dir else resources.datasets_dir()
    kind = Path(kind_dir) if kind_dir else resources.factsheet_dir()
    return sorted([*folder.glob("*.csv"), *folder.glob("teksten/*.toml"), *kind.glob("*.toml"), *kind.glob("*.csv")])


def snapshot(paths: list[Path]) -> dict[Path, tuple[int, int]]:
    state: dict[Path, tuple[int, int]] = {}
    for path in paths:
        try:
            stat = path.stat()
            state[path] = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            state[path] = (0, -1)
    return state


def watch(data_dir: Path | None, on_change: Callable[[list[Path]], None], interval: float = 0.3,
          stop: Callable[[], bool] = lambda: False, on_start: Callable[[], None] = lambda: None,
          kind_dir: Path | None = None) -> None:
    """Call on_start() once, then on_change(changed files) after every change,
    until stop() is true. The files are looked at before on_start, so an edit
    made while the first build runs is not missed."""
    before = snapshot(watched_files(data_dir, kind_dir))
    on_start()
    while not stop():
        time.sleep(interval)
        now = snapshot(watched_files(data_dir, kind_dir))
        changed = sorted(p for p in now.keys() | before.keys() if now.get(p) != before.get(p))
        if changed:
            before = now
            on_change(changed)
