"""preview writes PNG pages; watch rebuilds after an edit and says how long it took."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from io import BytesIO

import pdfplumber
from click.testing import CliRunner
from monitor_pdf.cli import cli
from PIL import Image


def test_preview_writes_one_png_per_page(tmp_path):
    run = CliRunner().invoke(cli, ["preview", "-o", str(tmp_path), "--dpi", "50"])
    assert run.exit_code == 0, run.output
    pages = sorted(tmp_path.glob("*.png"))
    assert [p.name for p in pages] == ["factsheet-provincies-2024-1.png", "factsheet-provincies-2024-2.png"]
    width, height = Image.open(pages[0]).size
    assert abs(width - 210 / 25.4 * 50) <= 1 and abs(height - 297 / 25.4 * 50) <= 1


def _lines(process) -> queue.Queue[str]:
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    return lines


def _wait_for(lines, text, seconds=60.0) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        if text in line:
            return line
    raise AssertionError(f"no line with {text!r} within {seconds} s")


def test_watch_rebuilds_after_an_edit(data_copy, tmp_path):
    out = tmp_path / "f.pdf"
    process = subprocess.Popen([sys.executable, "-m", "monitor_pdf", "watch", "--data", str(data_copy),
                                "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = _lines(process)
        _wait_for(lines, "watching")
        table = data_copy / "melden.csv"
        table.write_text(table.read_text(encoding="utf-8").replace(
            "besproken_gemeld,Intern gemeld,provincies,2024,30,", "besproken_gemeld,Intern gemeld,provincies,2024,33,"),
            encoding="utf-8")
        line = _wait_for(lines, "rebuilt")
        assert "(melden.csv)" in line and " s (" in line
        with pdfplumber.open(BytesIO(out.read_bytes())) as pdf:
            assert "33%*" in pdf.pages[1].extract_text()
    finally:
        process.terminate()
        process.wait(timeout=10)
