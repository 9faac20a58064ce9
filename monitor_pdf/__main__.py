"""The `monitor-pdf` command (pyproject's [project.scripts]) and `python -m monitor_pdf`.

The stop signals (SIGINT, SIGTERM) are taken over first, before click and the
commands are imported (a few tenths of a second on a busy machine): a stop
that comes while the command starts also ends it with one line and 130 or 143.
"""

from __future__ import annotations

import sys

from monitor_pdf.processes import Stopped, handle_stop_signals


def main() -> None:
    handle_stop_signals()
    try:
        from monitor_pdf.cli import main as command

        command()
    except Stopped as stop:     # while the command was imported: nothing done yet
        sys.stderr.write(f"monitor-pdf: stopped ({stop.name}); nothing written, the files there are kept\n")
        sys.exit(stop.exit_code)


if __name__ == "__main__":
    main()
