"""Build many factsheets: plan what the data allows, build in worker processes,
record the results in a manifest. One failure never stops the others.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from monitor_pdf import __version__, resources
from monitor_pdf.errors import DataError, MonitorError
from monitor_pdf.names import output_name
from monitor_pdf.pipeline import load_dataset, open_factsheet, render_factsheet, write_factsheet
from monitor_pdf.processes import Stopped, die_with_parent, forking, start_method, stop_children
from monitor_pdf.sidecar import RecordError, check_record, encode, is_record, sidecar_path

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
    record: str | None = None  # its record beside it (sidecar.py): name, size, sha256
    record_bytes: int = 0
    record_sha256: str = ""

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
    """Build and write one factsheet and its record; every error becomes part of the Outcome."""
    started = time.perf_counter()
    profile = target.profile
    kind = Path(target.factsheet).name if target.factsheet else resources.DEFAULT_KIND
    try:
        spec, folder = open_factsheet(target.factsheet or None, Path(target.data) if target.data else data_dir)
        name = output_name(spec.kind, target.laag, target.jaar, profile)
        factsheet = render_factsheet(target.laag, target.jaar, folder, spec=spec, strict=strict, profile=profile)
        write_factsheet(out_dir / name, factsheet)
        record = encode(factsheet.record)
    except MonitorError as exc:
        return Outcome(target.laag, target.jaar, error=str(exc), profile=profile, factsheet=kind)
    except Exception as exc:  # noqa: BLE001 - a bug in one factsheet must not stop the others
        return Outcome(target.laag, target.jaar, error=f"internal error: {type(exc).__name__}: {exc}",
                       profile=profile, factsheet=kind)
    return Outcome(target.laag, target.jaar, name, len(factsheet.pages), len(factsheet.pdf),
                   hashlib.sha256(factsheet.pdf).hexdigest(), factsheet.illustrative,
                   round(time.perf_counter() - started, 3), profile=profile, factsheet=kind,
                   record=sidecar_path(Path(name)).name, record_bytes=len(record),
                   record_sha256=hashlib.sha256(record).hexdigest())


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
    `method` is the start method (default: fork where there is one, else spawn).
    The folder's old manifest goes first: until this run writes its own, none
    says the folder is complete. Stopped (SIGINT, SIGTERM): the workers are
    stopped, and the manifest lists what was built and what was not."""
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        (out_dir / MANIFEST).unlink(missing_ok=True)
    except OSError:
        pass        # not removable: writing the new one will say why
    by_target: dict[Target, Outcome] = {}

    def done(target: Target, outcome: Outcome) -> None:
        by_target[target] = outcome
        on_outcome(outcome)

    try:
        method = method or start_method()
        if method == "fork" or jobs <= 1 or len(targets) <= 1:
            warm_up()   # before forking: workers start with everything imported
        if jobs <= 1 or len(targets) <= 1:
            for target in targets:
                done(target, build_one(target, data_dir, out_dir, strict))
        else:
            _run_pool(targets, data_dir, out_dir, jobs, strict, multiprocessing.get_context(method), done)
    except Stopped as stop:
        stop.detail = _stopped_manifest(out_dir, targets, by_target, stop)
        raise
    return [by_target[t] for t in targets]


def _run_pool(targets: list[Target], data_dir: Path | None, out_dir: Path, jobs: int, strict: bool,
              context, done: Callable[[Target, Outcome], None]) -> None:
    """The targets built by `jobs` worker processes, each passed to done() when it is.
    Workers end with this process, however it ends (processes.die_with_parent)."""
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context,     # starts no process yet
                               initializer=die_with_parent, initargs=(os.getpid(),))
    try:    # a stop that was held back while the workers started acts at the end of forking(): in here
        with forking():   # a worker sets its own signal handling before a signal can reach it
            futures = {pool.submit(build_one, t, data_dir, out_dir, strict): t for t in targets}
        for future in as_completed(futures):
            done(futures[future], future.result())
    except BaseException:     # stopped, or a worker died: no worker goes on building
        stop_children([p for p in multiprocessing.active_children() if p not in before])
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()


def _stopped_manifest(out_dir: Path, targets: list[Target], by_target: dict[Target, Outcome],
                      stop: Stopped) -> str:
    """The manifest of a stopped run (what was built, and what not); what to tell about it."""
    outcomes = [by_target[t] for t in targets if t in by_target]
    not_built = [t for t in targets if t not in by_target]
    built = f"{sum(o.ok for o in outcomes)} of {len(targets)} factsheets built"
    try:
        path = write_manifest(out_dir, outcomes, not_built, stop.name)
    except MonitorError as exc:
        return f"{built}; no manifest ({exc})"
    return f"{built}, {len(not_built)} not built (listed in {path})"


def manifest(outcomes: list[Outcome], not_built: list[Target] | None = None, stopped: str = "") -> dict:
    """What was built, without times, so the same input gives the same manifest.
    A stopped run's also says so ("stopped": the signal) and lists the factsheets
    it did not build ("not_built")."""
    keep = ("file", "factsheet", "laag", "jaar", "profile", "pages", "bytes", "sha256", "illustrative",
            "record", "record_bytes", "record_sha256")
    return {
        "generator": f"monitor-pdf {__version__}",
        "factsheets": [{k: asdict(o)[k] for k in keep} for o in outcomes if o.ok],
        "failed": [{"factsheet": o.factsheet, "laag": o.laag, "jaar": o.jaar, "profile": o.profile, "error": o.error}
                   for o in outcomes if not o.ok],
    } | ({"stopped": stopped, "not_built": [_named(t) for t in not_built or []]} if stopped else {})


def _named(target: Target) -> dict:
    kind = Path(target.factsheet).name if target.factsheet else resources.DEFAULT_KIND
    return {"factsheet": kind, "laag": target.laag, "jaar": target.jaar, "profile": target.profile}


def write_manifest(out_dir: Path, outcomes: list[Outcome], not_built: list[Target] | None = None,
                   stopped: str = "") -> Path:
    from monitor_pdf.render.output import write_atomic

    path = out_dir / MANIFEST
    write_atomic(path, (json.dumps(manifest(outcomes, not_built, stopped), indent=2, ensure_ascii=False)
                        + "\n").encode())
    return path


def verify_manifest(out_dir: Path) -> list[str]:
    """Problems found comparing manifest.json with the files beside it (empty: all match):
    each PDF and its record (size, sha256, and the record describes that PDF), and
    no PDF or record that the manifest does not list."""
    path = Path(out_dir) / MANIFEST
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
        entries = found["factsheets"]
    except (OSError, ValueError, KeyError) as exc:
        return [f"{path}: unreadable manifest ({exc})"]
    stopped = (f"{MANIFEST}: the run was stopped ({found.get('stopped')}) before it built "
               f"{len(found.get('not_built', []))} of its factsheets")
    problems = [stopped] if found.get("stopped") else []
    for entry in entries:
        pdf = Path(out_dir) / entry["file"]
        if not pdf.is_file():
            problems.append(f"{entry['file']}: listed but missing")
            continue
        data = pdf.read_bytes()
        if len(data) != entry["bytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            problems.append(f"{entry['file']}: size or sha256 differs from the manifest")
        if entry.get("record"):
            problems += _verify_record(Path(out_dir), entry)
    listed = {e["file"] for e in entries} | {e["record"] for e in entries if e.get("record")}
    problems += [f"{p.name}: not in the manifest" for p in sorted(Path(out_dir).glob("*.pdf"))
                 if p.name not in listed]
    return problems + _unlisted_records(Path(out_dir), listed)


def _verify_record(out_dir: Path, entry: dict) -> list[str]:
    """A listed record: there, as the manifest says, and the record of that PDF."""
    path = out_dir / entry["record"]
    if not path.is_file():
        return [f"{entry['record']}: listed but missing"]
    data = path.read_bytes()
    if len(data) != entry.get("record_bytes") or hashlib.sha256(data).hexdigest() != entry.get("record_sha256"):
        return [f"{entry['record']}: size or sha256 differs from the manifest"]
    try:
        record = check_record(json.loads(data), path)
    except (ValueError, RecordError) as exc:
        return [str(exc)]
    if record["factsheet"].get("pdf_sha256") != entry["sha256"]:
        return [f"{entry['record']}: describes another PDF than {entry['file']} (its pdf_sha256 differs)"]
    return []


def _unlisted_records(folder: Path, listed: set[str]) -> list[str]:
    """Factsheet records (and JSON files that do not parse) the manifest does not list."""
    problems = []
    for path in sorted(folder.glob("*.json")):
        if path.name == MANIFEST or path.name in listed:
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            problems.append(f"{path.name}: unreadable JSON, not in the manifest")
            continue
        if is_record(data):
            problems.append(f"{path.name}: factsheet record not in the manifest")
    return problems
