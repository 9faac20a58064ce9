"""`make diff BASE=<ref>`, as CI runs it: the factsheets of a git ref and of the
working tree are built (the ref's own code and data, the checkout's own) and
compared, into build/diff/diff.md for the job summary.

Runs in a throw-away git repository holding a copy of this checkout's code and
data (its own commit is the base), with this checkout's venv; the change is
one value of the bundled data (Intern gemeld, provincies 2024: 30 -> 33), and
the expected lines are written down here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.prefix)

pytestmark = pytest.mark.skipif(not (shutil.which("make") and shutil.which("git") and sys.prefix != sys.base_prefix
                                     and (VENV / "bin" / "python").is_file()),
                                reason="make diff needs make, git and a venv with bin/python")
ROW = "besproken_gemeld,Intern gemeld,provincies,2024,"      # datasets/melden.csv: 30 in the bundled data


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.org", *args], cwd=repo,
                   check=True, capture_output=True)


def make_diff(repo: Path, base: str) -> subprocess.CompletedProcess:
    # this venv, and its set-up stamp taken as done (-o): nothing is installed;
    # not a sub-make of the `make test` this may run in (no "Entering directory")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", "--no-print-directory", "diff", f"BASE={base}", f"VENV={VENV}",
                           "-o", f"{VENV}/.installed"], cwd=repo, capture_output=True, text=True, timeout=600, env=env)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("make-diff") / "repo"
    repo.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, repo / name)
    for name in ("monitor_pdf", "datasets", "fonts"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "branch", "-M", "main")
    return repo


def set_intern_gemeld(repo: Path, value: int) -> None:
    melden = repo / "datasets" / "melden.csv"
    lines = melden.read_text(encoding="utf-8").splitlines(keepends=True)
    (n,) = [n for n, line in enumerate(lines) if line.startswith(ROW)]
    lines[n] = f"{ROW}{value},{lines[n][len(ROW):].split(',', 1)[1]}"
    melden.write_text("".join(lines), encoding="utf-8")


def test_make_diff_shows_a_changed_value_and_writes_the_job_summary(repo):
    set_intern_gemeld(repo, 33)
    result = make_diff(repo, "main")
    assert result.returncode == 0, result.stdout + result.stderr
    for line in ("factsheet-provincies-2024.pdf (agressie, provincies 2024)",
                 "    Figuur 5 (fig5), Intern gemeld: 30%* → 33%*",
                 "      + {+Een derde maakte+} een officiële interne melding bij de daarvoor aangewezen persoon.*",
                 "1 factsheet changed (of 4 compared)"):
        assert line in result.stdout.splitlines(), (line, result.stdout)
    summary = (repo / "build" / "diff" / "diff.md").read_text(encoding="utf-8")
    assert summary.startswith("## Factsheets: words and numbers against main\n\n### factsheet-provincies-2024.pdf")
    assert "| Figuur 5 (fig5) | Intern gemeld | 30%\\* | 33%\\* |" in summary.splitlines()
    assert (repo / "build" / "diff" / "diff.json").is_file()


def test_make_diff_of_the_same_files_says_nothing_changed(repo):
    set_intern_gemeld(repo, 30)
    result = make_diff(repo, "main")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "No change in the words and numbers of any factsheet."
    assert (repo / "build" / "diff" / "diff.md").read_text(encoding="utf-8") == (
        "## Factsheets: words and numbers against main\n\nNo change in the words and numbers of any factsheet.\n")


def test_make_diff_of_a_ref_that_is_not_there(repo):
    result = make_diff(repo, "no-such-branch")
    assert result.returncode != 0
    assert ("make diff: BASE=no-such-branch is no commit in this repository (fetch it first, e.g. git fetch "
            "origin main, and use origin/main)") in result.stdout
