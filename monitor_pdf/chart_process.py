"""Draw charts in a helper process that starts importing matplotlib at once.

A first build in a fresh process needs pandas for the tables and matplotlib
for the charts, two slow imports (docs/benchmarks.md), one after the other. With a
second core, a forked helper imports matplotlib and sets up the fonts while
the main process reads the data, then draws the charts it is sent. Only the
one-shot `build` command uses it, and only when the tables are not in the
cache (else the charts most likely are too); long-running processes (watch,
batch workers) import matplotlib once and keep it. The helper ignores Ctrl-C
(the build stops it) and ends with the build, however that ends
(processes.die_with_parent).
"""

from __future__ import annotations

import multiprocessing
import os
import sys

from monitor_pdf.errors import ChartError
from monitor_pdf.processes import can_fork, die_with_parent, forking, stop_children, usable_cpus


class ChartProcess:
    def __init__(self, process, connection):
        self._process, self._connection = process, connection
        self._used = False

    @classmethod
    def start(cls, force: bool = False) -> ChartProcess | None:
        """A helper, or None where it would not help (one core, matplotlib already
        loaded) or cannot run (no fork). `force` skips the first two checks."""
        if not can_fork():    # a spawned helper would import matplotlib itself: no head start
            return None
        if not force and (usable_cpus() < 2 or "matplotlib" in sys.modules):
            return None
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs, os.getpid()), daemon=True)
        try:
            with forking():     # the helper takes up its own signal handling before any signal reaches it
                process.start()
        except BaseException:   # a stop held back meanwhile acts here: the new helper goes too
            if process.pid is not None:
                stop_children([process])
            raise
        theirs.close()
        return cls(process, ours)

    def draw(self, requests: list[tuple]) -> list:
        """Display lists for ChartRequest field tuples, drawn in the helper."""
        self._used = True
        try:
            self._connection.send(requests)
            status, payload = self._connection.recv()
        except (EOFError, OSError) as exc:
            raise ChartError(f"the chart process stopped ({exc})") from None
        if status == "error":
            raise ChartError(payload)
        return payload

    def close(self) -> None:
        """Stop the helper; one that was never asked to draw (an error came first,
        or every chart was cached) is stopped at once, mid-import."""
        if self._used:
            try:
                self._connection.send(None)
            except OSError:
                pass
            self._process.join(timeout=5)
        if self._process.is_alive():
            self.stop()

    def stop(self) -> None:
        """Stop the helper at once, whatever it is doing (the build was stopped)."""
        stop_children([self._process])


def _serve(connection, parent_pid: int) -> None:
    die_with_parent(parent_pid)      # a parent that is gone, even by SIGKILL, takes the helper with it
    from monitor_pdf.charts.draw import ChartRequest, draw_charts
    from monitor_pdf.charts.style import register_fonts

    register_fonts()
    while True:
        requests = connection.recv()
        if requests is None:
            return
        try:
            connection.send(("ok", draw_charts([ChartRequest(*r) for r in requests])))
        except Exception as exc:  # noqa: BLE001 - sent back whole: the main process reports it
            connection.send(("error", str(exc) if isinstance(exc, ChartError)
                             else f"internal error while drawing: {type(exc).__name__}: {exc}"))
