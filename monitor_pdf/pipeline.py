"""The one place that runs the stages in order:
data -> model -> wording -> charts -> layout -> render -> file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from monitor_pdf import cache, resources
from monitor_pdf.kind import Kind, find_kind
from monitor_pdf.sidecar import FactsheetRecord
from monitor_pdf.spec import PT_PER_MM, FactsheetSpec, load_overrides, load_spec

if TYPE_CHECKING:   # the stages are imported where they run: a command pays only for those it uses
    from monitor_pdf.chart_process import ChartProcess
    from monitor_pdf.data.records import Record
    from monitor_pdf.displaylist import DisplayList
    from monitor_pdf.errors import DataError
    from monitor_pdf.layout.engine import PageLayout, Placement
    from monitor_pdf.model import Dataset, FactsheetModel
    from monitor_pdf.wording.texts import Wording

T = TypeVar("T")


@dataclass(frozen=True)
class Factsheet:
    """A rendered factsheet, before it is written anywhere."""
    pdf: bytes
    laag: str
    jaar: int
    pages: list[PageLayout]   # page by page
    illustrative: bool     # shows at least one illustrative value
    page_height_pt: float  # trim height: placements are measured from the trim box
    kind: Kind
    profile: str = "screen"
    record: FactsheetRecord = field(default_factory=dict)   # what it says (contents.py), written beside the PDF

    def placements(self) -> list[Placement]:
        return [p for page in self.pages for p in page.placements]


def load_dataset(data_dir: Path | None = None, kind_dir: Path | None = None) -> Dataset:
    """The tables of a folder. Each parsed table is cached by its path and bytes,
    so an unchanged table is read without importing pandas and a changed
    one is the only one parsed again. Sentence forms (zinsdelen.csv) come from
    the kind's folder, and from the data folder, whose rows win."""
    from monitor_pdf.data.load import FORMS_FILE, UNITS_FILE, load_forms, load_records, load_units
    from monitor_pdf.model import Dataset

    folder = Path(data_dir) if data_dir else resources.datasets_dir()
    units = folder / UNITS_FILE
    forms = [f for where in (kind_dir, folder) if where and (Path(where) / FORMS_FILE).is_file()
             for f in _cached_side_table(Path(where) / FORMS_FILE, load_forms)]
    return Dataset(load_records(folder, _cached_table),
                   _cached_side_table(units, load_units) if units.is_file() else None, forms)


def _table_key(path: Path) -> str | None:
    try:
        return cache.key_of(cache.code_version("data"), str(path.resolve()),
                            hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError:
        return None


def _tables_cached(folder: Path) -> bool:
    """Whether every table of the folder is in the cache as it is now."""
    keys = [_table_key(p) for p in folder.glob("*.csv")]
    return all(k and cache.get("tables", k) is not None for k in keys)


def _cached_table(path: Path) -> tuple[list[Record], list[DataError]]:
    """(records, problems) of one table; only a table without problems is cached."""
    key = _table_key(path)
    found: tuple[list[Record], list[DataError]] | None = cache.get("tables", key) if key else None
    if found is None:
        from monitor_pdf.data.load import read_table_checked

        found = read_table_checked(path)
        if key and not found[1]:
            cache.put("tables", key, found)
    return found


def _cached_side_table(path: Path, load: Callable[[Path], T]) -> T:
    """The units or sentence-forms table, cached like the value tables."""
    key = _table_key(path)
    found: T | None = cache.get(path.stem, key) if key else None
    if found is None:
        found = load(path.parent)
        if key:
            cache.put(path.stem, key, found)
    return found


def draw_charts(spec: FactsheetSpec, model: FactsheetModel, heights: dict[str, float] | None = None,
                use_cache: bool = True, helper: ChartProcess | None = None) -> dict[str, DisplayList]:
    """Each figure's display list, `heights[block id]` points tall (default: the
    layout's height); from the cache when its data, size, theme and the chart
    code are unchanged (then matplotlib is not even imported). The others are
    drawn here, or by `helper` (a ChartProcess) when there is one."""
    charts, missing = {}, []
    for block in spec.figure_blocks():
        height = (heights or {}).get(block.id, block.height * PT_PER_MM)
        request = (block.chart, model.charts[block.id], spec.block_width(block.id) * PT_PER_MM,
                   height, f"Figuur {block.number} ({block.id})", block.label_share, spec.theme.chart)
        key = cache.key_of(cache.code_version("charts", "displaylist", "theme", "model", "wording"), request)
        cached = cache.get("charts", key) if use_cache else None
        if cached is None:
            missing.append((block.id, key, request))
        else:
            charts[block.id] = cached
    if missing and helper is not None:
        drawn = helper.draw([request for _, _, request in missing])
    elif missing:
        from monitor_pdf.charts.draw import ChartRequest, draw_charts

        drawn = draw_charts([ChartRequest(*request) for _, _, request in missing])
    if missing:
        for (block_id, key, _), display_list in zip(missing, drawn):
            charts[block_id] = display_list
            if use_cache:
                cache.put("charts", key, display_list)
    return charts


def open_factsheet(factsheet: str | Path | None = None, data_dir: Path | None = None) -> tuple[FactsheetSpec, Path]:
    """The kind's checked spec, and the data folder to build it from: the one
    given, else the kind's own (kind.toml `data`)."""
    spec = load_spec(find_kind(factsheet, data_dir))
    return spec, Path(data_dir) if data_dir else spec.kind.data


def default_laag(spec: FactsheetSpec, dataset: Dataset) -> str:
    """The unit built when none is asked for: the kind's, else the first in the data."""
    if spec.kind.laag:
        return spec.kind.laag
    return next(iter(dataset.factsheet_units), dataset.lagen[0])


def check_factsheet(dataset: Dataset, spec: FactsheetSpec, laag: str, jaar: int,
                    data_dir: Path) -> tuple[FactsheetModel, Wording]:
    """Run the stages that need no drawing (model, wording): (model, wording) if the
    data allows this factsheet, else the MonitorError that says why not."""
    from monitor_pdf.model import build_model
    from monitor_pdf.wording.texts import build_wording

    model = build_model(dataset, spec, laag, jaar, data_dir)
    return model, build_wording(model, spec, load_overrides(spec, data_dir, laag, jaar))


def render_factsheet(laag: str | None = None, jaar: int | None = None,
                     data_dir: Path | None = None, spec: FactsheetSpec | None = None,
                     strict: bool = False, profile: str = "screen", use_cache: bool = True,
                     helper: ChartProcess | None = None, factsheet: str | Path | None = None) -> Factsheet:
    """Run every stage for one factsheet. `strict` refuses (StrictError) when any
    value it would show, or that its sentences rest on, is illustrative."""
    from monitor_pdf import theme
    from monitor_pdf.contents import describe
    from monitor_pdf.layout.build import attach_charts, check_printable, make_boxes
    from monitor_pdf.layout.engine import fit_figures, layout_pages
    from monitor_pdf.model import build_model
    from monitor_pdf.render.document import Metadata, render_pdf
    from monitor_pdf.render.profiles import get_profile
    from monitor_pdf.wording.texts import build_wording, illustrative_records

    output_profile = get_profile(profile)
    if spec is None:
        spec, data_dir = open_factsheet(factsheet, data_dir)
    theme.use(spec.theme)
    data_dir = Path(data_dir) if data_dir else spec.kind.data
    dataset = load_dataset(data_dir, spec.kind.directory)
    laag = laag or default_laag(spec, dataset)
    jaar = jaar if jaar is not None else dataset.latest_year
    model = build_model(dataset, spec, laag, jaar, data_dir)
    wording = build_wording(model, spec, load_overrides(spec, data_dir, laag, jaar))
    illustrative_values = illustrative_records(model, wording)
    if strict:
        _refuse_illustrative(illustrative_values, laag, jaar)
    check_printable(spec, model, wording)
    boxes = make_boxes(spec, model, wording)
    fit = fit_figures(spec, boxes)
    attach_charts(boxes, draw_charts(spec, model, fit.heights, use_cache, helper))
    pages = layout_pages(spec, boxes, fit)
    illustrative = bool(illustrative_values)
    header, meta = wording.header, wording.meta
    metadata = Metadata(
        title=f"{header['title']} – {header['subtitle']} – {model.unit.name}",
        author=meta.get("author", ""),
        subject=" ".join(filter(None, (meta.get("subject", ""), meta.get("illustrative", "") if illustrative else ""))),
        keywords=(*(k.strip() for k in meta.get("keywords", "").split(",") if k.strip()), laag, str(jaar)),
    )
    pdf = render_pdf(spec, pages, header, wording.footer, metadata, output_profile)
    record = describe(spec, model, wording, illustrative, pdf, profile)
    return Factsheet(pdf, laag, jaar, pages, illustrative, spec.grid.page_height * PT_PER_MM, spec.kind, profile,
                     record)


def _refuse_illustrative(shown: list[Record], laag: str, jaar: int) -> None:
    """--strict: the illustrative values this factsheet prints or rests on, refused."""
    from monitor_pdf.errors import StrictError
    from monitor_pdf.wording.numbers import format_number

    if shown:
        raise StrictError(
            f"--strict: the factsheet {laag} {jaar} would show or rest on {len(shown)} illustrative "
            f"value{'s' if len(shown) > 1 else ''} (listed above); build without --strict to mark them",
            [f"{Path(r.file).name}:{r.line}: {r.indicator} '{r.item}' {r.laag} {r.jaar} = "
             f"{format_number(r.waarde, 1 if r.waarde % 1 else 0)}% (illustratief)" for r in shown])


def build_factsheet(laag: str | None = None, jaar: int | None = None, data_dir: Path | None = None,
                    output: Path | None = None, strict: bool = False, profile: str = "screen",
                    parallel_start: bool = False, factsheet: str | Path | None = None) -> tuple[Path, Factsheet]:
    """Render and write atomically. Nothing is written when any stage fails.
    `parallel_start` (for a one-shot process): when the tables are new, draw the
    charts in a helper process that imports matplotlib while the data is read."""
    from monitor_pdf.names import output_name

    spec, data_dir = open_factsheet(factsheet, data_dir)
    helper = None
    if parallel_start and not _tables_cached(data_dir):
        from monitor_pdf.chart_process import ChartProcess

        helper = ChartProcess.start()
    try:
        made = render_factsheet(laag, jaar, data_dir, spec=spec, strict=strict, profile=profile, helper=helper)
    except BaseException:     # failed, or stopped (processes.Stopped): the helper goes at once
        if helper is not None:
            helper.stop()
        raise
    if helper is not None:
        helper.close()
    path = Path(output) if output else Path(output_name(spec.kind, made.laag, made.jaar, profile))
    write_factsheet(path, made)
    return path, made


def write_factsheet(path: Path, made: Factsheet) -> Path:
    """Write the PDF, then its record beside it (sidecar.py), each atomically;
    the record's bytes are made before either is written, and a stop signal
    waits until both are (processes.held). Returns the record's path. The record
    names the PDF's sha256: should the second write fail, `verify` and `diff`
    see that the two do not belong together."""
    from monitor_pdf.processes import held
    from monitor_pdf.render.output import write_atomic
    from monitor_pdf.sidecar import encode, sidecar_path

    record = encode(made.record)
    with held():
        write_atomic(path, made.pdf)
        write_atomic(sidecar_path(path), record)
    return sidecar_path(path)
