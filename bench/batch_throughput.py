"""Batch throughput: the bundled three lagen and a generated dataset of 108
provincie factsheets, each with --jobs 1 and --jobs 2, as whole processes.

    python -m bench.batch_throughput
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.units_dataset import generate


def run_batch(data: Path | None, out: Path, jobs: int) -> tuple[float, int, int]:
    command = [sys.executable, "-m", "monitor_pdf", "batch", "-o", str(out), "--jobs", str(jobs)]
    if data:
        command += ["--data", str(data)]
        # every year of the generated data, not just the latest
        years = sorted({int(p) for p in _years(data)})
        for year in years:
            command += ["--jaar", str(year)]
    started = time.perf_counter()
    # no chart or data cache: every factsheet is drawn, as on a fresh CI machine
    done = subprocess.run(command, capture_output=True, text=True,
                          env={**os.environ, "MONITOR_PDF_CACHE": "off"})
    elapsed = time.perf_counter() - started
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    if done.returncode:
        print(done.stderr[-2000:], file=sys.stderr)
    return elapsed, len(manifest["factsheets"]), len(manifest["failed"])


def _years(data: Path):
    import csv

    with (data / "tabellen.csv").open(encoding="utf-8") as fh:
        return {row["jaar"] for row in csv.DictReader(fh) if row["indicator"] == "ernst_incident"}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        units = tmp / "units"
        count = generate(units)
        print(f"{'dataset':<28} {'jobs':>4} {'factsheets':>10} {'failed':>6} {'seconds':>8} {'per s':>7}")
        for name, data in (("bundled (3 lagen)", None), (f"generated ({count} provincies)", units)):
            for jobs in (1, 2):
                out = tmp / f"out-{jobs}-{bool(data)}"
                elapsed, built, failed = run_batch(data, out, jobs)
                print(f"{name:<28} {jobs:>4} {built:>10} {failed:>6} {elapsed:>8.1f} {built / elapsed:>7.2f}",
                      flush=True)


if __name__ == "__main__":
    main()
