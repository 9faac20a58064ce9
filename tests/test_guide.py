"""docs/new-factsheet.md, run: every command and file snippet, in order.

A ```sh block is run line by line (a line whose comment says "exits 1" must
fail with one error line, every other line must succeed); a ```toml block
whose first line is "# in PATH" replaces the tables it gives in PATH (or
adds them, or creates the file); a ```csv block whose first line is
"# add to PATH" adds its rows to PATH."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.examples import blocks, run_line

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "new-factsheet.md"
HEADER = re.compile(r"^\[\[?[^\]]+\]\]?\s*$", re.M)


def snippets() -> list[tuple[str, str]]:
    return blocks(GUIDE.read_text(encoding="utf-8"))


def merge_tables(path: Path, snippet: str) -> None:
    """Each [table] of the snippet replaces the table of that name in the file, or is added."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    for chunk in re.split(r"(?m)^(?=\[)", snippet):
        if not chunk.startswith("["):
            continue
        header = chunk.splitlines()[0].strip()
        found = re.search(rf"(?ms)^{re.escape(header)}\s*\n.*?(?=^\[|\Z)", text)
        text = text[:found.start()] + chunk.rstrip() + "\n\n" + text[found.end():] if found else \
            text.rstrip() + "\n\n" + chunk.rstrip() + "\n"
    path.write_text(text, encoding="utf-8")
    tomllib.loads(text)                                   # still valid TOML


def test_the_guide_has_something_to_run():
    kinds = [kind for kind, _ in snippets()]
    assert kinds.count("sh") >= 6 and kinds.count("toml") >= 4 and kinds.count("csv") >= 3


def test_every_snippet_of_the_guide_works(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for kind, body in snippets():
        first, _, rest = body.partition("\n")
        if kind == "sh":
            for line in body.splitlines():
                if line.strip():
                    run_line(line)
        elif kind == "toml":
            tomllib.loads(body)                               # the snippet itself is valid TOML
            target = re.fullmatch(r"# in (\S+)", first.strip())
            assert target, first
            merge_tables(Path(target.group(1)), rest)
        elif kind == "csv":
            target = re.fullmatch(r"# add to (\S+)", first.strip())
            assert target, first
            path = Path(target.group(1))
            path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + rest, encoding="utf-8")
        else:
            pytest.fail(f"a snippet of an unknown kind: {kind}")
    assert Path("landelijk-2026.pdf").stat().st_size > 10_000
    assert Path("mijn-groen.pdf").stat().st_size > 10_000
