"""The one error hierarchy. The CLI turns each into a one-line message and an exit code."""

from __future__ import annotations


class MonitorError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""

    exit_code = 1


class DataError(MonitorError):
    """Bad or missing input data, located as precisely as we know it."""

    def __init__(self, message: str, *, file: str | None = None,
                 line: int | None = None, column: str | None = None):
        self.file, self.line, self.column, self.detail = file, line, column, message
        where = ":".join(str(p) for p in (file, line) if p is not None)
        prefix = f"{where}: " if where else ""
        col = f"{column}: " if column else ""
        super().__init__(f"{prefix}{col}{message}")


class DataProblems(DataError):
    """Several data problems, found in one pass: the first is the message, all are listed."""

    def __init__(self, problems: list[DataError]):
        self.problems = problems
        first = problems[0]
        more = len(problems) - 1
        suffix = (f" (and {more} more problem{'s' if more > 1 else ''}; 'monitor-pdf validate' lists all)"
                  if more else "")
        super().__init__(first.detail + suffix, file=first.file, line=first.line, column=first.column)


class StrictError(MonitorError):
    """--strict: the factsheet would show illustrative values (listed in `values`)."""

    def __init__(self, message: str, values: list[str]):
        self.values = values
        super().__init__(message)


class SpecError(MonitorError):
    """The layout or text templates are inconsistent."""


class LayoutError(MonitorError):
    """A block does not fit its space. Names the block; never clipped or shrunk."""

    def __init__(self, block_id: str, message: str):
        self.block_id = block_id
        super().__init__(f"block '{block_id}': {message}")


class ChartError(MonitorError):
    """A chart could not be drawn as vector graphics."""


class OutputError(MonitorError):
    """The PDF could not be written."""
