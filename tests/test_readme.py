"""README.md, run: every `monitor-pdf` line of its ```sh blocks (as sqlite-utils
runs its documentation's examples).

Each line runs in a fresh folder holding what a reader of that section has at
hand: `mijn-data` and `mijn-factsheet` (as `monitor-pdf kinds copy` makes
them), `per-provincie` (the generated twelve-provincie data), and a built
factsheet and `dist/` for the commands that read them, and `vorige/` (a build
from data with one value that differs) for `diff`. The line must succeed,
and every file its comment names (factsheet-landelijk-2024.pdf, previews/...)
must be there afterwards. `watch` runs until its first build, then gets Ctrl-C.
The `make` lines are the set-up commands CI itself runs (.ci/run).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from bench.units_dataset import generate
from click.testing import CliRunner
from monitor_pdf.cli import cli

from tests.examples import blocks, run_line, split

README = Path(__file__).resolve().parent.parent / "README.md"
NAMED_FILE = re.compile(r"(?<![\w-])([\w][\w/.-]*\.(?:pdf|png))")


def readme_lines() -> list[str]:
    lines = []
    for language, body in blocks(README.read_text(encoding="utf-8")):
        if language == "sh":
            lines += [line for line in body.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return lines


COMMANDS = [line for line in readme_lines() if not line.startswith("make ")]


def test_the_readme_starts_with_the_two_set_up_commands_and_shows_every_command():
    lines = readme_lines()
    assert [split(line)[0] for line in lines[:2]] == [["make", "factsheet"], ["make", "test"]]
    shown = {split(line)[0][1] for line in COMMANDS}
    listed = set(cli.commands)
    assert listed <= shown, f"commands without an example in README.md: {sorted(listed - shown)}"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """What a reader has at hand, made once with the tool itself."""
    root = tmp_path_factory.mktemp("readme")
    here = Path.cwd()
    os.chdir(root)
    try:
        for args in (["kinds", "copy", "agressie", "mijn-factsheet", "--data", "mijn-data"],
                     ["build"], ["build", "--profile", "print"], ["batch", "-o", "dist"]):
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 0, (args, result.output, result.stderr)
        # `vorige`: the factsheets as a build before a correction saw them (Intern
        # gemeld, provincies 2024: 33 where the bundled data has 30), for `diff`
        shutil.copytree("mijn-data", "vorige-data")
        melden = Path("vorige-data", "melden.csv")
        before = "besproken_gemeld,Intern gemeld,provincies,2024,30,"
        assert melden.read_text(encoding="utf-8").count(before) == 1
        melden.write_text(melden.read_text(encoding="utf-8").replace(before, before.replace(",30,", ",33,")),
                          encoding="utf-8")
        for args in (["batch", "-o", "vorige", "--data", "vorige-data"],
                     ["build", "--factsheet", "landelijk", "-o", "vorige/factsheet-landelijk-2024.pdf"]):
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 0, (args, result.output, result.stderr)
    finally:
        os.chdir(here)
    generate(root / "per-provincie", 2022, 2024)
    return root


@pytest.mark.parametrize("line", COMMANDS, ids=[" ".join(split(line)[0][1:]) or "monitor-pdf" for line in COMMANDS])
def test_readme_example_runs(line, workspace, tmp_path, monkeypatch):
    folder = tmp_path / "here"
    shutil.copytree(workspace, folder)
    monkeypatch.chdir(folder)
    args, comment = split(line)
    if "kinds" in args and "copy" in args:       # the example makes what the workspace already has
        for made in args[args.index("copy") + 2:]:
            if not made.startswith("-"):
                shutil.rmtree(made, ignore_errors=True)
    if args[1] == "watch":
        _run_watch_until_first_build(args[2:])
    else:
        run_line(line)
    for named in NAMED_FILE.findall(comment):
        assert (folder / named).is_file(), f"{line!r} says it writes {named}"


def _run_watch_until_first_build(options: list[str]) -> None:
    process = subprocess.Popen([sys.executable, "-m", "monitor_pdf", "watch", *options],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        first = process.stdout.readline()
        assert first.startswith("rebuilt factsheet-"), first
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    assert "stopped" in output
