"""Check a data folder without drawing anything: every problem, not just the first."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from monitor_pdf.errors import DataError, DataProblems, MonitorError
from monitor_pdf.pipeline import load_dataset


def validate(data_dir: Path | None, lagen: tuple[str, ...] = (), jaren: tuple[int, ...] = (),
             factsheet: str | None = None) -> tuple[list[str], list[tuple[str, int]]]:
    """(problems as 'file:line: column: message', the factsheets checked).

    Besides the tables themselves: every figure and list each factsheet needs,
    and every claim its sentences make (texts.toml declares what each sentence
    needs: a missing item is reported at the claim's line, an item without a
    sentence form at its data row, each with the blocks that need it)."""
    from monitor_pdf.layout.fonts import describe, unprintable
    from monitor_pdf.model import block_problems, build_model
    from monitor_pdf.pipeline import open_factsheet
    from monitor_pdf.wording.texts import build_wording

    try:
        spec, data_dir = open_factsheet(factsheet, data_dir)       # the kind's own files, checked first
    except MonitorError as exc:
        return [str(exc)], []
    try:
        dataset = load_dataset(data_dir, spec.kind.directory)
    except DataProblems as exc:
        return [str(p) for p in exc.problems], []
    except DataError as exc:
        return [str(exc)], []
    problems = [f"{Path(r.file).name}:{r.line}: item: character {describe(missing)} cannot be printed "
                "in the bundled font" for r in dataset.records
                for missing in [unprintable(r.item + r.laag)] if missing]
    problems += [f"bestuurslaag '{lg}' is not in the data" for lg in lagen if lg not in dataset.lagen]
    problems += [f"jaar {jr} is not in the data" for jr in jaren if jr not in dataset.jaren]
    lagen = tuple(lg for lg in lagen if lg in dataset.lagen) or dataset.factsheet_units
    jaren = tuple(jr for jr in jaren if jr in dataset.jaren) or (dataset.latest_year,)
    checked = [(lg, jr) for jr in jaren for lg in lagen]
    found: dict[str, list[str]] = {}          # message -> the factsheets it holds for
    for laag, jaar in checked:
        missing: Sequence[MonitorError] = block_problems(dataset, spec, laag, jaar)
        if not missing:
            try:
                build_wording(build_model(dataset, spec, laag, jaar, data_dir), spec)
            except DataProblems as exc:
                missing = exc.problems
            except MonitorError as exc:
                missing = [exc]
        for problem in missing:
            located = str(problem) if getattr(problem, "file", None) else f"{_where(data_dir)}: {problem}"
            found.setdefault(located, []).append(f"{laag} {jaar}")
    problems += [f"{message} (factsheet{'s' if len(which) > 1 else ''} {', '.join(which)})"
                 for message, which in found.items()]
    return problems, checked


def _where(data_dir: Path | None) -> str:
    from monitor_pdf import resources

    return str(data_dir or resources.datasets_dir())
