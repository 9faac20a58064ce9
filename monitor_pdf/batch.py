"""Build many factsheets: plan what the data allows, build in worker processes,
record the results in a manifest. One failure never stops the others.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from monitor_pdf import __version__, resources
from monitor_pdf.errors import DataError, MonitorError
from monitor_pdf.names import output_name
from monitor_pdf.pipeline import load_dataset, open_factsheet, render_factsheet
from monitor_pdf.processes import start_method

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Target:
    laag: str
    jaar: int
    profile: str = "screen"
    factsheet: str = ""        # the kind's folder ("": the default kind)
    data: str = ""             # the data folder it is built from


@dataclass(frozen=True)
class Outcome:
    laag: str
    jaar: int
    file: str | None = None         # name inside the output folder
    pages: int = 0
    bytes: int = 0
    sha256: str = ""
    illustrative: bool = False
    seconds: float = 0.0
    error: str | None = None
    profile: str = "screen"
    factsheet: str = ""        # the kind's name

    @property
    def ok(self) -> bool:
        return self.error is None


def plan(data_dir: Path | None, lagen: tuple[str, ...] = (), jaren: tuple[int, ...] = (),
         profiles: tuple[str, ...] = ("screen",), factsheets: tuple[str, ...] = ()) -> list[Target]:
    """Every factsheet asked for: by default the latest year, every unit that gets
    a factsheet, in each output profile; for each kind asked for (default: every
    bundled kind from its own data, or the default kind when --data is given)."""
    kinds = factsheets or (() if data_dir else tuple(resources.bundled_kinds())) or ("",)
    targets: list[Target] = []
    names: dict[str, Target] = {}
    there: list[str] = []
    for factsheet in kinds:
        spec, folder = open_factsheet(factsheet or None, data_dir)
        dataset = load_dataset(folder, spec.kind.directory)
        there += dataset.lagen
        unknown = [lg for lg in lagen if lg not in dataset.lagen]
        if unknown and factsheets:
            raise DataError(f"bestuurslaag {', '.join(unknown)} is not in the data of {spec.kind.name} "
                            f"(there: {', '.join(dataset.lagen)})")
        units = tuple(lg for lg in lagen if lg in dataset.lagen) if lagen else dataset.factsheet_units
        for target in (Target(lg, jr, pr, str(spec.kind.directory), str(folder))
                       for pr in dict.fromkeys(profiles or ("screen",))
                       for jr in (jaren or (dataset.latest_year,)) for lg in units):
            name = output_name(spec.kind, target.laag, target.jaar, target.profile)
            if names.setdefault(name, target) != target:
                raise DataError(f"'{names[name].laag}' and '{target.laag}' would both be written as {name}")
            targets.append(target)
    missing = [lg for lg in lagen if lg not in there]
    if missing:           # asked for by name, and no kind's data has it
        raise DataError(f"bestuurslaag {', '.join(missing)} is not in the data "
                        f"(there: {', '.join(dict.fromkeys(there))})")
    return targets


@dataclass(frozen=True)
class Availability:
    laag: str
    jaar: int
    buildable: bool
    illustrative: bool
    reason: str = ""


def availability(data_dir: Path | None, factsheet: str | None = None) -> list[Availability]:
    """For every unit and year in the data: can its factsheet be built, and does it
    involve illustrative values. Runs model and wording only (no drawing)."""
    from monitor_pdf.pipeline import check_factsheet
    from monitor_pdf.wording.texts import illustrative_records

    spec, data_dir = open_factsheet(factsheet, data_dir)
    dataset = load_dataset(data_dir, spec.kind.directory)
    found = []
    for jaar in dataset.jaren:
        for laag in dataset.factsheet_units:
            try:
                model, wording = check_factsheet(dataset, spec, laag, jaar, data_dir)
            except MonitorError as exc:
                found.append(Availability(laag, jaar, False, False, str(exc)))
            else:
                found.append(Availability(laag, jaar, True, bool(illustrative_records(model, wording))))
    return found


def build_one(target: Target, data_dir: Path | None, out_dir: Path, strict: bool = False) -> Outcome:
    """Build and write one factsheet; every error becomes part of the Outcome."""
    from monitor_pdf.render.output import write_atomic

    started = time.perf_counter()
    profile = target.profile
    kind = Path(target.factsheet).name if target.factsheet else resources.DEFAULT_KIND
    try:
        spec, folder = open_factsheet(target.factsheet or None, Path(target.data) if target.data else data_dir)
        name = output_name(spec.kind, target.laag, target.jaar, profile)
        factsheet = render_factsheet(target.laag, target.jaar, folder, spec=spec, strict=strict, profile=profile)
        write_atomic(out_dir / name, factsheet.pdf)
    except MonitorError as exc:
        return Outcome(target.laag, target.jaar, error=str(exc), profile=profile, factsheet=kind)
    except Exception as exc:  # noqa: BLE001 - a bug in one factsheet must not stop the others
        return Outcome(target.laag, target.jaar, error=f"internal error: {type(exc).__name__}: {exc}",
                       profile=profile, factsheet=kind)
    return Outcome(target.laag, target.jaar, name, len(factsheet.pages), len(factsheet.pdf),
                   hashlib.sha256(factsheet.pdf).hexdigest(), factsheet.illustrative,
                   round(time.perf_counter() - started, 3), profile=profile, factsheet=kind)


def warm_up() -> None:
    """Import and set up what every build needs, once, before the workers fork:
    they start with matplotlib, reportlab and the fonts ready instead of
    importing them each (docs/benchmarks.md measures it)."""
    import monitor_pdf.charts.draw
    import monitor_pdf.layout.build
    import monitor_pdf.render.document
    import monitor_pdf.render.pdfa  # noqa: F401  (pikepdf)
    from monitor_pdf.charts.style import register_fonts as charts_fonts
    from monitor_pdf.layout.fonts import register_fonts as pdf_fonts

    charts_fonts()
    pdf_fonts()


def run_batch(targets: list[Target], data_dir: Path | None, out_dir: Path, jobs: int,
              on_outcome: Callable[[Outcome], None] = lambda o: None, strict: bool = False,
              method: str | None = None) -> list[Outcome]:
    """Build all targets with `jobs` worker processes; outcomes in target order.
    `method` is the start method (default: fork where there is one, else spawn)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    method = method or start_method()
    if method == "fork" or jobs <= 1 or len(targets) <= 1:
        warm_up()   # before forking: workers start with everything imported
    if jobs <= 1 or len(targets) <= 1:
        outcomes = []
        for target in targets:
            outcomes.append(build_one(target, data_dir, out_dir, strict))
            on_outcome(outcomes[-1])
        return outcomes
    context = multiprocessing.get_context(method)
    by_target: dict[Target, Outcome] = {}
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(build_one, t, data_dir, out_dir, strict): t for t in targets}
        for future in as_completed(futures):
            outcome = future.result()
            by_target[futures[future]] = outcome
            on_outcome(outcome)
    return [by_target[t] for t in targets]


def manifest(outcomes: list[Outcome]) -> dict:
    """What was built, without times, so the same input gives the same manifest."""
    keep = ("file", "factsheet", "laag", "jaar", "profile", "pages", "bytes", "sha256", "illustrative")
    return {
        "generator": f"monitor-pdf {__version__}",
        "factsheets": [{k: asdict(o)[k] for k in keep} for o in outcomes if o.ok],
        "failed": [{"factsheet": o.factsheet, "laag": o.laag, "jaar": o.jaar, "profile": o.profile, "error": o.error}
                   for o in outcomes if not o.ok],
    }


def write_manifest(out_dir: Path, outcomes: list[Outcome]) -> Path:
    from monitor_pdf.render.output import write_atomic

    path = out_dir / MANIFEST
    write_atomic(path, (json.dumps(manifest(outcomes), indent=2, ensure_ascii=False) + "\n").encode())
    return path


def verify_manifest(out_dir: Path) -> list[str]:
    """Problems found comparing manifest.json with the files beside it (empty: all match)."""
    path = Path(out_dir) / MANIFEST
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["factsheets"]
    except (OSError, ValueError, KeyError) as exc:
        return [f"{path}: unreadable manifest ({exc})"]
    problems = []
    for entry in entries:
        pdf = Path(out_dir) / entry["file"]
        if not pdf.is_file():
            problems.append(f"{entry['file']}: listed but missing")
            continue
        data = pdf.read_bytes()
        if len(data) != entry["bytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            problems.append(f"{entry['file']}: size or sha256 differs from the manifest")
    listed = {e["file"] for e in entries}
    problems += [f"{p.name}: not in the manifest" for p in sorted(Path(out_dir).glob("*.pdf"))
                 if p.name not in listed]
    return problems
