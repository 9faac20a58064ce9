"""Write a file atomically: a failed or stopped build leaves no partial or
temporary file and keeps the old one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from monitor_pdf.errors import OutputError
from monitor_pdf.processes import held

_written: list[Path] = []    # files this process wrote since forget_written(): what a stopped command says it wrote


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`.
    A stop signal (SIGINT, SIGTERM) that comes meanwhile waits for the end of this
    (processes.held): before the rename, the temporary file is removed and `path`
    keeps its old bytes; after it, `path` is whole and new."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: folder {directory} does not exist")
    with held() as hold:
        try:
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
        except OSError as exc:
            raise OutputError(f"{path}: cannot write here ({exc.strerror})") from None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
            if hold.requested:           # stopped: the old file stays as it was
                Path(tmp).unlink()
                raise OutputError(f"{path}: not written (stopped)")
            os.replace(tmp, path)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise OutputError(f"{path}: cannot write ({exc.strerror})") from None
        _written.append(path)


def written() -> list[Path]:
    """The files write_atomic wrote since forget_written()."""
    return list(_written)


def forget_written() -> None:
    _written.clear()
