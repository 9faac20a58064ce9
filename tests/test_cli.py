"""The command line as a user meets it: files written, exit codes, one-line errors."""

from __future__ import annotations

import subprocess
import sys

import pdfplumber
from click.testing import CliRunner
from monitor_pdf.cli import cli


def test_default_build_writes_the_provincies_factsheet(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "wrote factsheet-provincies-2024.pdf (2 pages" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["factsheet-provincies-2024.json",    # its record
                                                          "factsheet-provincies-2024.pdf"]
    with pdfplumber.open(tmp_path / "factsheet-provincies-2024.pdf") as pdf:
        assert len(pdf.pages) == 2
        assert "Provincies" in pdf.pages[0].extract_text()


def test_laag_and_output_options(tmp_path):
    out = tmp_path / "w.pdf"
    result = CliRunner().invoke(cli, ["build", "--laag", "waterschappen", "--jaar", "2024", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out) as pdf:
        assert "Waterschappen" in pdf.pages[0].extract_text()


def test_unknown_laag_is_one_line_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "--laag", "gemeentes"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "bestuurslaag 'gemeentes' is not in the data (there: gemeenten, provincies, waterschappen)" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_data_keeps_the_previous_pdf(tmp_path, data_copy):
    out = tmp_path / "f.pdf"
    out.write_bytes(b"previous")
    bad = data_copy / "agressie.csv"
    bad.write_text(bad.read_text(encoding="utf-8").replace(",47,,gepubliceerd", ",4x7,,gepubliceerd"),
                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--data", str(data_copy), "-o", str(out)])
    assert result.exit_code == 1
    assert "agressie.csv:" in result.stderr and "waarde: '4x7' is not a number" in result.stderr
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".f.pdf")] == []


def test_unwritable_output_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path / "missing" / "f.pdf")])
    assert result.exit_code == 1
    assert result.stderr.startswith("monitor-pdf: error: ") and "does not exist" in result.stderr


def test_help_shows_an_example():
    result = CliRunner().invoke(cli, ["build", "--help"])
    assert result.exit_code == 0
    assert "monitor-pdf build --laag gemeenten -o gemeenten.pdf" in result.output


def test_python_dash_m_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "monitor_pdf", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and "monitor-pdf" in done.stdout


def test_first_build_with_a_chart_process_gives_the_same_pdf(tmp_path, monkeypatch, provincies):
    """A fresh cache: `build` draws the charts in a helper process (started
    before the data is read); the PDF is the same bytes as drawn in-process."""
    import subprocess

    env = {**__import__("os").environ, "MONITOR_PDF_CACHE": str(tmp_path / "cache")}
    out = tmp_path / "f.pdf"
    done = subprocess.run([sys.executable, "-m", "monitor_pdf", "build", "-o", str(out)], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == provincies.pdf


def test_chart_errors_come_back_from_the_chart_process():
    import pytest
    from monitor_pdf.chart_process import ChartProcess
    from monitor_pdf.errors import ChartError
    from monitor_pdf.model import Cell, ChartData

    helper = ChartProcess.start(force=True)
    try:
        long = " ".join(["onverwacht-lang"] * 30)
        data = ChartData((long, "b"), ("provincies",), ((Cell(1, False), Cell(2, False)),))
        with pytest.raises(ChartError, match="Figuur 1 \\(fig1\\): label 'onverwacht-lang"):
            helper.draw([("hbar", data, 200.0, 30.0, "Figuur 1 (fig1)", 0.45)])
    finally:
        helper.close()
