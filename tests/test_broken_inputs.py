"""Every broken input in tests/broken/cases.toml ends in its message, exit code 1,
and an untouched output file: for `validate` and for `build`."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from monitor_pdf.cli import cli

CASES = tomllib.loads((Path(__file__).parent / "broken" / "cases.toml").read_text(encoding="utf-8"))["case"]


def apply(case: dict, data: Path) -> None:
    path = data / case["file"]
    if "content" in case:
        path.write_text(case["content"], encoding="utf-8")
    elif "replace" in case:
        old, new = case["replace"]
        text = path.read_text(encoding="utf-8")
        assert old in text, f"case {case['name']!r}: {old!r} not in {path.name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    elif "drop" in case:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not re.search(case["drop"], line)]
        assert len(kept) < len(lines), f"case {case['name']!r} drops nothing"
        path.write_text("".join(kept), encoding="utf-8")
    elif "encoding" in case:
        path.write_bytes(path.read_text(encoding="utf-8").encode(case["encoding"], errors="replace"))
    elif "truncate" in case:
        path.write_bytes(path.read_bytes()[:case["truncate"]])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_broken_input(case, data_copy, tmp_path):
    apply(case, data_copy)
    laag = case.get("laag", "provincies")
    if case.get("validate", True):
        checked = CliRunner().invoke(cli, ["validate", "--data", str(data_copy), "--laag", laag])
        assert checked.exit_code == 1, checked.output
        assert re.search(case["message"], checked.stderr), checked.stderr
    out = tmp_path / "factsheet.pdf"
    out.write_bytes(b"the previous factsheet")
    built = CliRunner().invoke(cli, ["build", "--data", str(data_copy), "--laag", laag, "-o", str(out)])
    assert built.exit_code == 1, built.output
    assert built.stderr.startswith("monitor-pdf: error: ") and built.stderr.count("\n") == 1, built.stderr
    assert re.search(case["message"], built.stderr), built.stderr
    assert out.read_bytes() == b"the previous factsheet"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "factsheet.pdf"]


def test_validate_reports_every_problem_not_just_the_first(data_copy):
    path = data_copy / "agressie.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace(",provincies,2024,47,,", ",provincies,2024,4x7,,", 1)
    text = text.replace(",provincies,2024,46,,", ",provincies,2024,146,,", 1)
    path.write_text(text, encoding="utf-8")
    (data_copy / "melden.csv").write_text("", encoding="utf-8")
    checked = CliRunner().invoke(cli, ["validate", "--data", str(data_copy)])
    assert checked.exit_code == 1
    lines = checked.stderr.splitlines()
    assert len(lines) == 4 and lines[-1] == "monitor-pdf: 3 problems found"
    assert "waarde: '4x7' is not a number" in lines[0] and "waarde: 146 is not a percentage" in lines[1]
    assert "melden.csv:1: file is empty" in lines[2]
    built = CliRunner().invoke(cli, ["build", "--data", str(data_copy), "-o", str(data_copy / "x.pdf")])
    assert "(and 2 more problems; 'monitor-pdf validate' lists all)" in built.stderr


def test_spreadsheet_exports_build(data_copy, tmp_path):
    """`;`, decimal commas, BOM and CRLF in every table: the same factsheet as the bundled data."""
    import csv

    for path in data_copy.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh, delimiter=";", lineterminator="\r\n").writerows(rows)
    out = tmp_path / "f.pdf"
    built = CliRunner().invoke(cli, ["build", "--data", str(data_copy), "-o", str(out)])
    assert built.exit_code == 0, built.output
    reference = tmp_path / "ref.pdf"
    CliRunner().invoke(cli, ["build", "-o", str(reference)])
    assert out.read_bytes() == reference.read_bytes()


def test_strict_refuses_illustrative_values_and_lists_them(tmp_path):
    out = tmp_path / "f.pdf"
    refused = CliRunner().invoke(cli, ["build", "--strict", "-o", str(out)])
    assert refused.exit_code == 1 and not out.exists()
    lines = refused.stderr.splitlines()
    assert lines[-1].startswith("monitor-pdf: error: --strict: the factsheet provincies 2024 would show or rest on ")
    assert "  agressie.csv:" in lines[0] and "(illustratief)" in lines[0]
    assert any("tevreden_afhandeling" in line and "= 81%" in line for line in lines)
    assert not any("'Verbale agressie' provincies 2024" in line for line in lines)   # published


def test_markup_quotes_and_accents_print_as_written(data_copy, tmp_path):
    import pdfplumber

    label = "R&D <b>vet</b> \"citaat\" ’t café naïef"
    quoted = '"' + label.replace('"', '""') + '",'          # CSV quoting of the label
    for name in ("agressie.csv", "zinsdelen.csv"):           # the item and its sentence form
        path = data_copy / name
        path.write_text(path.read_text(encoding="utf-8").replace("Via sociale media,", quoted), encoding="utf-8")
    forms = data_copy / "zinsdelen.csv"                      # said in the headline as "via <i>&amp;"
    forms.write_text(forms.read_text(encoding="utf-8").replace(",via sociale media,", ",via <i>&amp;,"),
                     encoding="utf-8")
    out = tmp_path / "f.pdf"
    built = CliRunner().invoke(cli, ["build", "--data", str(data_copy), "-o", str(out)])
    assert built.exit_code == 0, built.output
    with pdfplumber.open(out) as pdf:
        words = " ".join(w["text"] for w in pdf.pages[0].extract_words())
    for part in ("R&D", "<b>vet</b>", "\"citaat\"", "’t", "café", "naïef"):
        assert part in words
    assert "Meeste agressie wordt geuit via <i>&amp;*" in words    # a sentence form is text, too
