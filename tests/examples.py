"""Running the shell examples of the documentation (README.md, docs/*.md) as tests."""

from __future__ import annotations

import re
import shlex

from click.testing import CliRunner
from monitor_pdf.cli import cli

BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def blocks(markdown: str) -> list[tuple[str, str]]:
    """(language, body) of every fenced block."""
    return BLOCK.findall(markdown)


def split(line: str) -> tuple[list[str], str]:
    """The words of a command line and its trailing comment."""
    command, _, comment = line.partition("#")
    return shlex.split(command), comment.strip()


def run_line(line: str):
    """Run one `monitor-pdf ...` line in this process, as the user would in a shell.
    A line whose comment says "exits 1" must fail with an error on stderr;
    every other line must succeed. Returns click's result."""
    args, comment = split(line)
    assert args[0] == "monitor-pdf", line
    result = CliRunner().invoke(cli, args[1:])
    if "exits 1" in comment:
        assert result.exit_code == 1 and result.stderr.strip(), (line, result.output)
    else:
        assert result.exit_code == 0, (line, result.output, result.stderr)
    return result
