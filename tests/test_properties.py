"""Property-based: mutate the bundled tables the ways analysts break them; every
run ends in a valid two-page PDF or a one-line error with exit code 1, never a
traceback, never a partial or overwritten file."""

from __future__ import annotations

import csv
import io
import os
import random
import shutil
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from monitor_pdf import resources
from monitor_pdf.cli import cli

FILES = sorted(p.name for p in resources.datasets_dir().glob("*.csv"))
CELLS = ["", "abc", "1e308", "-5", "nan", "inf", "101", "0", "100", "99.99999", "12,5", "2024.0",
         "<b>", "&amp;", "a & b < c", "’t", "ë é ï", "\"", ";", "   ", "illustratief", "gepubliceerd"]


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


mutations = st.sampled_from(["drop_column", "rename_column", "corrupt_cell", "empty_file", "truncate",
                             "duplicate_row", "shuffle_rows", "markup_label", "extreme_number"])


def mutate(kind: str, path: Path, rnd: random.Random, cell: str) -> None:
    rows = read(path)
    header, body = rows[0], rows[1:]
    row = rnd.randrange(len(body))
    if kind == "drop_column":
        column = rnd.randrange(len(header))
        rows = [r[:column] + r[column + 1:] for r in rows]
    elif kind == "rename_column":
        rows[0][rnd.randrange(len(header))] += "_x"
    elif kind == "corrupt_cell":
        body[row][rnd.randrange(len(header))] = cell
    elif kind == "empty_file":
        path.write_text("", encoding="utf-8")
        return
    elif kind == "truncate":
        data = path.read_bytes()
        path.write_bytes(data[:rnd.randrange(len(data))])
        return
    elif kind == "duplicate_row":
        body.insert(rnd.randrange(len(body)), list(body[row]))
    elif kind == "shuffle_rows":
        rnd.shuffle(body)
    elif kind == "markup_label":
        body[row][header.index("item")] = f"<i>{body[row][header.index('item')]}</i> & {cell}"
    elif kind == "extreme_number" and "waarde" in header:
        body[row][header.index("waarde")] = rnd.choice(["0", "100", "99.99999", "0.0001", "1e2"])
    elif kind == "extreme_number":                       # the sentence-forms table has no values
        body[row][rnd.randrange(len(header))] = cell
    write(path, [header] + body if kind not in ("drop_column", "rename_column") else rows)


# Derandomized, so CI runs the same examples every time; MONITOR_PDF_EXAMPLES=300
# explores further (300 passed on 2026-11-28).
@settings(max_examples=int(os.environ.get("MONITOR_PDF_EXAMPLES", "40")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(kind=mutations, file=st.sampled_from(FILES), seed=st.integers(0, 10_000), cell=st.sampled_from(CELLS))
def test_mutated_data_gives_a_pdf_or_a_clean_error(kind, file, seed, cell):
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "data"
        shutil.copytree(resources.datasets_dir(), data, ignore=shutil.ignore_patterns("*.md"))
        mutate(kind, data / file, random.Random(seed), cell)
        out = tmp / "out" / "factsheet.pdf"
        out.parent.mkdir()
        out.write_bytes(b"previous")
        result = CliRunner().invoke(cli, ["build", "--data", str(data), "-o", str(out)])
        assert "Traceback" not in result.output + result.stderr
        assert result.exit_code in (0, 1), result.stderr
        if result.exit_code == 0:
            assert len(pdfium.PdfDocument(out.read_bytes())) == 2
        else:
            assert result.stderr.startswith("monitor-pdf: error: "), result.stderr
            assert result.stderr.count("\n") == 1, result.stderr
            assert out.read_bytes() == b"previous"
        left = ["factsheet.json", "factsheet.pdf"] if result.exit_code == 0 else ["factsheet.pdf"]  # PDF and record
        assert sorted(p.name for p in out.parent.iterdir()) == left      # no temp files left
