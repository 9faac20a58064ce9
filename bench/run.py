"""`make bench`: monitor-pdf against its peers, on this machine, in one run.

    python -m bench.run [--runs 5] [--warm 20] [--peers ../shared/bench/peers] [--write docs/benchmarks.md]

Figures (medians): fresh-process build with an empty cache (first) and with a
warm cache (repeated); per factsheet in one process with every chart drawn;
rebuild in one process after one number changed; batch of all lagen with
--jobs 1 and 2; peak memory; PDF size. The peers typst_native and
naive_reportlab (../shared/bench/peers) are timed in the same run, the same
way: whole processes for cold figures, their warm.py for in-process ones.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable


def run_process(command: list[str], env: dict | None = None, cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env={**os.environ, **(env or {})}, cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}: {process.stderr.read().decode()[-500:]}")
    return elapsed, usage.ru_maxrss // 1024


def timed(command: list[str], runs: int, env_for_run=lambda i: {}, warmups: int = 1, cwd=None):
    for i in range(warmups):
        run_process(command, env_for_run(-1 - i), cwd)
    results = [run_process(command, env_for_run(i), cwd) for i in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def warm_peer(peers: Path, script: str, n: int, vary: bool) -> float:
    out = tempfile.mktemp(suffix=".pdf")
    command = [PY, str(peers / "warm.py"), script, str(n), out] + (["--vary"] if vary else [])
    done = subprocess.run(command, cwd=peers, capture_output=True, text=True, env={**os.environ, "MPLBACKEND": "Agg"})
    if done.returncode:
        raise SystemExit(f"peer {script} failed: {done.stderr[-500:]}")
    return float(re.search(r"median_ms=([\d.]+)", done.stdout).group(1)) / 1000


IN_PROCESS = r"""
import statistics, sys, time, shutil, tempfile, os
from pathlib import Path
os.environ["MONITOR_PDF_CACHE"] = "off"
from monitor_pdf import cache
from monitor_pdf.pipeline import render_factsheet
n = int(sys.argv[1])
render_factsheet()
def every_chart():
    cache.clear_memory("charts")          # the data stays loaded, as in a batch
    t = time.perf_counter(); render_factsheet(); return time.perf_counter() - t
drawn = statistics.median(every_chart() for _ in range(n))
data = Path(tempfile.mkdtemp()) / "data"
shutil.copytree(sys.argv[2], data, ignore=shutil.ignore_patterns("*.md"))
table = data / "melden.csv"
text = table.read_text(encoding="utf-8")
old = "besproken_gemeld,Intern gemeld,provincies,2024,30,"
render_factsheet(data_dir=data)
times = []
for i in range(n):
    table.write_text(text.replace(old, old.replace(",30,", ",31," if i % 2 == 0 else ",30,")), encoding="utf-8")
    t = time.perf_counter(); render_factsheet(data_dir=data); times.append(time.perf_counter() - t)
print(drawn, statistics.median(times))
"""


def measure(runs: int, warm_n: int, peers: Path) -> dict:
    cli = [PY, "-m", "monitor_pdf"]
    tmp = Path(tempfile.mkdtemp())
    pdf = tmp / "f.pdf"
    build = cli + ["build", "-o", str(pdf)]
    figures = {}
    figures["first"], rss_first = timed(build, runs, lambda i: {"MONITOR_PDF_CACHE": str(tmp / f"cache{i}")})
    figures["repeated"], rss_repeated = timed(build, runs, lambda i: {"MONITOR_PDF_CACHE": str(tmp / "cache")})
    figures["pdf_kb"] = pdf.stat().st_size / 1024
    figures["help"], _ = timed(cli + ["--help"], runs)
    done = subprocess.run([PY, "-c", IN_PROCESS, str(warm_n), str(REPO / "datasets")], capture_output=True,
                          text=True, check=True)
    figures["every_chart"], figures["one_changed"] = map(float, done.stdout.split())
    for jobs in (1, 2):
        figures[f"batch_{jobs}"], _rss = timed(cli + ["batch", "-o", str(tmp / f"dist{jobs}"), "--jobs", str(jobs)],
                                               max(1, runs // 2), lambda i: {"MONITOR_PDF_CACHE": "off"})
    figures["rss_mb"] = max(rss_first, rss_repeated)
    peer_env = lambda i: {"MPLBACKEND": "Agg"}  # noqa: E731
    figures["typst_cold"], _ = timed([PY, "typst/build_native.py", str(tmp / "t.pdf")], runs, peer_env, cwd=peers)
    figures["typst_warm"] = warm_peer(peers, "typst/build_native.py", warm_n, vary=True)
    figures["naive_cold"], _ = timed([PY, "naive_reportlab/build.py", str(tmp / "n.pdf")], runs, peer_env, cwd=peers)
    figures["naive_warm"] = warm_peer(peers, "naive_reportlab/build.py", warm_n, vary=False)
    shutil.rmtree(tmp, ignore_errors=True)
    return figures


def table(f: dict) -> str:
    def ratio(a, b):
        return f"{a / b:.2f}"

    rows = [
        ("fresh process, first build (empty cache)", f"{f['first']:.2f} s",
         ratio(f['first'], f['naive_cold']), ratio(f['first'], f['typst_cold']), "≤ 0.6 × naive_reportlab",
         f['first'] <= 0.6 * f['naive_cold']),
        ("fresh process, repeated build (nothing changed)", f"{f['repeated']:.2f} s",
         ratio(f['repeated'], f['naive_cold']), ratio(f['repeated'], f['typst_cold']), "≤ 0.3 × naive_reportlab",
         f['repeated'] <= 0.3 * f['naive_cold']),
        ("in one process, every chart drawn", f"{f['every_chart'] * 1000:.0f} ms",
         ratio(f['every_chart'], f['naive_warm']), ratio(f['every_chart'], f['typst_warm']),
         "≤ 3 × typst_native uncached", f['every_chart'] <= 3 * f['typst_warm']),
        ("in one process, after one number changed", f"{f['one_changed'] * 1000:.0f} ms",
         ratio(f['one_changed'], f['naive_warm']), ratio(f['one_changed'], f['typst_warm']),
         "≤ 1 × typst_native uncached", f['one_changed'] <= f['typst_warm']),
        ("batch, 3 lagen, --jobs 1", f"{f['batch_1']:.2f} s", "", "", "", None),
        ("batch, 3 lagen, --jobs 2", f"{f['batch_2']:.2f} s", "", "", "", None),
        ("`monitor-pdf --help`", f"{f['help']:.2f} s", "", "", "< 0.3 s", f['help'] < 0.3),
        ("PDF size", f"{f['pdf_kb']:.0f} KB", "", "", "≤ 60 KB", f['pdf_kb'] <= 60),
        ("peak memory (build)", f"{f['rss_mb']} MB", "", "", "≤ 150 MB", f['rss_mb'] <= 150),
    ]
    lines = ["| figure | monitor-pdf | ratio to naive_reportlab | ratio to typst_native | target | met |",
             "|---|---:|---:|---:|---|---|"]
    for name, value, r1, r2, target, met in rows:
        verdict = "" if met is None else ("yes" if met else "no")
        lines.append(f"| {name} | {value} | {r1} | {r2} | {target} | {verdict} |")
    lines += ["", "| peer | cold (fresh process) | warm (per build in one process) |", "|---|---:|---:|",
              f"| typst_native | {f['typst_cold']:.2f} s | {f['typst_warm'] * 1000:.0f} ms (new run_id: uncached) |",
              f"| naive_reportlab | {f['naive_cold']:.2f} s | {f['naive_warm'] * 1000:.0f} ms |"]
    return "\n".join(lines)


def machine() -> str:
    versions = ", ".join(f"{lib} {metadata.version(lib)}" for lib in
                         ("reportlab", "matplotlib", "pandas", "pikepdf", "click", "typst"))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu}), "
            f"Python {platform.python_version()}; {versions}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warm", type=int, default=20)
    parser.add_argument("--peers", type=Path, default=Path(os.environ.get("PEERS", REPO.parent / "shared/bench/peers")))
    parser.add_argument("--write", type=Path, default=None, help="also write the report (Markdown) here")
    args = parser.parse_args()
    if not (args.peers / "warm.py").is_file():
        raise SystemExit(f"peers not found at {args.peers} (set PEERS or --peers)")
    figures = measure(args.runs, args.warm, args.peers.resolve())
    report = (f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `make bench` "
              f"(medians: {args.runs} fresh processes after 1 warm-up, {args.warm} in-process builds).\n\n"
              f"Machine: {machine()}\n\n{table(figures)}\n")
    print(report)
    if args.write:
        _write_between_markers(args.write, report)


START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def _write_between_markers(path: Path, report: str) -> None:
    """Replace the generated part of the report file, keep the notes around it."""
    text = path.read_text(encoding="utf-8") if path.exists() else f"{START}\n{END}\n"
    if START not in text or END not in text:
        text += f"\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{report}{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
